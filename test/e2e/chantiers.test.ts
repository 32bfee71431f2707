import { ChannelType, OverwriteType, PermissionFlagsBits, type APIMessageTopLevelComponent, type CategoryChannel, type TextChannel } from 'discord.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/db/schema.ts';
import type { StoredChannel } from '../../emulator/index.ts';
import { planning } from '../../plugins/planning/schema.ts';
import { addDays, todayIn } from '../../core/days.ts';
import { tasks } from '../../plugins/tasks/schema.ts';
import { chantiers } from '../../plugins/team/schema.ts';
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

/** Chantiers from creation to archive, as admins and members meet them through the local Discord server. */
describe('admin plugin: chantiers from creation to archive', () => {
	let bot: TestBot;
	const guild = () => bot.server.guild;
	const member = (key: string) => guild().members[key]!;
	const db = () => bot.database.db;
	const state = () => bot.server.state;
	const slash = async (name: string, options: Record<string, string> = {}, userId = member('admin')) =>
		(await bot.server.sendSlashCommand({ name, options, userId })).reply();
	/** Deferred commands: the member sees one answer, the deferred reply filled in. */
	const deferred = async (name: string, options: Record<string, string>, userId = member('admin')) => {
		const handle = await bot.server.sendSlashCommand({ name, options, userId });
		const [first, second] = await handle.waitForResponses(2);
		expect(first).toMatchObject({ kind: 'callback', ephemeral: true });
		expect(second?.kind).toBe('editReply');
		expect(handle.responses).toHaveLength(2);
		return second!;
	};
	const config = async (subcommand: string, options: Record<string, string>) =>
		(await bot.server.sendSlashCommand({ name: 'config', subcommand, options: { plugin: 'admin', ...options }, userId: member('admin') })).reply();
	/** The archived chantier's channels as they were before the archive, for the unarchive to match. */
	let beforeArchive: StoredChannel[] = [];
	const rowOf = async (code: string) => (await db().select().from(chantiers).where(eq(chantiers.code, code)))[0];
	const childrenOf = (categoryId: string) =>
		state()
			.guildChannels(guild().id)
			.filter((channel) => channel.parent_id === categoryId)
			.sort((a, b) => a.position! - b.position!);
	const named = (name: string) => state().guildChannels(guild().id).filter((channel) => channel.name === name);
	const categories = () =>
		state()
			.guildChannels(guild().id)
			.filter((channel) => channel.type === ChannelType.GuildCategory)
			.sort((a, b) => a.position! - b.position!);
	const everyoneOverwrite = (channel: StoredChannel) => channel.permission_overwrites?.find((overwrite) => overwrite.id === guild().id);
	const canWrite = (userKey: string, channelId: string) => (state().permissionsOf(guild().id, member(userKey), channelId) & PermissionFlagsBits.SendMessages) !== 0n;
	const audits = (action: string) => db().select().from(auditLog).where(eq(auditLog.action, action));

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks', 'planning'] });
		for (const plugin of ['admin', 'tasks', 'planning']) {
			if (bot.monster.host.get(plugin)?.status !== 'active') throw new Error(`${plugin} did not load: ${bot.monster.host.get(plugin)?.error}`);
		}
	});
	afterAll(() => bot?.stop());

	it('/creerchantier creates the category, its channels from the template and the record, in one answer', async () => {
		const reply = await deferred('creerchantier', { code: 'CH-2026-017', nom: 'École Jaurès', client: 'Mairie', adresse: '3 rue Jaurès', début: '02/03/2026', fin: '2026-06-30' });
		expect(reply.embeds[0]?.title).toContain('Chantier créé');
		const row = (await rowOf('CH-2026-017'))!;
		expect(row).toMatchObject({ name: 'École Jaurès', client: 'Mairie', address: '3 rue Jaurès', startsOn: '2026-03-02', endsOn: '2026-06-30', status: 'actif' });
		const category = state().channels.get(row.discordCategoryId!)!;
		expect(category).toMatchObject({ type: ChannelType.GuildCategory, name: 'CH-2026-017 · École Jaurès' });
		const channels = childrenOf(category.id);
		expect(channels.map((channel) => channel.name)).toEqual(['général', 'photos', 'planning', 'documents']);
		expect(row.discordChannelId).toBe(channels[0]!.id);
		expect(reply.embeds[0]?.description).toContain(`<#${channels[0]!.id}>`);
		// The template's overwrite: nobody but admins writes in the chantier's planning channel.
		expect(everyoneOverwrite(channels[2]!)?.deny).toBe(String(PermissionFlagsBits.SendMessages));
		expect(canWrite('alice', channels[2]!.id)).toBe(false);
		expect(canWrite('alice', channels[0]!.id)).toBe(true);
		expect(await audits('chantier.create')).toEqual([expect.objectContaining({ kind: 'action_admin', actorId: member('admin'), target: 'CH-2026-017' })]);
		const logged = await bot.server.waitForMessage((message) => message.channel_id === guild().channels.logs);
		expect(logged.embeds[0]?.description).toContain('a créé le chantier **CH-2026-017**');
	});

	it('refuses a code already taken in any case, privately, creating nothing', async () => {
		const before = state().channels.size;
		const reply = await deferred('creerchantier', { code: 'ch-2026-017', nom: 'Autre école' });
		expect(reply.embeds[0]?.description).toContain('Le code « ch-2026-017 » est déjà pris');
		expect(state().channels.size).toBe(before);
	});

	it('refuses a bad code, an unknown date and an end before the start, saying each', async () => {
		const code = await deferred('creerchantier', { code: 'CH 18', nom: 'Gymnase' });
		expect(code.embeds[0]?.description).toContain('Le code « CH 18 » ne convient pas');
		const dates = await deferred('creerchantier', { code: 'CH-18', nom: 'Gymnase', début: 'bientôt', fin: '31/02/2026' });
		expect(dates.embeds[0]?.description).toBe(
			'La date « bientôt » n’est pas reconnue : écrivez par exemple demain, lundi, 25/12, 25/12/2026 ou 2026-12-25.\nLa date « 31/02/2026 » n’est pas reconnue : écrivez par exemple demain, lundi, 25/12, 25/12/2026 ou 2026-12-25.'
		);
		const order = await deferred('creerchantier', { code: 'CH-18', nom: 'Gymnase', début: '2026-05-01', fin: '2026-04-01' });
		expect(order.embeds[0]?.description).toBe('La date de fin est avant la date de début.');
		expect(await rowOf('CH-18')).toBeUndefined();
	});

	it('refuses members who may not manage channels', async () => {
		await expect(slash('creerchantier', { code: 'CH-19', nom: 'Piscine' }, member('alice'))).rejects.toThrow('/creerchantier needs ManageChannels');
		const reply = await withCommandOpenToEveryone(bot.server, 'creerchantier', () => slash('creerchantier', { code: 'CH-19', nom: 'Piscine' }, member('alice')));
		expect(reply.ephemeral).toBe(true);
		expect(reply.embeds[0]?.description).toContain('Gérer les salons');
		expect(await rowOf('CH-19')).toBeUndefined();
	});

	it('removes what it created and writes no record when Discord fails midway', async () => {
		const before = state().channels.size;
		// The category and its first channel are created, the second is refused.
		bot.server.failNextChannelCreations(1, { after: 2 });
		const reply = await deferred('creerchantier', { code: 'CH-20', nom: 'Stade' });
		expect(reply.embeds[0]?.title).toContain('Impossible');
		expect(reply.embeds[0]?.description).toContain('Discord a refusé : Missing Permissions. Rien n’a été gardé');
		expect(state().channels.size).toBe(before);
		expect(named('CH-20 · Stade')).toEqual([]);
		const deleted = bot.server.calls.filter((call) => call.method === 'DELETE' && call.route === '/channels/:channelId');
		expect(deleted.slice(-2).map((call) => call.status)).toEqual([200, 200]);
		expect(await rowOf('CH-20')).toBeUndefined();
		// Nothing is left to block a second try.
		expect((await deferred('creerchantier', { code: 'CH-20', nom: 'Stade' })).embeds[0]?.title).toContain('Chantier créé');
	});

	it('follows the template set with /config, per-role overwrites included, and refuses a role the server lacks', async () => {
		const template = [
			{ name: 'général' },
			{ name: 'direction', overwrites: [{ role: '@everyone', deny: ['ViewChannel'] }, { role: 'Chef de chantier', allow: ['ViewChannel', 'SendMessages'] }] },
			{ name: 'réunion', type: 'vocal' }
		];
		const set = await config('définir', { clé: 'chantierChannels', valeur: JSON.stringify(template) });
		expect(set.embeds[0]?.title).toContain('Réglage modifié');
		const reply = await deferred('creerchantier', { code: 'CH-21', nom: 'Crèche' });
		expect(reply.embeds[0]?.title).toContain('Chantier créé');
		const channels = childrenOf((await rowOf('CH-21'))!.discordCategoryId!);
		expect(channels.map((channel) => [channel.name, channel.type])).toEqual([
			['général', ChannelType.GuildText],
			['direction', ChannelType.GuildText],
			['réunion', ChannelType.GuildVoice]
		]);
		expect(channels[1]!.permission_overwrites).toContainEqual({ id: guild().roles.foreman, type: OverwriteType.Role, allow: String(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages), deny: '0' });
		expect(state().permissionsOf(guild().id, member('alice'), channels[1]!.id) & PermissionFlagsBits.ViewChannel).toBe(0n);
		expect(canWrite('bob', channels[1]!.id)).toBe(true);

		await config('définir', { clé: 'chantierChannels', valeur: JSON.stringify([{ name: 'général', overwrites: [{ role: 'Conducteur de travaux', allow: ['ViewChannel'] }] }]) });
		const before = state().channels.size;
		const refused = await deferred('creerchantier', { code: 'CH-22', nom: 'Halle' });
		expect(refused.embeds[0]?.description).toContain('rôle « Conducteur de travaux » (salon « général »), que ce serveur n’a pas');
		expect(state().channels.size).toBe(before);
		const badValue = await config('définir', { clé: 'chantierChannels', valeur: '[{"name":"général","overwrites":[{"role":"@everyone","deny":["Ecrire"]}]}]' });
		expect(badValue.embeds[0]?.description).toMatch(/^\*\*chantierChannels\.0\.overwrites\.0\.deny\.0\*\* : Option invalide/);
		await config('réinitialiser', { clé: 'chantierChannels' });
	});

	it('/chantier shows the channels, the open tasks and who is planned there this week', async () => {
		const row = (await rowOf('CH-2026-017'))!;
		await db().insert(tasks).values([
			{ guildId: guild().id, title: 'Couler la dalle', creatorId: member('admin'), assigneeId: member('bob'), chantierId: row.id, dueDate: addDays(todayIn('Europe/Paris', new Date()), 1) },
			{ guildId: guild().id, title: 'Déjà fait', creatorId: member('admin'), chantierId: row.id, status: 'terminee' }
		]);
		const now = new Date();
		await db().insert(planning).values({ guildId: guild().id, userId: member('chloe'), type: 'chantier', startsAt: now, endsAt: new Date(now.getTime() + 3_600_000), createdBy: member('admin'), chantierId: row.id });
		const reply = await slash('chantier', { code: 'ch-2026-017' }, member('alice'));
		expect(reply.ephemeral).toBe(true);
		const embed = reply.embeds[0]!;
		expect(embed.title).toBe('ℹ️ 🏗️ CH-2026-017 — École Jaurès');
		const field = (name: string) => embed.fields?.find((candidate) => candidate.name === name)?.value ?? '';
		expect(field('Statut')).toBe('actif');
		expect(field('Client')).toBe('Mairie');
		expect(field('Dates')).toBe('2 mars 2026 → 30 juin 2026');
		expect(field('Salons').split('\n')).toEqual(childrenOf(row.discordCategoryId!).map((channel) => `<#${channel.id}>`));
		expect(field('Tâches ouvertes (1)')).toContain('Couler la dalle');
		// Counted from today, not from the end of the week the section covers.
		expect(field('Tâches ouvertes (1)')).toContain('(demain)');
		expect(field('Tâches ouvertes (1)')).not.toContain('Déjà fait');
		expect(field('Planifiés cette semaine (1)')).toContain(`<@${member('chloe')}>`);
		const byNameWithoutAccents = await slash('chantier', { code: 'ECOLE jaures' }, member('alice'));
		expect(byNameWithoutAccents.embeds[0]?.title).toBe('ℹ️ 🏗️ CH-2026-017 — École Jaurès');
		const unknown = await slash('chantier', { code: 'CH-404' }, member('alice'));
		expect(unknown.embeds[0]?.description).toContain('Aucun chantier « CH-404 »');
	});

	it('/chantiers lists them ten a page, with a status filter', async () => {
		await db().insert(chantiers).values(Array.from({ length: 9 }, (_, index) => ({ guildId: guild().id, code: `LOT-${index + 1}`, name: `Lot ${index + 1}` })));
		const first = await slash('chantiers', {}, member('alice'));
		expect(first.embeds[0]?.title).toContain('Chantiers (12)');
		expect(first.embeds[0]?.footer?.text).toContain('1/2');
		const next = await (await bot.server.clickButton({ messageId: first.messageId!, customId: buttonId(first.components, 'Suivant'), userId: member('alice') })).reply();
		expect(next.embeds[0]?.description?.split('\n')).toHaveLength(2);
		await db().update(chantiers).set({ status: 'en_pause' }).where(eq(chantiers.code, 'LOT-9'));
		const paused = await slash('chantiers', { statut: 'en_pause' }, member('alice'));
		expect(paused.embeds[0]?.title).toContain('Chantiers « en pause » (1)');
		expect(paused.embeds[0]?.description).toBe('**LOT-9** — Lot 9 · en pause');
	});

	it('/chantier writes a chantier with one date only as from or until that day, in French and in English', async () => {
		await db().update(chantiers).set({ startsOn: '2026-12-25' }).where(eq(chantiers.code, 'LOT-1'));
		await db().update(chantiers).set({ endsOn: '2027-01-01' }).where(eq(chantiers.code, 'LOT-2'));
		const dates = async (command: string, code: string, locale?: string) =>
			(await (await bot.server.sendSlashCommand({ name: command, options: { code }, userId: member('alice'), locale })).reply()).embeds[0]?.fields?.find((field) => field.name === 'Dates')?.value;
		expect(await dates('chantier', 'LOT-1')).toBe('à partir du 25 décembre 2026');
		expect(await dates('site', 'LOT-1', 'en-US')).toBe('from 25 December 2026');
		expect(await dates('chantier', 'LOT-2')).toBe('jusqu’au 1er janvier 2027');
		expect(await dates('site', 'LOT-2', 'en-US')).toBe('until 1 January 2027');
	});

	it('autocompletes chantier codes: open ones to archive, archived ones to unarchive, all to show', async () => {
		const choices = (name: string, typed: string, option = 'chantier') => bot.server.sendAutocomplete({ name, options: { [option]: typed }, userId: member('admin') });
		expect(await choices('archiverchantier', 'jaur')).toEqual([{ name: 'CH-2026-017 — École Jaurès', value: 'CH-2026-017' }]);
		expect(await choices('desarchiverchantier', 'jaur')).toEqual([]);
		expect(await choices('archiverchantier', 'ecole jaures')).toEqual([{ name: 'CH-2026-017 — École Jaurès', value: 'CH-2026-017' }]);
		expect((await choices('chantier', 'ch-2', 'code')).map((choice) => choice.value).sort()).toEqual(['CH-20', 'CH-2026-017', 'CH-21']);
		// A chantier created here is offered wherever another plugin asks for one.
		expect(await choices('tache', 'jaur')).toEqual([{ name: 'CH-2026-017 — École Jaurès', value: 'CH-2026-017' }]);
		expect((await choices('planifier', 'jaur')).map((choice) => choice.value)).toHaveLength(1);
	});

	it('/archiverchantier asks, then makes the channels read-only, renames and files the category at the bottom', async () => {
		const row = (await rowOf('CH-2026-017'))!;
		beforeArchive = childrenOf(row.discordCategoryId!).map((channel) => structuredClone(channel));
		const question = await slash('archiverchantier', { chantier: 'CH-2026-017' });
		expect(question.ephemeral).toBe(true);
		expect(question.embeds[0]?.title).toContain('Archiver le chantier CH-2026-017 ?');
		expect(question.embeds[0]?.description).toContain('deviendra « 2026-École Jaurès »');
		expect(question.embeds[0]?.description).toContain('ses 4 salons passeront en lecture seule');
		// Nothing happens before the answer.
		expect((await rowOf('CH-2026-017'))?.status).toBe('actif');
		const [, done] = await (await bot.server.clickButton({ messageId: question.messageId!, customId: buttonId(question.components, 'Archiver'), userId: member('admin') })).waitForResponses(2);
		expect(done?.embeds[0]?.title).toContain('Chantier archivé');
		expect(done?.embeds[0]?.description).toContain('4 salons en lecture seule');
		expect((await rowOf('CH-2026-017'))?.status).toBe('archive');
		const category = state().channels.get(row.discordCategoryId!)!;
		expect(category.name).toBe('2026-École Jaurès');
		expect(categories().at(-1)?.id).toBe(category.id);
		for (const channel of beforeArchive) expect(canWrite('alice', channel.id)).toBe(false);
		expect(await audits('chantier.archive')).toEqual([expect.objectContaining({ actorId: member('admin'), target: 'CH-2026-017', details: expect.objectContaining({ from: 'actif' }) })]);
		const again = await slash('archiverchantier', { chantier: 'CH-2026-017' });
		expect(again.embeds[0]?.description).toContain('est déjà archivé');
		const unknown = await slash('archiverchantier', { chantier: 'CH-404' });
		expect(unknown.embeds[0]?.description).toContain('Aucun chantier « CH-404 »');
	});

	it('/desarchiverchantier puts name, place, overwrites and status back as they were', async () => {
		const row = (await rowOf('CH-2026-017'))!;
		const reply = await deferred('desarchiverchantier', { chantier: 'ch-2026-017' });
		expect(reply.embeds[0]?.title).toContain('Chantier désarchivé');
		expect(reply.embeds[0]?.description).toContain('(statut : actif)');
		expect((await rowOf('CH-2026-017'))?.status).toBe('actif');
		expect(state().channels.get(row.discordCategoryId!)?.name).toBe('CH-2026-017 · École Jaurès');
		expect(categories().at(-1)?.id).not.toBe(row.discordCategoryId);
		for (const channel of beforeArchive) {
			expect(state().channels.get(channel.id)?.permission_overwrites?.map(({ id, allow, deny }) => ({ id, allow, deny }))).toEqual(
				channel.permission_overwrites?.map(({ id, allow, deny }) => ({ id, allow, deny }))
			);
		}
		expect(canWrite('alice', row.discordChannelId!)).toBe(true);
		expect(await audits('chantier.unarchive')).toHaveLength(1);
		const notArchived = await deferred('desarchiverchantier', { chantier: 'CH-2026-017' });
		expect(notArchived.embeds[0]?.description).toContain('n’est pas archivé');
	});

	it('reopens a chantier archived without the bot: the template’s name, writing allowed again, status actif', async () => {
		expect((await deferred('creerchantier', { code: 'CH-40', nom: 'Entrepôt' })).embeds[0]?.title).toContain('Chantier créé');
		const row = (await rowOf('CH-40'))!;
		const client = bot.monster.client;
		const category = client.channels.cache.get(row.discordCategoryId!) as CategoryChannel;
		const main = client.channels.cache.get(row.discordChannelId!) as TextChannel;
		// Archived by hand: renamed, writing refused, status set in the database.
		await category.setName('Vieux chantier');
		await main.permissionOverwrites.edit(guild().id, { SendMessages: false, AddReactions: false });
		await db().update(chantiers).set({ status: 'archive' }).where(eq(chantiers.id, row.id));
		expect(canWrite('alice', main.id)).toBe(false);
		const reply = await deferred('desarchiverchantier', { chantier: 'CH-40' });
		expect(reply.embeds[0]?.description).toContain('(statut : actif)');
		expect(state().channels.get(category.id)?.name).toBe('CH-40 · Entrepôt');
		expect(canWrite('alice', main.id)).toBe(true);
		expect((await rowOf('CH-40'))?.status).toBe('actif');
	});

	it('puts everything back and leaves the chantier open when Discord refuses an archive midway', async () => {
		const row = (await rowOf('CH-21'))!;
		const before = childrenOf(row.discordCategoryId!).map((channel) => channel.permission_overwrites);
		const question = await slash('archiverchantier', { chantier: 'CH-21' });
		// The rename and the category's own overwrites pass; the first channel's overwrites are refused.
		bot.server.failNext('PATCH', '/channels/:channelId', { after: 2 });
		const [, refused] = await (await bot.server.clickButton({ messageId: question.messageId!, customId: buttonId(question.components, 'Archiver'), userId: member('admin') })).waitForResponses(2);
		expect(refused?.embeds[0]?.description).toContain('Discord a refusé : Missing Permissions. Ce qui avait changé a été remis comme avant');
		expect((await rowOf('CH-21'))?.status).toBe('actif');
		expect(state().channels.get(row.discordCategoryId!)?.name).toBe('CH-21 · Crèche');
		expect(childrenOf(row.discordCategoryId!).map((channel) => channel.permission_overwrites)).toEqual(before);
	});

	it('has prefix forms: !chantier shows one, !creerchantier without a name says how to use it', async () => {
		const shown = await bot.server.sendMessage({ content: '!chantier ch-21', authorId: member('alice') });
		const reply = await bot.server.waitForMessage((message) => message.message_reference?.message_id === shown.id);
		expect(reply.embeds[0]?.title).toContain('CH-21 — Crèche');
		const usage = await bot.server.sendMessage({ content: '!creerchantier CH-30', authorId: member('admin') });
		const help = await bot.server.waitForMessage((message) => message.message_reference?.message_id === usage.id);
		expect(help.embeds[0]?.description).toContain('!creerchantier <code> <nom>');
	});

	it('!chantier, !archiverchantier and !desarchiverchantier without a code say how to use them', async () => {
		for (const command of ['!chantier', '!archiverchantier', '!desarchiverchantier']) {
			const typed = await bot.server.sendMessage({ content: command, authorId: member('admin') });
			const reply = await bot.server.waitForMessage((message) => message.message_reference?.message_id === typed.id);
			expect(reply.embeds[0]?.description).toContain('!creerchantier <code> <nom>');
			expect(reply.embeds[0]?.description).not.toContain('« »');
		}
	});

	it('!chantiers filters by a status in words, refuses an unknown one, and says when none has that status', async () => {
		const prefix = async (content: string) => {
			const typed = await bot.server.sendMessage({ content, authorId: member('admin') });
			return (await bot.server.waitForMessage((message) => message.message_reference?.message_id === typed.id)).embeds[0];
		};
		const paused = await prefix('!chantiers en pause');
		expect(paused?.title).toBe('ℹ️ Chantiers « en pause » (1)');
		expect(paused?.description).toContain('LOT-9');
		// As members type it: plural, capitals, accents or none.
		expect((await prefix('!chantiers En Pause'))?.title).toBe('ℹ️ Chantiers « en pause » (1)');
		expect((await prefix('!chantiers actifs'))?.title).toMatch(/^ℹ️ Chantiers « actif » \(\d+\)$/);
		const finished = await prefix('!chantiers termines');
		expect(finished?.title).toBe('ℹ️ Chantiers « terminé » (0)');
		expect(finished?.description).toBe('Aucun chantier « terminé » sur ce serveur : `/chantiers` sans statut les liste tous.');
		const unknown = await prefix('!chantiers fermé');
		expect(unknown?.description).toBe('Statut « fermé » inconnu : `actif`, `en pause`, `terminé`, `archivé`.');
	});

	it('!chantiers answers in the language the member chose with /langue, naming commands as an English client does', async () => {
		// Messages carry no Discord language: only the /langue choice can make the list English.
		await slash('langue', { langue: 'en' }, member('bob'));
		try {
			const typed = await bot.server.sendMessage({ content: '!chantiers', authorId: member('bob') });
			const reply = await bot.server.waitForMessage((message) => message.message_reference?.message_id === typed.id);
			expect(reply.embeds[0]?.title).toMatch(/^ℹ️ Work sites \(\d+\)$/);
			expect(reply.embeds[0]?.description).toContain('· active');
			// English texts name the commands as an English client shows them.
			const unknown = await slash('chantier', { code: 'NOPE' }, member('bob'));
			expect(unknown.embeds[0]?.description).toBe('No work site "NOPE" on this server: `/sites` lists them.');
			const bare = await bot.server.sendMessage({ content: '!site', authorId: member('bob') });
			const usage = await bot.server.waitForMessage((message) => message.message_reference?.message_id === bare.id);
			expect(usage.embeds[0]?.description).toContain('`!newsite <code> <name>`');
			expect(usage.embeds[0]?.description).not.toContain('creerchantier');
		} finally {
			await slash('langue', { langue: 'auto' }, member('bob'));
		}
	});

	it('reads début and fin as members type days elsewhere: hier, demain, a day without its year', async () => {
		const today = todayIn('Europe/Paris', new Date());
		await deferred('creerchantier', { code: 'CH-DATES', nom: 'Dépôt', début: 'hier', fin: 'demain' });
		expect(await rowOf('CH-DATES')).toMatchObject({ startsOn: addDays(today, -1), endsOn: addDays(today, 1) });
		// Typed without its year, last week's day is last week, not next year's.
		const lastWeek = addDays(today, -7);
		await deferred('creerchantier', { code: 'CH-DATES-2', nom: 'Hangar', début: `${lastWeek.slice(8, 10)}/${lastWeek.slice(5, 7)}` });
		expect(await rowOf('CH-DATES-2')).toMatchObject({ startsOn: lastWeek });
	});
});
