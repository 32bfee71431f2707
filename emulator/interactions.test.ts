import {
	ActionRowBuilder,
	ApplicationCommandOptionType,
	ApplicationCommandPermissionType,
	ApplicationCommandType,
	ButtonBuilder,
	ButtonStyle,
	ChannelType,
	EmbedBuilder,
	InteractionResponseType,
	MessageFlags,
	ModalBuilder,
	PermissionFlagsBits,
	SlashCommandBuilder,
	StringSelectMenuBuilder,
	TextInputBuilder,
	TextInputStyle
} from 'discord.js';
import type { Client, Interaction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalOf as refusalIn, startDiscordServer } from './index.ts';
import type { DiscordServer } from './index.ts';
import { createTestClient, loginTestClient } from './test-client.ts';

const PLUGINS = ['tasks', 'polls', 'planning'];

const commands = [
	new SlashCommandBuilder()
		.setName('plugins')
		.setDescription('Manage plugins')
		.addSubcommand((sub) =>
			sub
				.setName('disable')
				.setDescription('Disable a plugin')
				.addStringOption((option) => option.setName('name').setDescription('Plugin').setRequired(true).setAutocomplete(true))
				.addBooleanOption((option) => option.setName('force').setDescription('Force'))
		)
		.addSubcommand((sub) => sub.setName('list').setDescription('List plugins')),
	new SlashCommandBuilder()
		.setName('report')
		.setDescription('Weekly report')
		.addIntegerOption((option) => option.setName('week').setDescription('Week').setRequired(true))
		.addUserOption((option) => option.setName('who').setDescription('Member')),
	new SlashCommandBuilder().setName('feedback').setDescription('Send feedback'),
	new SlashCommandBuilder()
		.setName('plan')
		.setDescription('Plan an entry')
		.addStringOption((option) =>
			option.setName('type').setDescription('Type').setRequired(true).addChoices({ name: 'Chantier', value: 'chantier' }, { name: 'Congés', value: 'conges' })
		)
		.addStringOption((option) => option.setName('note').setDescription('Note').setMaxLength(5))
		.addIntegerOption((option) => option.setName('weeks').setDescription('Every N weeks').setMinValue(1).setMaxValue(8))
		.addBooleanOption((option) => option.setName('private').setDescription('Private'))
		.addChannelOption((option) => option.setName('site').setDescription('Site channel').addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement))
].map((builder) => builder.toJSON());

/** Why the local server refused what was sent, in data (what a sandbox says in its reader's language). */
const refusalOf = (sent: Promise<unknown>) => sent.then(
	() => undefined,
	(error: unknown) => refusalIn(error) ?? error
);

async function handle(interaction: Interaction): Promise<void> {
	if (interaction.isAutocomplete()) {
		const typed = String(interaction.options.getFocused());
		await interaction.respond(PLUGINS.filter((name) => name.startsWith(typed)).map((name) => ({ name, value: name })));
	} else if (interaction.isChatInputCommand() && interaction.commandName === 'plugins') {
		const name = interaction.options.getString('name', true);
		const force = interaction.options.getBoolean('force') ?? false;
		await interaction.reply({
			embeds: [new EmbedBuilder().setTitle(`Disable ${name}?`).setDescription(`${interaction.options.getSubcommand()} force=${force}`).setFooter({ text: interaction.locale })],
			components: [
				new ActionRowBuilder<ButtonBuilder>().addComponents(
					new ButtonBuilder().setCustomId('confirm').setLabel('Confirmer').setEmoji('✅').setStyle(ButtonStyle.Success),
					new ButtonBuilder().setCustomId('cancel').setLabel('Annuler').setStyle(ButtonStyle.Secondary).setDisabled(true)
				),
				new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
					new StringSelectMenuBuilder().setCustomId('pick').setPlaceholder('Plugin').addOptions(PLUGINS.map((plugin) => ({ label: plugin, value: plugin })))
				)
			],
			flags: MessageFlags.Ephemeral
		});
	} else if (interaction.isChatInputCommand() && interaction.commandName === 'report') {
		await interaction.deferReply();
		const who = interaction.options.getUser('who');
		await interaction.editReply(`Week ${interaction.options.getInteger('week', true)} ready for ${who?.username ?? 'everyone'}`);
		await interaction.followUp({ content: 'details', flags: MessageFlags.Ephemeral });
	} else if (interaction.isChatInputCommand() && interaction.commandName === 'feedback') {
		await interaction.showModal(
			new ModalBuilder()
				.setCustomId('feedback-modal')
				.setTitle('Feedback')
				.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(new TextInputBuilder().setCustomId('comment').setLabel('Comment').setStyle(TextInputStyle.Paragraph)))
		);
	} else if (interaction.isModalSubmit()) {
		await interaction.reply(`Thanks: ${interaction.fields.getTextInputValue('comment')}`);
	} else if (interaction.isButton() && interaction.customId === 'confirm') {
		await interaction.update({ content: 'Disabled', embeds: [], components: [] });
	} else if (interaction.isStringSelectMenu()) {
		await interaction.deferUpdate();
		await interaction.editReply({ content: `Picked ${interaction.values.join(',')}`, components: [] });
	}
}

