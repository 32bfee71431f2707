import { ChannelType, DiscordAPIError, OverwriteType, PermissionFlagsBits } from 'discord.js';
import type { CategoryChannel, Client, TextChannel } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscordServer } from './index.ts';
import type { DiscordServer } from './index.ts';
import { createTestClient, loginTestClient } from './test-client.ts';

/** Categories and channels edited by the real discord.js client, and failures a test injects. */
describe('channel edits, overwrites and injected failures', () => {
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

	it('creates a category with channels and overwrites, renames, moves and deletes them, keeping state and the client’s cache alike', async () => {
		const memberRole = server.guild.roles.member!;
		const category = await guild().channels.create({ name: 'CH-1 · École', type: ChannelType.GuildCategory });
		const photos = await guild().channels.create({
			name: 'Photos',
			parent: category.id,
			permissionOverwrites: [{ id: memberRole, type: OverwriteType.Role, deny: [PermissionFlagsBits.SendMessages] }]
		});
		expect(server.state.channels.get(photos.id)).toMatchObject({ name: 'photos', parent_id: category.id, permission_overwrites: [{ id: memberRole, deny: String(PermissionFlagsBits.SendMessages) }] });
		await category.setName('2026-École');
		await photos.permissionOverwrites.edit(server.guild.id, { SendMessages: false });
		expect(server.state.channels.get(category.id)?.name).toBe('2026-École');
		expect(server.state.permissionsOf(server.guild.id, server.guild.members.alice!, photos.id) & PermissionFlagsBits.SendMessages).toBe(0n);
		await category.setPosition(guild().channels.cache.filter((channel) => channel.type === ChannelType.GuildCategory).size - 1);
		const categories = server.state.guildChannels(server.guild.id).filter((channel) => channel.type === ChannelType.GuildCategory);
		expect(categories.sort((a, b) => a.position! - b.position!).at(-1)?.id).toBe(category.id);
		await category.delete();
		expect(server.state.channels.has(category.id)).toBe(false);
		// Discord keeps a deleted category's channels, outside any category.
		expect(server.state.channels.get(photos.id)?.parent_id).toBeNull();
		await expect.poll(() => (guild().channels.cache.get(photos.id) as TextChannel | undefined)?.parentId).toBeNull();
	});

	it('fails the next channel creations a test asks for, after the ones it lets through, then works again', async () => {
		server.failNextChannelCreations(1, { after: 1 });
		const first = (await guild().channels.create({ name: 'Lot A', type: ChannelType.GuildCategory })) as CategoryChannel;
		const refused = await guild().channels.create({ name: 'général', parent: first.id }).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(DiscordAPIError);
		expect((refused as DiscordAPIError).code).toBe(50013);
		expect(server.state.guildChannels(server.guild.id).filter((channel) => channel.parent_id === first.id)).toEqual([]);
		expect(server.calls.filter((call) => call.route === '/guilds/:guildId/channels' && call.method === 'POST').map((call) => call.status)).toEqual([200, 403]);
		expect((await guild().channels.create({ name: 'général', parent: first.id })).parentId).toBe(first.id);
	});

	it('sets and removes a role’s overwrite, refusing what Discord refuses, each call recorded', async () => {
		const general = guild().channels.cache.get(server.guild.channels.general!) as TextChannel;
		const memberRole = server.guild.roles.member!;
		const route = '/channels/:channelId/permissions/:overwriteId';
		await client.rest.put(`/channels/${general.id}/permissions/${memberRole}`, { body: { type: 0, allow: String(PermissionFlagsBits.AttachFiles), deny: '0' } });
		expect(server.state.channels.get(general.id)?.permission_overwrites).toContainEqual({ id: memberRole, type: 0, allow: String(PermissionFlagsBits.AttachFiles), deny: '0' });
		await expect.poll(() => general.permissionOverwrites.cache.get(memberRole)?.allow.has(PermissionFlagsBits.AttachFiles)).toBe(true);
		const badType = await client.rest.put(`/channels/${general.id}/permissions/${memberRole}`, { body: { type: 3, allow: '0' } }).catch((error: unknown) => error);
		expect((badType as DiscordAPIError).code).toBe(50035);
		const badBits = await client.rest.put(`/channels/${general.id}/permissions/${memberRole}`, { body: { type: 0, allow: 'tout' } }).catch((error: unknown) => error);
		expect((badBits as DiscordAPIError).code).toBe(50035);
		await general.permissionOverwrites.delete(memberRole);
		expect(server.state.channels.get(general.id)?.permission_overwrites?.some((overwrite) => overwrite.id === memberRole)).toBe(false);
		expect(server.calls.filter((call) => call.route === route).map((call) => [call.method, call.status])).toEqual([
			['PUT', 204],
			['PUT', 400],
			['PUT', 400],
			['DELETE', 204]
		]);
	});
});
