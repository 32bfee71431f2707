// The HTTP API scaled apart from the gateway: a shard process without the API (PROCESS_ROLE=gateway) and an API process without shards (PROCESS_ROLE=api), on the local Discord and one real PostgreSQL and Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotCluster, type BotCluster } from '../support/bot-cluster.ts';
import { testPostgresUrl } from '../support/databases.ts';

const ready = Boolean(testPostgresUrl && process.env.TEST_REDIS_URL);

describe.skipIf(!ready)(ready ? 'a gateway process and an API-only process' : 'skipped: set TEST_DATABASE_URL and TEST_REDIS_URL to run', () => {
	let cluster: BotCluster;
	let api: string;

	beforeAll(async () => {
		cluster = await startBotCluster({ processes: 1, env: { PROCESS_ROLE: 'gateway' } });
		const started = await cluster.startApiProcess();
		api = started.apiUrl;
		expect(started.bot.logged('HTTP API only: no gateway shard, Discord through its REST API')).toMatchObject({ shardCount: 1 });
		expect(started.bot.logged('Gateway shards connected')).toBeUndefined();
	}, 300_000);
	afterAll(() => cluster?.stop(), 60_000);

	const post = (path: string, body: unknown) => fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

	it('posts to a server’s channel from the API process, which holds no shard', async () => {
		const { server } = cluster;
		for (const guild of server.guilds.slice(0, 3)) {
			const answer = await post('/discord/message', { guildId: guild.id, channel: 'général', content: `depuis l’API ${guild.name}` });
			expect(answer.status).toBe(201);
			const { message } = (await answer.json()) as { message: { id: string; channelId: string } };
			expect(message.channelId).toBe(guild.channels.general);
			expect(server.state.channelMessages(guild.channels.general!).map((posted) => posted.content)).toContain(`depuis l’API ${guild.name}`);
		}
		const unknownChannel = await post('/discord/message', { guildId: server.guild.id, channel: 'nulle-part', content: 'x' });
		expect(unknownChannel.status).toBe(400);
		const notOurs = await post('/discord/message', { guildId: '123456789012345678', channel: 'general', content: 'x' });
		expect(notOurs.status).toBe(400);
		// Several servers: one must be named.
		expect((await post('/discord/message', { channel: 'general', content: 'x' })).status).toBe(400);
	});

	it('lists a server’s members and channels from the API process', async () => {
		const { server } = cluster;
		const guild = server.guilds.at(-1)!;
		const users = (await (await fetch(`${api}/discord/users?guild=${guild.id}`)).json()) as { users: { id: string; status: string }[] };
		expect(users.users.map((user) => user.id)).toEqual(expect.arrayContaining(Object.values(guild.members)));
		// No presence through REST.
		expect(new Set(users.users.map((user) => user.status))).toEqual(new Set(['unknown']));
		const channels = (await (await fetch(`${api}/discord/channels?guild=${guild.id}`)).json()) as { channels: { id: string; name: string }[] };
		expect(channels.channels.map((channel) => channel.id)).toEqual(expect.arrayContaining(Object.values(guild.channels)));
	});

	it('is healthy without a gateway, and counts every shard from the shard processes’ figures', async () => {
		expect((await fetch(`${api}/health`)).status).toBe(200);
		const detailed = (await (await fetch(`${api}/health/detailed`)).json()) as { gateway: { ok: boolean; role: string }; bot: { shardCount: number; missing: number[] } };
		expect(detailed.gateway).toMatchObject({ ok: true, role: 'api' });
		expect(detailed.bot).toMatchObject({ shardCount: 1, missing: [] });
	});

	it('leaves the API to the API processes: the gateway process answers health and metrics only', async () => {
		const gateway = cluster.processes[0]!.apiUrl;
		expect((await fetch(`${gateway}/health`)).status).toBe(200);
		expect((await fetch(`${gateway}/metrics`)).status).toBe(200);
		const refused = await fetch(`${gateway}/discord/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'general', content: 'x' }) });
		expect(refused.status).toBe(404);
		expect((await fetch(`${gateway}/discord/users?guild=${cluster.server.guild.id}`)).status).toBe(404);
		// The gateway process still answers its servers' commands.
		const { server } = cluster;
		await server.sendMessage({ content: '!ping', channelId: server.guild.channels.general!, authorId: server.guild.members.alice! });
		await server.waitForMessage((message) => message.channel_id === server.guild.channels.general && message.author.id === server.botUser.id, 15_000);
	});
});
