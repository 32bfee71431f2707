// The local Discord shards as Discord does: a recommended count, [shard_id, num_shards] at IDENTIFY, each guild's events on one shard.
import type { Client} from 'discord.js';
import { GatewayOpcodes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { shardOfGuild } from './gateway.ts';
import { SHARDED_GUILD_COUNT, startDiscordServer, type DiscordServer } from './index.ts';
import { createTestClient, TEST_INTENTS } from './test-client.ts';

/** IDENTIFYs over a raw socket; resolves with the close code, or with the READY payload. */
function identify(server: DiscordServer, shard: unknown): Promise<{ closed: number } | { ready: Record<string, unknown> }> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(`${server.gatewayUrl}?v=10&encoding=json`);
		socket.on('error', reject);
		socket.on('close', (code) => resolve({ closed: code }));
		socket.on('message', (raw) => {
			const payload = JSON.parse(raw.toString()) as { op: number; t?: string; d: Record<string, unknown> };
			if (payload.op === GatewayOpcodes.Hello) {
				socket.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: server.token, intents: 1, properties: {}, ...(shard === undefined ? {} : { shard }) } }));
			}
			if (payload.t === 'READY') {
				resolve({ ready: payload.d });
				socket.close(1000);
			}
		});
	});
}

describe('the local Discord server shards as Discord does', () => {
	let server: DiscordServer;
	const clients: Client[] = [];

	afterEach(async () => {
		await Promise.all(clients.splice(0).map((client) => client.destroy()));
		await server.stop();
	});

	it('seeds guilds that spread evenly over 1, 2 and 3 shards', async () => {
		server = await startDiscordServer({ seed: { guildCount: SHARDED_GUILD_COUNT } });
		expect(server.guilds).toHaveLength(SHARDED_GUILD_COUNT);
		expect(server.guilds[0]).toBe(server.guild);
		expect(new Set(server.guilds.map((guild) => guild.name)).size).toBe(SHARDED_GUILD_COUNT);
		for (const count of [1, 2, 3]) {
			const perShard = Array.from({ length: count }, (_, shard) => server.guilds.filter((guild) => shardOfGuild(guild.id, count) === shard).length);
			expect(perShard).toEqual(Array.from({ length: count }, () => SHARDED_GUILD_COUNT / count));
		}
	});

	it('recommends a shard count that follows the guild count', async () => {
		server = await startDiscordServer({ seed: { guildCount: SHARDED_GUILD_COUNT }, guildsPerShard: 2 });
		const response = await fetch(`${server.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${server.token}` } });
		const body = (await response.json()) as { shards: number; session_start_limit: { max_concurrency: number } };
		expect(body.shards).toBe(3);
		expect(body.session_start_limit.max_concurrency).toBeGreaterThanOrEqual(3);
	});

	it('refuses a bad shard with 4010 and an overfull one with 4011', async () => {
		server = await startDiscordServer({ seed: { guildCount: SHARDED_GUILD_COUNT }, guildsPerShard: 2 });
		expect(await identify(server, [2, 2])).toEqual({ closed: 4010 });
		expect(await identify(server, [-1, 2])).toEqual({ closed: 4010 });
		expect(await identify(server, [0, 0])).toEqual({ closed: 4010 });
		expect(await identify(server, 'zero')).toEqual({ closed: 4010 });
		// Six guilds on one shard: more than 2.5 × 2.
		expect(await identify(server, [0, 1])).toEqual({ closed: 4011 });
		expect(await identify(server, undefined)).toEqual({ closed: 4011 });
		const ready = await identify(server, [1, 3]);
		expect(ready).toMatchObject({ ready: { shard: [1, 3] } });
	});

	it('lists in READY only the shard’s guilds and sends a guild’s events to its shard only', async () => {
		server = await startDiscordServer({ seed: { guildCount: SHARDED_GUILD_COUNT } });
		const owned = (shards: number[]) => server.guilds.filter((guild) => shards.includes(shardOfGuild(guild.id, 3))).map((guild) => guild.id).sort();
		const seen = new Map<Client, string[]>();
		for (const shards of [[0], [1, 2]]) {
			const client = createTestClient(server, { intents: TEST_INTENTS, shards, shardCount: 3 });
			clients.push(client);
			seen.set(client, []);
			client.on('messageCreate', (message) => seen.get(client)!.push(message.guildId!));
			const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
			await client.login(server.token);
			await ready;
			expect([...client.guilds.cache.keys()].sort()).toEqual(owned(shards));
		}
		for (const guild of server.guilds) await server.sendMessage({ content: `hello ${guild.name}`, channelId: guild.channels.general!, authorId: guild.members.alice! });
		await expect.poll(() => [...seen.values()].flat().length).toBe(SHARDED_GUILD_COUNT);
		const [first, second] = clients;
		expect(seen.get(first!)!.sort()).toEqual(owned([0]));
		expect(seen.get(second!)!.sort()).toEqual(owned([1, 2]));
	});

	it('keeps a client without shard options on one shard holding every guild', async () => {
		server = await startDiscordServer();
		const ready = await identify(server, undefined);
		expect(ready).toMatchObject({ ready: { shard: [0, 1], guilds: [{ id: server.guild.id, unavailable: true }] } });
	});
});
