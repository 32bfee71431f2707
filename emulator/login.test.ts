import { ChannelType, DiscordjsErrorCodes, GatewayIntentBits } from 'discord.js';
import type { Client } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDiscordServer } from './index.ts';
import type { DiscordServer } from './index.ts';
import { createTestClient, loginTestClient } from './test-client.ts';

describe('discord.js logs in to the test server', () => {
	let server: DiscordServer;
	let client: Client | undefined;

	afterEach(async () => {
		await client?.destroy();
		client = undefined;
		await server.stop();
	});

	it('sees the seeded guild with channels, roles, members and presences', async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		await loginTestClient(client, server);

		expect(client.user?.id).toBe(server.botUser.id);
		expect(client.application?.id).toBe(server.applicationId);
		const guild = client.guilds.cache.get(server.guild.id);
		expect(guild?.name).toBe('Monster Sandbox');
		expect(guild?.channels.cache.get(server.guild.channels.general!)?.name).toBe('général');
		expect(guild?.channels.cache.get(server.guild.channels.planning!)?.name).toBe('planning-hebdo');
		expect(guild?.channels.cache.filter((channel) => channel.type === ChannelType.GuildCategory).size).toBe(3);
		expect(guild?.roles.cache.get(server.guild.roles.admin!)?.permissions.has('Administrator')).toBe(true);
		expect(guild?.members.cache.get(server.guild.members.alice!)?.user.username).toBe('alice');
		expect(guild?.members.cache.size).toBe(5);
		expect(guild?.presences.cache.get(server.guild.members.alice!)?.status).toBe('online');

		const adminOnly = guild?.channels.cache.get(server.guild.channels.adminOnly!);
		const alice = guild?.members.cache.get(server.guild.members.alice!);
		const admin = guild?.members.cache.get(server.guild.members.admin!);
		expect(alice && adminOnly?.permissionsFor(alice)?.has('ViewChannel')).toBe(false);
		expect(admin && adminOnly?.permissionsFor(admin)?.has('ViewChannel')).toBe(true);
	});

	it('rejects a wrong token with TokenInvalid', async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		await expect(client.login('not-the-token')).rejects.toMatchObject({ code: DiscordjsErrorCodes.TokenInvalid });
	});

	it('answers heartbeats and keeps the client connected; RESUMEs after op 7', async () => {
		server = await startDiscordServer({ heartbeatIntervalMs: 50 });
		client = createTestClient(server);
		await loginTestClient(client, server);
		await vi.waitFor(() => expect(server!.gateway.heartbeatsReceived).toBeGreaterThanOrEqual(3));
		expect(client.ws.ping).toBeGreaterThanOrEqual(0);

		const resumed = new Promise((resolve) => server.gateway.once('resume', resolve));
		server.requestReconnect();
		await expect(resumed).resolves.toMatchObject({ replayed: 0 });
		const seen = new Promise<string>((resolve) => client!.once('messageCreate', (message) => resolve(message.content)));
		await server.sendMessage({ content: 'after resume' });
		await expect(seen).resolves.toBe('after resume');
	});

	it('answers REQUEST_GUILD_MEMBERS so members.fetch() resolves at once', async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		await loginTestClient(client, server);
		const started = Date.now();
		const members = await client.guilds.cache.get(server.guild.id)!.members.fetch();
		expect(members.size).toBe(5);
		const bob = await client.guilds.cache.get(server.guild.id)!.members.fetch({ query: 'bo', limit: 5 });
		expect([...bob.keys()]).toEqual([server.guild.members.bob]);
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('blanks message content without the MessageContent intent; dispatch() injects events', async () => {
		server = await startDiscordServer();
		client = createTestClient(server, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.GuildPresences] });
		await loginTestClient(client, server);
		const received = new Promise<string>((resolve) => client!.once('messageCreate', (message) => resolve(message.content)));
		await server.sendMessage({ content: 'secret' });
		await expect(received).resolves.toBe('');

		const presence = new Promise<string>((resolve) => client!.once('presenceUpdate', (_old, updated) => resolve(updated.status)));
		await server.dispatch('PRESENCE_UPDATE', { user: { id: server.guild.members.chloe }, guild_id: server.guild.id, status: 'dnd', activities: [], client_status: { desktop: 'dnd' } });
		await expect(presence).resolves.toBe('dnd');
	});

	it('answers unknown routes with a Discord 404 and records them', async () => {
		server = await startDiscordServer();
		const response = await fetch(`${server.apiUrl}/v10/nothing/here`, { headers: { authorization: `Bot ${server.token}` } });
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({ message: '404: Not Found', code: 0 });
		expect(server.calls.at(-1)).toMatchObject({ method: 'GET', path: '/nothing/here', route: null, status: 404 });
		const unauthorized = await fetch(`${server.apiUrl}/v10/users/@me`);
		expect(unauthorized.status).toBe(401);
	});
});