describe('interactions', () => {
	let server: DiscordServer;
	let client: Client;

	beforeAll(async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		client.on('interactionCreate', (interaction) => void handle(interaction));
		await loginTestClient(client, server);
		await client.guilds.cache.get(server.guild.id)!.commands.set(commands);
	});

	afterAll(async () => {
		await client.destroy();
		await server.stop();
	});

	it('bulk-overwrites guild commands, keeping ids', async () => {
		const registered = [...server.state.commandScope(server.guild.id).values()];
		expect(registered.map((command) => command.name)).toEqual(['plugins', 'report', 'feedback', 'plan']);
		const again = await client.guilds.cache.get(server.guild.id)!.commands.set(commands.slice(0, 2));
		expect([...again.keys()]).toEqual(registered.slice(0, 2).map((command) => command.id));
		await client.guilds.cache.get(server.guild.id)!.commands.set(commands);
	});

	it('types options from the definition and replies with an ephemeral embed; buttons update it', async () => {
		const handle = await server.sendSlashCommand({ name: 'plugins', subcommand: 'disable', options: { name: 'tasks', force: 'yes' } });
		const reply = await handle.reply();
		expect(reply).toMatchObject({ kind: 'callback', type: InteractionResponseType.ChannelMessageWithSource, ephemeral: true });
		expect(reply.embeds[0]).toMatchObject({ title: 'Disable tasks?', description: 'disable force=true', footer: { text: 'fr' } });

		const click = await server.clickButton({ messageId: reply.messageId!, customId: 'confirm' });
		const update = await click.reply();
		expect(update).toMatchObject({ type: InteractionResponseType.UpdateMessage, content: 'Disabled', components: [], messageId: reply.messageId });
		expect(server.state.messages.get(reply.messageId!)?.content).toBe('Disabled');
	});

	it('refuses disabled buttons and unknown subcommands', async () => {
		const handle = await server.sendSlashCommand({ name: 'plugins', subcommand: 'disable', options: { name: 'polls' } });
		const reply = await handle.reply();
		await expect(server.clickButton({ messageId: reply.messageId!, customId: 'cancel' })).rejects.toThrow(/disabled/);
		await expect(server.sendSlashCommand({ name: 'plugins', subcommand: 'nope' })).rejects.toThrow(/no subcommand "nope"/);
	});

	it('says in data why it refuses a click, a form, a message command or a post, its English message unchanged', async () => {
		const reply = await (await server.sendSlashCommand({ name: 'plugins', subcommand: 'disable', options: { name: 'polls' } })).reply();
		const messageId = reply.messageId!;
		expect(await refusalOf(server.clickButton({ messageId, customId: 'cancel' }))).toEqual({ reason: 'componentDisabled', kind: 'button', label: 'Annuler' });
		expect(await refusalOf(server.clickButton({ messageId, customId: 'pick' }))).toEqual({ reason: 'noSuchComponent', kind: 'button' });
		expect(await refusalOf(server.selectOption({ messageId, customId: 'nope', values: ['polls'] }))).toEqual({ reason: 'noSuchComponent', kind: 'select' });
		expect(await refusalOf(server.clickButton({ messageId: '1', customId: 'confirm' }))).toEqual({ reason: 'messageGone' });
		await expect(server.clickButton({ messageId: '1', customId: 'confirm' })).rejects.toThrow('No message 1');
		expect(await refusalOf(server.sendMessageCommand({ name: 'Archiver', messageId }))).toEqual({ reason: 'noMessageCommand', typed: 'Archiver' });

		await (await server.sendSlashCommand({ name: 'feedback' })).reply();
		expect(await refusalOf(server.submitModal({ customId: 'feedback-modal', fields: { comment: '' } }))).toEqual({ reason: 'fieldRequired', form: 'Feedback', field: 'Comment' });
		await expect(server.submitModal({ customId: 'feedback-modal', fields: { comment: '' } })).rejects.toThrow('Modal "feedback-modal": field "comment" is required');
		expect(await refusalOf(server.submitModal({ customId: 'feedback-modal', fields: { comment: 'ok', note: 'x' } }))).toEqual({
			reason: 'unknownFields',
			form: 'Feedback',
			typed: ['note'],
			fields: ['comment']
		});
		await (await server.submitModal({ customId: 'feedback-modal', fields: { comment: 'ok' } })).reply();
		expect(await refusalOf(server.submitModal({ customId: 'feedback-modal', fields: { comment: 'encore' } }))).toEqual({ reason: 'formClosed' });

		const category = server.guild.channels.generalCategory!;
		expect(await refusalOf(server.sendMessage({ channelId: category, content: 'ici ?' }))).toEqual({ reason: 'category', channel: server.state.channels.get(category)!.name });
		const userId = await server.memberJoins({ username: 'de-passage' });
		await server.memberLeaves(userId);
		const refused = server.sendMessage({ authorId: userId, content: 'encore là ?' });
		await expect(refused).rejects.toMatchObject({ status: 403, code: 50001, message: 'Missing Access' });
		expect(await refusalOf(refused)).toEqual({ reason: 'notInGuild', user: 'de-passage', guild: server.guild.name });
	});

	it('refuses what Discord refuses: unknown or missing options, values outside the choices, wrong types, out of bounds, channels of other types', async () => {
		const plan = (options: Record<string, string | number | boolean>) => server.sendSlashCommand({ name: 'plan', options });
		await expect(plan({ type: 'chantier', colour: 'red' })).rejects.toThrow('/plan: unknown option "colour" (has: type, note, weeks, private, site)');
		await expect(plan({ note: 'x' })).rejects.toThrow('/plan: missing required option(s) type');
		await expect(plan({ type: 'xyz' })).rejects.toThrow('/plan: option "type" must be one of: chantier (Chantier), conges (Congés) (got "xyz")');
		await expect(plan({ type: 'chantier', weeks: 'two' })).rejects.toThrow('Option "weeks" needs an integer, got "two"');
		await expect(plan({ type: 'chantier', private: 'maybe' })).rejects.toThrow('Option "private" needs true or false, got "maybe"');
		await expect(plan({ type: 'chantier', weeks: 9 })).rejects.toThrow('/plan: option "weeks" must be at most 8 (got 9)');
		await expect(plan({ type: 'chantier', note: 'too long' })).rejects.toThrow('/plan: option "note" takes at most 5 characters (got 8)');
		await expect(plan({ type: 'chantier', site: 'Réunion chantier' })).rejects.toThrow(
			'/plan: option "site" takes a text or announcement channel: #Réunion chantier is a voice channel'
		);
		await expect(plan({ type: 'chantier', site: server.guild.channels.worksCategory! })).rejects.toThrow('#Chantiers is a category channel');
		await expect(plan({ type: 'conges', weeks: 8, private: 'non', note: 'ok', site: 'chantier-centre' })).resolves.toBeDefined();
		// « général » names the category Général and its #général: the picker offers only the text channel.
		const sites = new Map<string, string | undefined>();
		const arrived = new Map<string, () => void>();
		const record = (interaction: Interaction) => {
			if (!interaction.isChatInputCommand()) return;
			sites.set(interaction.id, interaction.options.getChannel('site')?.id);
			arrived.get(interaction.id)?.();
		};
		client.on('interactionCreate', record);
		const general = await plan({ type: 'chantier', site: 'général' });
		if (!sites.has(general.id)) await new Promise<void>((resolve) => arrived.set(general.id, resolve));
		client.off('interactionCreate', record);
		expect(sites.get(general.id)).toBe(server.guild.channels.general);

		expect(await refusalOf(plan({ type: 'chantier', colour: 'red' }))).toEqual({ reason: 'unknownOption', command: '/plan', typed: 'colour', options: ['type', 'note', 'weeks', 'private', 'site'] });
		expect(await refusalOf(plan({ note: 'x' }))).toEqual({ reason: 'missingOptions', command: '/plan', options: ['type'] });
		expect(await refusalOf(plan({ type: 'xyz' }))).toEqual({ reason: 'notAChoice', command: '/plan', option: 'type', choices: ['Chantier', 'Congés'], got: 'xyz' });
		expect(await refusalOf(plan({ type: 'chantier', weeks: 'two' }))).toEqual({ reason: 'notAnInteger', command: '/plan', option: 'weeks', got: 'two' });
		expect(await refusalOf(plan({ type: 'chantier', weeks: 0 }))).toEqual({ reason: 'tooSmall', command: '/plan', option: 'weeks', min: 1, got: 0 });
		expect(await refusalOf(plan({ type: 'chantier', note: 'too long' }))).toEqual({ reason: 'tooLong', command: '/plan', option: 'note', max: 5, length: 8 });
		expect(await refusalOf(plan({ type: 'chantier', site: 'nulle-part' }))).toEqual({ reason: 'unknownChannel', command: '/plan', option: 'site', got: 'nulle-part' });
		expect(await refusalOf(plan({ type: 'chantier', site: 'Réunion chantier' }))).toEqual({
			reason: 'wrongChannelType',
			command: '/plan',
			option: 'site',
			channel: 'Réunion chantier',
			type: ChannelType.GuildVoice,
			expected: [ChannelType.GuildText, ChannelType.GuildAnnouncement]
		});
		expect(await refusalOf(server.sendSlashCommand({ name: 'plugins' }))).toEqual({ reason: 'subcommandNeeded', command: '/plugins', subcommands: ['disable', 'list'] });
		expect(await refusalOf(server.sendSlashCommand({ name: 'report', subcommand: 'week' }))).toEqual({ reason: 'unknownSubcommand', command: '/report', typed: 'week', subcommands: [] });
	});

	it('names in its refusals the command, options and choices as the member’s client shows them, and refuses everything to whoever left the server', async () => {
		const guild = client.guilds.cache.get(server.guild.id)!;
		await guild.commands.create({
			name: 'tache',
			nameLocalizations: { 'en-US': 'task' },
			description: 'Crée une tâche',
			options: [
				{ type: ApplicationCommandOptionType.String, name: 'titre', nameLocalizations: { 'en-US': 'title' }, description: 'Titre', required: true },
				{
					type: ApplicationCommandOptionType.String,
					name: 'priorite',
					nameLocalizations: { 'en-US': 'priority' },
					description: 'Priorité',
					choices: [
						{ name: 'Basse', nameLocalizations: { 'en-US': 'Low' }, value: 'basse' },
						{ name: 'Très haute', nameLocalizations: { 'en-US': 'Very high' }, value: 'urgente' }
					]
				}
			]
		});
		const task = (options: Record<string, string>, locale: string) => refusalOf(server.sendSlashCommand({ name: locale === 'fr' ? 'tache' : 'task', options, locale }));
		expect(await task({ priorite: 'basse' }, 'fr')).toEqual({ reason: 'missingOptions', command: '/tache', options: ['titre'] });
		expect(await task({ priority: 'basse' }, 'en')).toEqual({ reason: 'missingOptions', command: '/task', options: ['title'] });
		expect(await task({ title: 'x', priority: 'moyenne' }, 'en')).toEqual({ reason: 'notAChoice', command: '/task', option: 'priority', choices: ['Low', 'Very high'], got: 'moyenne' });
		// The English message stays as tests and logs read it.
		await expect(server.sendSlashCommand({ name: 'task', options: { title: 'x', priority: 'moyenne' }, locale: 'en' })).rejects.toThrow(
			'/task: option "priority" must be one of: basse (Basse), urgente (Très haute) (got "moyenne")'
		);

		// A choice is picked by its value or by the name the member's client shows, whatever the case and accents.
		const picked: string[] = [];
		const pick = async (options: Record<string, string>, locale: string) => {
			const received = new Promise<void>((resolve) =>
				client.once('interactionCreate', (interaction) => {
					if (interaction.isChatInputCommand()) picked.push(interaction.options.getString('priorite') ?? '');
					resolve();
				})
			);
			await server.sendSlashCommand({ name: locale === 'fr' ? 'tache' : 'task', options: { titre: 'x', ...options }, locale });
			await received;
		};
		await pick({ priorite: 'basse' }, 'fr');
		await pick({ priorite: 'Très haute' }, 'fr');
		await pick({ priorite: 'tres HAUTE' }, 'fr');
		await pick({ priorite: 'BASSE' }, 'fr');
		await pick({ priority: 'very high' }, 'en');
		await pick({ priority: 'low' }, 'en');
		expect(picked).toEqual(['basse', 'urgente', 'urgente', 'basse', 'urgente', 'basse']);
		// The name shown in another language is not one the member's client shows them.
		expect(await task({ titre: 'x', priorite: 'low' }, 'fr')).toMatchObject({ reason: 'notAChoice', choices: ['Basse', 'Très haute'], got: 'low' });

		const userId = await server.memberJoins({ username: 'passant' });
		await server.memberLeaves(userId);
		expect(await refusalOf(server.sendSlashCommand({ name: 'plan', options: { type: 'chantier' }, userId }))).toEqual({ reason: 'notAMember', user: 'passant', guild: server.guild.name });
		expect(server.commandsShownTo(userId, server.defaultChannelId)).toEqual([]);
	});

	it('refuses a command to a member lacking its default_member_permissions unless the server’s overrides allow it; administrators and the owner pass', async () => {
		const guild = client.guilds.cache.get(server.guild.id)!;
		await guild.commands.create(new SlashCommandBuilder().setName('purge').setDescription('Delete messages').setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages | PermissionFlagsBits.ModerateMembers));
		await guild.commands.create(new SlashCommandBuilder().setName('lockdown').setDescription('Close every channel').setDefaultMemberPermissions(0));
		await guild.commands.create({ name: 'Archive', type: ApplicationCommandType.Message, defaultMemberPermissions: PermissionFlagsBits.ManageMessages });
		const run = (name: string, key: string) => server.sendSlashCommand({ name, userId: server.guild.members[key]! });

		await expect(run('purge', 'alice')).rejects.toThrow('/purge needs ManageMessages, ModerateMembers (default_member_permissions): Discord does not offer it to alice');
		expect(await refusalOf(run('purge', 'alice'))).toEqual({ reason: 'missingPermissions', command: '/purge', user: 'alice', permissions: ['ManageMessages', 'ModerateMembers'] });
		await expect(server.sendAutocomplete({ name: 'purge', userId: server.guild.members.alice! })).rejects.toThrow('/purge needs');
		await expect(run('purge', 'bob')).resolves.toBeDefined();
		await expect(run('purge', 'admin')).resolves.toBeDefined();
		// Discord's client lists a member only the commands it offers them.
		const listed = (key: string, channelId = server.defaultChannelId) => server.commandsShownTo(server.guild.members[key]!, channelId).map((command) => command.name);
		expect(listed('alice')).toEqual(expect.arrayContaining(['plugins', 'plan']));
		expect(listed('alice')).not.toContain('purge');
		expect(listed('alice')).not.toContain('lockdown');
		expect(listed('alice')).not.toContain('Archive');
		expect(listed('bob')).toContain('purge');
		expect(listed('bob')).not.toContain('lockdown');
		expect(listed('admin')).toEqual(expect.arrayContaining(['purge', 'lockdown']));
		await expect(run('lockdown', 'bob')).rejects.toThrow('/lockdown is for administrators only (default_member_permissions)');
		expect(await refusalOf(run('lockdown', 'bob'))).toEqual({ reason: 'administratorsOnly', command: '/lockdown', user: 'bob' });
		await expect(run('lockdown', 'admin')).resolves.toBeDefined();
		// The owner has every permission, without the Administrator role.
		server.state.members(server.guild.id).get(server.guild.members.admin!)!.roles = [];
		await expect(run('lockdown', 'admin')).resolves.toBeDefined();
		server.state.members(server.guild.id).get(server.guild.members.admin!)!.roles = [server.guild.roles.admin!, server.guild.roles.member!];

		// The server's admin opens them to roles, members or channels in the Integrations settings: the most specific rule decides.
		const { guild: seeded } = server;
		server.setCommandPermissions('lockdown', [{ id: seeded.roles.member!, type: ApplicationCommandPermissionType.Role, permission: true }]);
		await expect(run('lockdown', 'alice')).resolves.toBeDefined();
		server.setCommandPermissions('lockdown', [
			{ id: seeded.roles.member!, type: ApplicationCommandPermissionType.Role, permission: true },
			{ id: seeded.members.alice!, type: ApplicationCommandPermissionType.User, permission: false }
		]);
		await expect(run('lockdown', 'alice')).rejects.toThrow('/lockdown is denied to them in the server’s settings: Discord does not offer it to alice');
		expect(await refusalOf(run('lockdown', 'alice'))).toEqual({ reason: 'deniedInSettings', command: '/lockdown', user: 'alice' });
		await expect(run('lockdown', 'chloe')).resolves.toBeDefined();
		server.setCommandPermissions('purge', [{ id: server.defaultChannelId, type: ApplicationCommandPermissionType.Channel, permission: false }]);
		await expect(run('purge', 'bob')).rejects.toThrow('/purge is turned off in #général in the server’s settings');
		expect(await refusalOf(run('purge', 'bob'))).toEqual({ reason: 'turnedOffInChannel', command: '/purge', user: 'bob', channel: 'général' });
		await expect(server.sendSlashCommand({ name: 'purge', userId: seeded.members.bob!, channelId: seeded.channels.site! })).resolves.toBeDefined();
		expect(listed('bob')).not.toContain('purge');
		expect(listed('bob', seeded.channels.site!)).toContain('purge');
		expect(listed('chloe')).toContain('lockdown');
		expect(listed('alice')).not.toContain('lockdown');
		await expect(run('purge', 'admin')).resolves.toBeDefined();

		const target = await server.sendMessage({ content: 'vieux message' });
		await expect(server.sendMessageCommand({ name: 'Archive', messageId: target.id, userId: server.guild.members.alice! })).rejects.toThrow('« Archive » needs ManageMessages');
		await expect(server.sendMessageCommand({ name: 'Archive', messageId: target.id, userId: server.guild.members.bob! })).resolves.toBeDefined();
	});

	it('select menus with deferUpdate + editReply', async () => {
		const reply = await (await server.sendSlashCommand({ name: 'plugins', subcommand: 'disable', options: { name: 'polls' } })).reply();
		const select = await server.selectOption({ messageId: reply.messageId!, customId: 'pick', values: ['planning'] });
		const [deferred, edited] = await select.waitForResponses(2);
		expect(deferred?.type).toBe(InteractionResponseType.DeferredMessageUpdate);
		expect(edited).toMatchObject({ kind: 'editReply', content: 'Picked planning', messageId: reply.messageId });
	});

	it('deferReply, editReply and followUp', async () => {
		const handle = await server.sendSlashCommand({ name: 'report', options: { week: '12', who: 'bob' } });
		const [deferred, edited, followUp] = await handle.waitForResponses(3);
		expect(deferred?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
		expect(edited).toMatchObject({ kind: 'editReply', content: 'Week 12 ready for bob', ephemeral: false });
		expect(followUp).toMatchObject({ kind: 'followUp', content: 'details', ephemeral: true });
		expect(server.calls.some((call) => call.method === 'PATCH' && call.path.endsWith('/messages/@original'))).toBe(true);
		expect((await server.waitForMessage()).content).toBe('Week 12 ready for bob');
	});

	it('showModal then submitModal', async () => {
		const opened = await (await server.sendSlashCommand({ name: 'feedback' })).reply();
		expect(opened.modal?.custom_id).toBe('feedback-modal');
		const submitted = await server.submitModal({ customId: 'feedback-modal', fields: { comment: 'Super outil' } });
		expect((await submitted.reply()).content).toBe('Thanks: Super outil');
	});

	it('autocomplete returns the choices', async () => {
		const choices = await server.sendAutocomplete({ name: 'plugins', subcommand: 'disable', options: { name: 'p' } });
		expect(choices.map((choice) => choice.value)).toEqual(['polls', 'planning']);
	});
});
