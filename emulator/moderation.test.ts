// The local Discord's moderation surface, through the real discord.js client: timeouts, kicks, bans, DMs, message menus.
import { ApplicationCommandType, DiscordAPIError, MessageFlags, PermissionFlagsBits, type Client, type Guild } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSeed, startDiscordServer, type DiscordServer } from './index.ts';
import { createTestClient, loginTestClient } from './test-client.ts';

const day = 24 * 3600 * 1000;

describe('moderation on the local Discord', () => {
	let server: DiscordServer;
	let client: Client;
	let guild: Guild;
	const id = (key: string) => server.guild.members[key]!;
	const rejection = async (promise: Promise<unknown>) => {
		const error = await promise.then(
			() => undefined,
			(caught: unknown) => caught
		);
		if (!(error instanceof DiscordAPIError)) throw new Error(`expected a Discord API error, got ${String(error)}`);
		return { status: error.status, code: error.code, message: error.message };
	};

	beforeEach(async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		await loginTestClient(client, server);
		guild = client.guilds.cache.get(server.guild.id)!;
	});

	afterEach(async () => {
		await client.destroy();
		await server.stop();
	});

	it('times a member out for up to 28 days, refuses longer, and refuses administrators and the owner', async () => {
		const bob = await guild.members.fetch(id('bob'));
		await bob.timeout(2 * 3600 * 1000, 'insultes');
		const stored = server.state.members(guild.id).get(id('bob'))!;
		expect(Date.parse(stored.communicationDisabledUntil!)).toBeGreaterThan(Date.now() + 3600 * 1000);
		expect(server.calls.at(-1)).toMatchObject({ method: 'PATCH', route: '/guilds/:guildId/members/:userId', auditReason: 'insultes', status: 200 });
		expect(bob.isCommunicationDisabled()).toBe(true);

		const tooLong = await rejection(bob.timeout(29 * day));
		expect(tooLong).toMatchObject({ status: 400, code: 50035 });
		await bob.timeout(null);
		expect(server.state.members(guild.id).get(id('bob'))!.communicationDisabledUntil).toBeNull();

		expect(await rejection((await guild.members.fetch(id('admin'))).timeout(60_000))).toMatchObject({ status: 403, code: 50013 });
	});

	it('refuses to act on members at or above the bot’s highest role, and without the permission', async () => {
		const roles = server.guild.roles;
		await server.moveRoles({ [roles.bot!]: 2, [roles.foreman!]: 3 });
		expect(await rejection(guild.members.kick(id('bob')))).toMatchObject({ status: 403, code: 50013, message: 'Missing Permissions' });
		expect(await rejection(guild.bans.create(id('bob')))).toMatchObject({ code: 50013 });
		expect(server.state.members(guild.id).has(id('bob'))).toBe(true);

		await guild.roles.edit(roles.bot!, { permissions: PermissionFlagsBits.SendMessages });
		expect(await rejection(guild.members.kick(id('alice')))).toMatchObject({ code: 50013 });
		expect(server.state.members(guild.id).has(id('alice'))).toBe(true);
	});

	it('kicks, and bans with the last days of messages deleted; refuses a deletion window over 7 days', async () => {
		await guild.members.kick(id('chloe'), 'spam');
		expect(server.state.members(guild.id).has(id('chloe'))).toBe(false);

		const old = await server.sendMessage({ authorId: id('alice'), content: 'il y a longtemps' });
		old.timestamp = new Date(Date.now() - 3 * day).toISOString();
		const recent = await server.sendMessage({ authorId: id('alice'), content: 'pub pub pub' });
		const other = await server.sendMessage({ authorId: id('bob'), content: 'bonjour' });
		expect(await rejection(guild.bans.create(id('alice'), { deleteMessageSeconds: 8 * 24 * 3600 }))).toMatchObject({ status: 400, code: 50035 });
		await guild.bans.create(id('alice'), { deleteMessageSeconds: 24 * 3600, reason: 'pub' });
		expect(server.calls.at(-1)?.body).toEqual({ delete_message_seconds: 86_400 });
		expect(server.state.messages.has(recent.id)).toBe(false);
		expect(server.state.messages.has(old.id)).toBe(true);
		expect(server.state.messages.has(other.id)).toBe(true);
		expect(server.state.bans(guild.id).get(id('alice'))).toEqual({ userId: id('alice'), reason: 'pub' });
		expect(server.state.members(guild.id).has(id('alice'))).toBe(false);

		await guild.bans.remove(id('alice'));
		expect(await rejection(guild.bans.remove(id('alice')))).toMatchObject({ status: 404, code: 10026 });
		expect(await rejection(guild.bans.fetch(id('alice')))).toMatchObject({ code: 10026 });
	});

	it('answers 50007 to a DM for a member who refuses them, and delivers the others', async () => {
		server.refuseDirectMessages(id('bob'));
		const bob = await client.users.fetch(id('bob'));
		expect(await rejection(bob.send('Vous avez reçu un avertissement'))).toMatchObject({ status: 403, code: 50007, message: 'Cannot send messages to this user' });
		const alice = await client.users.fetch(id('alice'));
		await alice.send('Vous avez reçu un avertissement');
		const dm = server.state.channels.get((await alice.createDM()).id)!;
		expect(server.state.channelMessages(dm.id).map((message) => message.content)).toEqual(['Vous avez reçu un avertissement']);
		server.refuseDirectMessages(id('bob'), false);
		await bob.send('à nouveau ouvert');
	});

	it('answers 50007 to a DM for a user who shares no guild with the bot: after leaving, a kick, a ban, until they are back somewhere', async () => {
		const cannotMessage = { status: 403, code: 50007, message: 'Cannot send messages to this user' };
		const chloe = await client.users.fetch(id('chloe'));
		await chloe.send('avant l’expulsion');
		await guild.members.kick(id('chloe'));
		expect(await rejection(chloe.send('après l’expulsion'))).toMatchObject(cannotMessage);
		await server.memberJoins({ userId: id('chloe') });
		await chloe.send('de retour');

		await guild.bans.create(id('chloe'));
		expect(await rejection(chloe.send('après le bannissement'))).toMatchObject(cannotMessage);
		await guild.bans.remove(id('chloe'));
		expect(await rejection(chloe.send('après le débannissement'))).toMatchObject(cannotMessage);

		const alice = await client.users.fetch(id('alice'));
		await server.memberLeaves(id('alice'));
		expect(await rejection(alice.send('après le départ'))).toMatchObject(cannotMessage);
		// A member of another guild the bot is in still gets them.
		const other = server.state.seedGuild({ ...defaultSeed(), members: [] }, server.botUser);
		server.state.addMember(other.id, id('alice'), []);
		await alice.send('sur l’autre serveur');

		const sent = (userId: string) => server.state.channelMessages([...server.state.channels.values()].find((channel) => channel.recipients?.includes(userId))!.id).map((message) => message.content);
		expect(sent(id('chloe'))).toEqual(['avant l’expulsion', 'de retour']);
		expect(sent(id('alice'))).toEqual(['sur l’autre serveur']);
	});

	it('runs a registered message command from a message’s menu, with the target message resolved', async () => {
		await client.application!.commands.set([{ name: 'Signaler', type: ApplicationCommandType.Message }], guild.id);
		const seen = new Promise<{ name: string; content: string; author: string; user: string }>((resolve) =>
			client.on('interactionCreate', async (interaction) => {
				if (!interaction.isMessageContextMenuCommand()) return;
				resolve({ name: interaction.commandName, content: interaction.targetMessage.content, author: interaction.targetMessage.author.id, user: interaction.user.id });
				await interaction.reply({ content: 'Merci', flags: MessageFlags.Ephemeral });
			})
		);
		const target = await server.sendMessage({ authorId: id('bob'), content: 'message douteux' });
		const handle = await server.sendMessageCommand({ name: 'Signaler', messageId: target.id, userId: id('alice') });
		expect(await seen).toEqual({ name: 'Signaler', content: 'message douteux', author: id('bob'), user: id('alice') });
		expect(await handle.reply()).toMatchObject({ content: 'Merci', ephemeral: true });
		await expect(server.sendMessageCommand({ name: 'Inconnu', messageId: target.id })).rejects.toThrow('No message command "Inconnu"');
	});
});
