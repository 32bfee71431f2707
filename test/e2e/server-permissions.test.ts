// /configurerpermissions and /auditserveur through the local Discord server: the matrix's categories against the live overwrites, and the server's structure and problems.
import { container } from '@sapphire/framework';
import { ChannelType, PermissionFlagsBits, type APIMessageTopLevelComponent } from 'discord.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/db/schema.ts';
import { coreSettingsOwner } from '../../core/host/settings.ts';
import type { ServerProblems } from '../../plugins/admin/server-audit.ts';
import { startTestBot, withCommandOpenToEveryone, type TestBot } from '../support/bot.ts';

interface Button {
	custom_id?: string;
	label?: string;
}

const buttonId = (components: readonly APIMessageTopLevelComponent[] | undefined, label: string) => {
	const button = (components ?? []).flatMap((row) => ('components' in row ? (row.components as Button[]) : [])).find((candidate) => candidate.label === label);
	if (!button?.custom_id) throw new Error(`no "${label}" button in ${JSON.stringify(components)}`);
	return button.custom_id;
};

describe('admin plugin: the permission matrix’s categories against the server', () => {
	let bot: TestBot;
	let chantierCategory = '';
	const guild = () => bot.server.guild;
	const member = (key: string) => guild().members[key]!;
	const state = () => bot.server.state;
	const slash = async (name: string, options: Record<string, string> = {}, userId = member('admin'), subcommand?: string) =>
		(await bot.server.sendSlashCommand({ name, options, userId, ...(subcommand ? { subcommand } : {}) })).reply();
	const overwriteOf = (channelId: string, roleId: string) => state().channels.get(channelId)?.permission_overwrites?.find((overwrite) => overwrite.id === roleId);
	const childrenOf = (categoryId: string) => state().guildChannels(guild().id).filter((channel) => channel.parent_id === categoryId);
	const matrix = {
		categories: {
			général: [{ role: 'Membre', allow: ['AttachFiles'], deny: ['MentionEveryone'] }],
			chantier: [{ role: 'Chef de chantier', allow: ['ManageMessages'] }, { role: 'Stagiaire', allow: ['ViewChannel'] }]
		}
	};

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin'] });
		const created = await bot.server.sendSlashCommand({ name: 'creerchantier', options: { code: 'CH-1', nom: 'École' }, userId: member('admin') });
		await created.waitForResponses(2);
		chantierCategory = state().guildChannels(guild().id).find((channel) => channel.type === ChannelType.GuildCategory && channel.name === 'CH-1 · École')!.id;
		const set = await slash('config', { plugin: 'core', clé: 'permissions', valeur: JSON.stringify(matrix) }, member('admin'), 'définir');
		expect(set.embeds[0]?.title).toContain('Réglage modifié');
	});
	afterAll(() => bot?.stop());

	it('shows what differs, per channel and role, and changes nothing before the confirmation', async () => {
		const question = await slash('configurerpermissions');
		expect(question.ephemeral).toBe(true);
		// Général: the category and its 2 channels for Membre; the chantier: its category and 4 channels for Chef de chantier.
		expect(question.embeds[0]?.title).toContain('8 permissions à changer');
		const lines = question.embeds[0]?.description?.split('\n') ?? [];
		expect(lines).toContain('📁 Général · Membre : +Joindre des fichiers −Mentionner @everyone, @here et tous les rôles');
		expect(lines).toContain('#planning · Chef de chantier : +Gérer les messages');
		expect(question.embeds[0]?.description).toContain('Rôles de la matrice absents du serveur (ignorés) : Stagiaire');
		expect(overwriteOf(guild().channels.general!, guild().roles.member!)).toBeUndefined();
		const [, done] = await (await bot.server.clickButton({ messageId: question.messageId!, customId: buttonId(question.components, 'Appliquer'), userId: member('admin') })).waitForResponses(2);
		expect(done?.embeds[0]?.title).toContain('Permissions appliquées');
		expect(done?.embeds[0]?.description).toContain('8 permissions changées');
		expect(overwriteOf(guild().channels.general!, guild().roles.member!)).toEqual({
			id: guild().roles.member,
			type: 0,
			allow: String(PermissionFlagsBits.AttachFiles),
			deny: String(PermissionFlagsBits.MentionEveryone)
		});
		// The template's own overwrite on the chantier's planning channel stays: the matrix adds, it does not replace.
		const planning = childrenOf(chantierCategory).find((channel) => channel.name === 'planning')!;
		expect(overwriteOf(planning.id, guild().id)?.deny).toBe(String(PermissionFlagsBits.SendMessages));
		expect(overwriteOf(planning.id, guild().roles.foreman!)?.allow).toBe(String(PermissionFlagsBits.ManageMessages));
		const [row] = await bot.database.db.select().from(auditLog).where(eq(auditLog.action, 'permissions.apply'));
		expect(row).toMatchObject({ kind: 'action_admin', actorId: member('admin'), guildId: guild().id });
		expect((row?.details as { applied: unknown[] }).applied).toHaveLength(8);
		const logged = await bot.server.waitForMessage((message) => message.channel_id === guild().channels.logs && (message.embeds[0]?.description ?? '').includes('matrice des permissions'));
		expect(logged.embeds[0]?.description).toContain(`<@${member('admin')}> a appliqué la matrice des permissions : 8 permissions changées`);
		const again = await slash('configurerpermissions');
		expect(again.embeds[0]?.title).toContain('Permissions conformes');
	});

	it('works on one category only, and says when Discord refuses midway what was changed', async () => {
		// Someone removes the chantier's overwrites for Chef de chantier by hand.
		const places = [chantierCategory, ...childrenOf(chantierCategory).map((child) => child.id)];
		for (const channel of places) await bot.monster.client.rest.delete(`/channels/${channel}/permissions/${guild().roles.foreman!}`);
		const cached = (channelId: string) => bot.monster.client.channels.cache.get(channelId) as { permissionOverwrites: { cache: Map<string, unknown> } } | undefined;
		await expect.poll(() => places.filter((channel) => cached(channel)?.permissionOverwrites.cache.has(guild().roles.foreman!)).length).toBe(0);
		bot.server.failNext('PUT', '/channels/:channelId/permissions/:overwriteId', { after: 2 });
		const question = await slash('configurerpermissions', { catégorie: chantierCategory });
		expect(question.embeds[0]?.title).toContain('5 permissions à changer');
		const [, done] = await (await bot.server.clickButton({ messageId: question.messageId!, customId: buttonId(question.components, 'Appliquer'), userId: member('admin') })).waitForResponses(2);
		expect(done?.embeds[0]?.description).toContain('Discord a refusé après 2 changements sur 5 : Missing Permissions');
		expect(done?.embeds[0]?.description).toContain('2 permissions changées');
		const question2 = await slash('configurerpermissions', { catégorie: chantierCategory });
		expect(question2.embeds[0]?.title).toContain('3 permissions à changer');
	});

	it('refuses members who are not administrators, a category the matrix does not manage, and a channel', async () => {
		await expect(slash('configurerpermissions', {}, member('alice'))).rejects.toThrow('/configurerpermissions needs Administrator');
		const refused = await withCommandOpenToEveryone(bot.server, 'configurerpermissions', () => slash('configurerpermissions', {}, member('alice')));
		expect(refused.embeds[0]?.description).toContain('Il vous manque la permission : Administrateur');
		const unmanaged = await slash('configurerpermissions', { catégorie: guild().channels.adminCategory! });
		expect(unmanaged.embeds[0]?.description).toContain('La matrice ne gère pas la catégorie « Administration »');
		// Discord offers only categories to the slash option: a channel can only be typed with the prefix.
		await expect(slash('configurerpermissions', { catégorie: guild().channels.general! })).rejects.toThrow('takes a category channel: #général is a text channel');
		const typed = await bot.server.sendMessage({ content: `!configurerpermissions <#${guild().channels.general!}>`, authorId: member('admin') });
		const channel = await bot.server.waitForMessage((message) => message.message_reference?.message_id === typed.id);
		expect(channel.embeds[0]?.description).toBe('« général » n’est pas une catégorie.');
	});

	it('/auditserveur attaches the seeded server’s structure as JSON and names each kind of problem', async () => {
		const client = bot.monster.client;
		const discordGuild = client.guilds.cache.get(guild().id)!;
		// A channel outside any category, and a chantier whose category and channel are deleted by hand.
		const loose = await discordGuild.channels.create({ name: 'vrac' });
		const created = await bot.server.sendSlashCommand({ name: 'creerchantier', options: { code: 'CH-2', nom: 'Gymnase' }, userId: member('admin') });
		await created.waitForResponses(2);
		const gymnase = state().guildChannels(guild().id).find((channel) => channel.name === 'CH-2 · Gymnase')!;
		const gymnaseChannels = childrenOf(gymnase.id).map((channel) => channel.id);
		for (const id of [gymnase.id, ...gymnaseChannels]) await client.rest.delete(`/channels/${id}`);
		await expect.poll(() => [gymnase.id, ...gymnaseChannels].some((id) => client.channels.cache.has(id))).toBe(false);
		// A setting naming a channel the server does not have: alerts would go nowhere.
		await container.settings.set(coreSettingsOwner, container.coreSettings, 'alertsChannel', 'alertes', { guildId: guild().id, actor: 'test' });

		const handle = await bot.server.sendSlashCommand({ name: 'auditserveur', userId: member('admin') });
		const [first, done] = await handle.waitForResponses(2);
		expect(first).toMatchObject({ kind: 'callback', ephemeral: true });
		const name = done!.files[0]!;
		expect(name).toMatch(new RegExp(`^audit-${guild().id}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
		const file = bot.server.calls.flatMap((call) => call.files ?? []).find((candidate) => candidate.name === name)!;
		const audit = JSON.parse(file.data.toString('utf8')) as {
			guild: { id: string; name: string; ownerId: string; memberCount: number };
			roles: { id: string; name: string; permissions: string[]; members: number; managed: boolean }[];
			categories: { id: string; name: string; kind: string | null; overwrites: { name: string; allow: string[]; deny: string[] }[]; channels: { id: string; name: string; type: string }[] }[];
			channelsOutsideCategory: { id: string; name: string }[];
			plugins: { name: string; activeHere: boolean; settings: Record<string, unknown> }[];
			coreSettings: { logChannel: string; permissions: unknown };
			problems: ServerProblems;
		};

		// The structure, against the seeded server.
		expect(audit.guild).toEqual({ id: guild().id, name: 'Monster Sandbox', ownerId: member('admin'), memberCount: state().members(guild().id).size });
		const seededCategories = ['Général', 'Chantiers', 'Administration'];
		expect(audit.categories.map((category) => category.name).filter((categoryName) => seededCategories.includes(categoryName))).toEqual(seededCategories);
		const byName = (categoryName: string) => audit.categories.find((category) => category.name === categoryName)!;
		expect(byName('Général')).toMatchObject({ id: guild().channels.generalCategory, kind: 'général' });
		expect(byName('Général').channels.map((channel) => [channel.id, channel.name, channel.type])).toEqual([
			[guild().channels.general, 'général', 'GuildText'],
			[guild().channels.planning, 'planning-hebdo', 'GuildText']
		]);
		expect(byName('Chantiers').channels.map((channel) => [channel.name, channel.type])).toEqual([
			['chantier-centre', 'GuildText'],
			['Réunion chantier', 'GuildVoice']
		]);
		expect(byName('CH-1 · École').kind).toBe('chantier');
		expect(byName('Administration').kind).toBeNull();
		const adminOnly = byName('Administration').channels.find((channel) => channel.name === 'admin-only') as unknown as { overwrites: { name: string; allow: string[]; deny: string[] }[] };
		expect(adminOnly.overwrites).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ name: '@everyone', deny: ['ViewChannel'] }),
				expect.objectContaining({ name: 'Admin', allow: ['ViewChannel'] })
			])
		);
		expect(byName('Général').overwrites).toContainEqual(expect.objectContaining({ name: 'Membre', allow: ['AttachFiles'], deny: ['MentionEveryone'] }));
		const role = (roleName: string) => audit.roles.find((candidate) => candidate.name === roleName)!;
		expect(role('Admin')).toMatchObject({ id: guild().roles.admin, members: 1, permissions: ['Administrator'] });
		expect(role('Membre')).toMatchObject({ members: 4, permissions: [] });
		expect(role('Chef de chantier')).toMatchObject({ members: 1, permissions: expect.arrayContaining(['ManageMessages', 'ModerateMembers']) });
		expect(role('@everyone').members).toBe(audit.guild.memberCount);
		expect(audit.plugins.map((plugin) => plugin.name)).toEqual(['admin', 'team']);
		expect(audit.plugins.find((plugin) => plugin.name === 'admin')).toMatchObject({ activeHere: true, settings: { chantierCategoryName: '{code} · {nom}' } });
		expect(audit.coreSettings).toMatchObject({ logChannel: 'logs', permissions: { categories: { général: [{ role: 'Membre', allow: ['AttachFiles'] }] } } });

		// Each kind of problem.
		expect(audit.problems.channelsOutsideCategory).toEqual([{ id: loose.id, name: 'vrac' }]);
		expect(audit.problems.administratorRoles).toEqual(expect.arrayContaining([{ id: guild().roles.admin, name: 'Admin', managed: false }, expect.objectContaining({ managed: true })]));
		// The previous test left three of the chantier's overwrites unset.
		expect(audit.problems.overwritesDifferFromMatrix).toHaveLength(3);
		expect(audit.problems.overwritesDifferFromMatrix[0]).toMatchObject({ roles: ['Chef de chantier'] });
		expect(audit.problems.chantiersWithChannelsGone).toEqual([{ code: 'CH-2', name: 'Gymnase', missing: ['category', 'channel'] }]);
		expect(audit.problems.channelSettingsMissing).toEqual([{ owner: 'core', key: 'alertsChannel', value: 'alertes' }]);

		const embed = done!.embeds[0]!;
		expect(embed.title).toContain('Audit du serveur');
		expect(embed.fields?.map((field) => field.name)).toEqual([
			'Salons hors catégorie (1)',
			`Rôles avec Administrateur (${audit.problems.administratorRoles.length})`,
			'Salons différents de la matrice (3)',
			'Chantiers dont les salons ont disparu (1)',
			'Réglages qui nomment un salon absent (1)'
		]);
		expect(embed.fields?.[0]?.value).toBe(`<#${loose.id}>`);
		expect(embed.fields?.[3]?.value).toBe('**CH-2** — Gymnase');
		expect(embed.fields?.[4]?.value).toBe('`core` · **alertsChannel** → alertes');
		await container.settings.reset(coreSettingsOwner, container.coreSettings, 'alertsChannel', { guildId: guild().id, actor: 'test' });
	});

	it('/auditserveur is for administrators only', async () => {
		await expect(slash('auditserveur', {}, member('bob'))).rejects.toThrow('/auditserveur needs Administrator');
		const refused = await withCommandOpenToEveryone(bot.server, 'auditserveur', () => slash('auditserveur', {}, member('bob')));
		expect(refused.ephemeral).toBe(true);
		expect(refused.embeds[0]?.description).toContain('Il vous manque la permission : Administrateur');
	});

	it('without a matrix, says how to set one, naming /config set to an English client', async () => {
		const reset = await slash('config', { plugin: 'core', clé: 'permissions' }, member('admin'), 'réinitialiser');
		expect(reset.embeds[0]?.title).toContain('Réglage');
		const french = await slash('configurerpermissions');
		expect(french.embeds[0]?.description).toBe('La matrice ne gère aucune catégorie de ce serveur. Réglez-la avec `/config définir core permissions` (voir docs/permissions.md).');
		const english = await (await bot.server.sendSlashCommand({ name: 'setuppermissions', userId: member('admin'), locale: 'en-US' })).reply();
		expect(english.embeds[0]?.description).toBe('The matrix manages no category of this server. Set it with `/config set core permissions` (see docs/permissions.md).');
	});
});
