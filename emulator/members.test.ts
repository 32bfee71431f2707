import { once } from 'node:events';
import { Events, type Client, type GuildMember, type PartialGuildMember } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscordServer } from './index.ts';
import type { DiscordServer } from './index.ts';
import { createTestClient, loginTestClient } from './test-client.ts';

/** Members arriving and leaving, as the real discord.js client sees them, and roles given to a newcomer. */
describe('members joining and leaving', () => {
	let server: DiscordServer;
	let client: Client;
	const guild = () => client.guilds.cache.get(server.guild.id)!;

	beforeEach(async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		await loginTestClient(client, server);
	});

	afterEach(async () => {
		await client.destroy();
		await server.stop();
	});

	it('dispatches a join with no role, takes a role given by the bot, and dispatches the departure', async () => {
		const joined = once(client, Events.GuildMemberAdd) as Promise<[GuildMember]>;
		const userId = await server.memberJoins({ username: 'dora' });
		const [member] = await joined;
		expect(member).toMatchObject({ id: userId, user: { username: 'dora' } });
		expect(member.roles.cache.map((role) => role.id)).toEqual([server.guild.id]);
		expect(server.state.members(server.guild.id).get(userId)?.roles).toEqual([]);

		await member.roles.add(server.guild.roles.member!);
		expect(server.state.members(server.guild.id).get(userId)?.roles).toEqual([server.guild.roles.member]);
		expect(server.calls.at(-1)).toMatchObject({ method: 'PUT', route: '/guilds/:guildId/members/:userId/roles/:roleId', status: 204 });

		const left = once(client, Events.GuildMemberRemove) as Promise<[GuildMember | PartialGuildMember]>;
		await server.memberLeaves(userId);
		const [gone] = await left;
		expect(gone.id).toBe(userId);
		expect(server.state.members(server.guild.id).has(userId)).toBe(false);
		expect(guild().members.cache.has(userId)).toBe(false);
	});

	it('lets a former member come back, and refuses a banned user and a current member as Discord does', async () => {
		const userId = await server.memberJoins({ username: 'eve' });
		await server.memberLeaves(userId);
		await server.memberJoins({ userId });
		expect(server.state.members(server.guild.id).has(userId)).toBe(true);
		await expect(server.memberJoins({ userId })).rejects.toThrow('already a member');
		await guild().members.ban(userId);
		await expect(server.memberJoins({ userId })).rejects.toThrow('banned');
		await expect(server.memberLeaves(userId)).rejects.toThrow('not a member');
	});

	it('refuses 403 Missing Access to someone who left, was kicked or banned when they post or edit in the guild’s channels', async () => {
		const missingAccess = { status: 403, code: 50001, message: 'Missing Access' };
		const userId = await server.memberJoins({ username: 'fred' });
		const before = await server.sendMessage({ authorId: userId, content: 'bonjour' });
		await server.memberLeaves(userId);
		await expect(server.sendMessage({ authorId: userId, content: 'encore là ?' })).rejects.toMatchObject(missingAccess);
		await expect(server.editMessage(before.id, 'modifié')).rejects.toMatchObject(missingAccess);
		expect(server.state.messages.get(before.id)?.content).toBe('bonjour');

		await server.memberJoins({ userId });
		await server.sendMessage({ authorId: userId, content: 'de retour' });
		await guild().members.kick(userId);
		await expect(server.sendMessage({ authorId: userId, content: 'expulsé' })).rejects.toMatchObject(missingAccess);
		await server.memberJoins({ userId });
		await guild().members.ban(userId);
		await expect(server.sendMessage({ authorId: userId, content: 'banni' })).rejects.toMatchObject(missingAccess);
		expect(server.state.channelMessages(server.defaultChannelId).map((message) => message.content)).toEqual(['bonjour', 'de retour']);
	});
});
