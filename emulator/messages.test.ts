import { AttachmentBuilder, ChannelType } from 'discord.js';
import type { Client, TextChannel } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscordServer } from './index.ts';
import type { DiscordServer } from './index.ts';
import { createTestClient, loginTestClient } from './test-client.ts';

describe('messages and guild state', () => {
	let server: DiscordServer;
	let client: Client;

	beforeEach(async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		client.on('messageCreate', async (message) => {
			if (message.author.bot) return;
			if (message.content === '!ping') await message.reply('pong');
			if (message.content === '!file') await message.channel.send({ content: 'here', files: [new AttachmentBuilder(Buffer.from('a,b'), { name: 'report.csv' })] });
		});
		await loginTestClient(client, server);
	});

	afterEach(async () => {
		await client.destroy();
		await server.stop();
	});

	it('refuses a message or a command in a category, as Discord offers no way to send one there', async () => {
		const category = server.guild.channels.generalCategory!;
		await expect(server.sendMessage({ content: '!ping', channelId: category })).rejects.toThrow('#Général is a category');
		await expect(server.sendSlashCommand({ name: 'ping', channelId: category })).rejects.toThrow('#Général is a category');
		expect(server.state.channelMessages(category)).toEqual([]);
	});

	it('replies pong to !ping', async () => {
		const sent = await server.sendMessage({ content: '!ping' });
		const reply = await server.waitForMessage();
		expect(reply.content).toBe('pong');
		expect(reply.author.id).toBe(server.botUser.id);
		expect(reply.message_reference?.message_id).toBe(sent.id);
		expect(server.calls).toContainEqual(
			expect.objectContaining({ method: 'POST', route: '/channels/:channelId/messages', path: `/channels/${server.guild.channels.general}/messages` })
		);
		const listed = await (client.channels.cache.get(server.guild.channels.general!) as TextChannel).messages.fetch({ limit: 10 });
		expect(listed.map((message) => message.content)).toEqual(['pong', '!ping']);
	});

	it('stores multipart uploads and serves them', async () => {
		await server.sendMessage({ content: '!file' });
		const message = await server.waitForMessage();
		expect(message.attachments.map((attachment) => attachment.filename)).toEqual(['report.csv']);
		const call = server.calls.find((recorded) => recorded.files);
		expect(call?.body).toMatchObject({ content: 'here' });
		expect(call?.files?.[0]).toMatchObject({ name: 'report.csv', size: 3 });
		const download = await fetch(message.attachments[0]!.url);
		expect(await download.text()).toBe('a,b');
	});

	it('edits and deletes, and reports Discord errors', async () => {
		const channel = client.channels.cache.get(server.guild.channels.general!) as TextChannel;
		const sent = await channel.send('draft');
		await sent.edit('final');
		expect(server.state.messages.get(sent.id)?.content).toBe('final');
		await sent.delete();
		expect(server.state.messages.has(sent.id)).toBe(false);
		await expect(channel.messages.fetch(sent.id)).rejects.toMatchObject({ code: 10008, status: 404 });
		await expect(channel.send({})).rejects.toMatchObject({ code: 50006 });
		await expect(channel.send('x'.repeat(2001))).rejects.toMatchObject({ code: 50035 });
		// Each part within its own limit, 6,001 characters together: Discord refuses the whole.
		const field = { name: 'n', value: 'v'.repeat(999) };
		const oversized = { title: 't', description: 'd'.repeat(4000), fields: [field, field] };
		await expect(channel.send({ embeds: [oversized] })).rejects.toMatchObject({ code: 50035, message: expect.stringContaining('6000') });
		await channel.send({ embeds: [{ ...oversized, description: 'd'.repeat(3999) }] });
	});

	it('sees user edits and deletes', async () => {
		const updated = new Promise<string>((resolve) => client.once('messageUpdate', (_old, message) => resolve(message.content ?? '')));
		const deleted = new Promise<string>((resolve) => client.once('messageDelete', (message) => resolve(message.id)));
		const message = await server.sendMessage({ content: 'typo' });
		await server.editMessage(message.id, 'fixed');
		await expect(updated).resolves.toBe('fixed');
		await server.deleteMessage(message.id);
		await expect(deleted).resolves.toBe(message.id);
	});

	it('keeps channels, roles, timeouts and bans in step with the client cache', async () => {
		const guild = client.guilds.cache.get(server.guild.id)!;
		const created = await guild.channels.create({ name: 'Chantier Nord', parent: server.guild.channels.worksCategory!, reason: 'new site' });
		expect(created.name).toBe('chantier-nord');
		expect(guild.channels.cache.get(created.id)?.parentId).toBe(server.guild.channels.worksCategory);
		expect(server.state.channels.get(created.id)?.name).toBe('chantier-nord');
		expect(server.calls.at(-1)?.auditReason).toBe('new site');
		await created.setName('chantier-sud');
		expect(server.state.channels.get(created.id)?.name).toBe('chantier-sud');

		const role = await guild.roles.create({ name: 'Électricien', color: 0x00ff00 });
		expect(guild.roles.cache.get(role.id)?.name).toBe('Électricien');

		const alice = guild.members.cache.get(server.guild.members.alice!)!;
		const memberUpdated = new Promise((resolve) => client.once('guildMemberUpdate', resolve));
		await alice.roles.add(role);
		await memberUpdated;
		expect(server.state.members(server.guild.id).get(alice.id)?.roles).toContain(role.id);
		expect(guild.members.cache.get(alice.id)?.roles.cache.has(role.id)).toBe(true);

		const timedOut = new Promise((resolve) => client.once('guildMemberUpdate', resolve));
		await alice.timeout(60_000, 'spam');
		await timedOut;
		expect(server.state.members(server.guild.id).get(alice.id)?.communicationDisabledUntil).toBeTruthy();
		expect(guild.members.cache.get(alice.id)?.isCommunicationDisabled()).toBe(true);

		const banned = new Promise((resolve) => client.once('guildBanAdd', resolve));
		await guild.members.ban(server.guild.members.bob!, { reason: 'vandalisme' });
		await banned;
		expect(server.state.bans(server.guild.id).get(server.guild.members.bob!)?.reason).toBe('vandalisme');
		expect(guild.members.cache.has(server.guild.members.bob!)).toBe(false);
		expect((await guild.bans.fetch()).size).toBe(1);
		await guild.members.unban(server.guild.members.bob!);
		expect(server.state.bans(server.guild.id).size).toBe(0);

		await created.delete();
		expect(guild.channels.cache.has(created.id)).toBe(false);
		expect(guild.channels.cache.filter((channel) => channel.type === ChannelType.GuildText).size).toBe(5);
	});

	it('opens DMs', async () => {
		const alice = await client.users.fetch(server.guild.members.alice!);
		const dm = await alice.send('hello in private');
		expect(server.state.channels.get(dm.channelId)?.type).toBe(ChannelType.DM);
		expect((await server.waitForMessage()).content).toBe('hello in private');
	});
});
