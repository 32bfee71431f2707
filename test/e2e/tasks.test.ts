import { container } from '@sapphire/framework';
import { eq, like } from 'drizzle-orm';
import type { APIEmbed, APIMessageTopLevelComponent } from 'discord.js';
import { ChannelType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';
import type { BotReply } from '../../emulator/types.ts';
import { calendarDay } from '../../core/i18n.ts';
import { addDays, todayIn } from '../../core/days.ts';
import { tasks } from '../../plugins/tasks/schema.ts';
import { createTask, shortCode, type Task } from '../../plugins/tasks/tasks.ts';
import { chantiers } from '../../plugins/team/schema.ts';

interface Button {
	custom_id?: string;
	label?: string;
	disabled?: boolean;
}

const zone = 'Europe/Paris';
const today = () => todayIn(zone, new Date());
const buttonsOf = (components: readonly APIMessageTopLevelComponent[] | undefined): Button[] =>
	(components ?? []).flatMap((row) => ('components' in row ? (row.components as Button[]) : []));
const buttonId = (components: readonly APIMessageTopLevelComponent[] | undefined, label: string) => {
	const button = buttonsOf(components).find((candidate) => candidate.label === label);
	if (!button?.custom_id) throw new Error(`no "${label}" button in ${JSON.stringify(components)}`);
	return button.custom_id;
};
const field = (embed: APIEmbed | undefined, name: string) => embed?.fields?.find((candidate) => candidate.name === name)?.value;
const description = (reply: BotReply) => reply.embeds[0]?.description ?? '';

describe('tasks plugin, end to end through the local Discord server', () => {
	let bot: TestBot;
	let guildId: string;
	let siteChantier: string;
	const member = (key: string) => bot.server.guild.members[key]!;
	const db = () => bot.database.db;
	const slash = async (name: string, options: Record<string, string | number | boolean> = {}, userId = member('alice'), locale?: string) =>
		(await bot.server.sendSlashCommand({ name, options, userId, ...(locale ? { locale } : {}) })).reply();
	const prefix = async (content: string, authorId = member('alice')) => {
		const sent = await bot.server.sendMessage({ content, authorId });
		return bot.server.waitForMessage((message) => message.message_reference?.message_id === sent.id);
	};
	const rows = () => db().select().from(tasks);
	const row = async (id: string) => (await db().select().from(tasks).where(eq(tasks.id, id)))[0]!;
	const seed = async (input: Partial<Parameters<typeof createTask>[1]> & { title: string }): Promise<Task> => {
		const outcome = await createTask(db(), { guildId, creatorId: member('alice'), ...input }, { timeZone: zone, now: new Date() });
		if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
		return outcome.value;
	};
	const dmsOf = (userId: string) => {
		const channel = [...bot.server.state.channels.values()].find((candidate) => candidate.type === ChannelType.DM && candidate.recipients?.includes(userId));
		return channel ? bot.server.state.channelMessages(channel.id) : [];
	};

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks'] });
		if (bot.monster.host.get('tasks')?.status !== 'active') throw new Error(`tasks did not load: ${bot.monster.host.get('tasks')?.error}`);
		guildId = bot.server.guild.id;
		const [site] = await db()
			.insert(chantiers)
			.values([
				{ guildId, code: 'CH-001', name: 'Centre-ville', discordChannelId: bot.server.guild.channels.site },
				{ guildId, code: 'CH-002', name: 'Gymnase' }
			])
			.returning();
		siteChantier = site!.id;
	});
	afterAll(() => bot?.stop());

	it('registers /tache, /taches and /done, French first with English localizations', () => {
		const commands = [...bot.server.state.commandScope(guildId).values()];
		const byName = (name: string) => commands.find((command) => command.name === name)!;
		expect(byName('tache').name_localizations?.['en-US']).toBe('task');
		expect(byName('taches').name_localizations?.['en-US']).toBe('tasks');
		expect(byName('done').description).toBe('Marque une tâche comme terminée');
		expect(byName('tache').options?.map((option) => [option.name, option.name_localizations?.['en-US']])).toEqual([
			['titre', 'title'],
			['echeance', 'due'],
			['priorite', 'priority'],
			['assigne', 'assignee'],
			['chantier', 'site'],
			['tags', undefined],
			['description', undefined]
		]);
	});

	describe('/tache and !tache', () => {
		it('creates a task from slash options and shows it, escaped, its due day in words', async () => {
			const reply = await slash('tache', {
				titre: 'Réparer la clôture @everyone',
				echeance: 'demain',
				priorite: 'haute',
				assigne: member('bob'),
				chantier: 'ch-001',
				tags: 'Clôture, urgent,#urgent',
				description: 'Côté **rue**'
			});
			expect(reply.ephemeral).toBe(false);
			const embed = reply.embeds[0]!;
			expect(embed.title).toBe('✅ Tâche créée : Réparer la clôture @\u200beveryone');
			expect(embed.description).toBe('Côté \\*\\*rue\\*\\*');
			const tomorrow = addDays(today(), 1);
			expect(field(embed, 'Échéance')).toBe(`${calendarDay(tomorrow, 'fr')} (demain)`);
			expect(field(embed, 'Priorité')).toBe('🟠 Haute');
			expect(field(embed, 'Assignée à')).toBe(`<@${member('bob')}>`);
			expect(field(embed, 'Chantier')).toBe('CH-001');
			expect(field(embed, 'Étiquettes')).toBe('`clôture` `urgent`');

			const [stored] = (await rows()).filter((task) => task.title.startsWith('Réparer la clôture'));
			expect(stored).toMatchObject({
				title: 'Réparer la clôture @everyone',
				description: 'Côté **rue**',
				priority: 'haute',
				status: 'a_faire',
				dueDate: tomorrow,
				tags: ['clôture', 'urgent'],
				assigneeId: member('bob'),
				creatorId: member('alice'),
				chantierId: siteChantier,
				completedAt: null
			});
			expect(field(embed, 'Code')).toBe(`\`#${shortCode(stored!)}\``);
			const call = bot.server.calls.findLast((candidate) => candidate.path.includes('/callback'));
			expect((call?.body as { data?: { allowed_mentions?: unknown } }).data?.allowed_mentions).toMatchObject({ parse: [] });
		});

		it('answers English members in English', async () => {
			const reply = await slash('tache', { titre: 'Check scaffolding', priorite: 'urgente' }, member('chloe'), 'en-US');
			expect(reply.embeds[0]?.title).toBe('✅ Task created: Check scaffolding');
			expect(field(reply.embeds[0], 'Priority')).toBe('🔴 Urgent');
		});

		it('refuses bad arguments ephemerally, says what to fix, and writes nothing', async () => {
			const before = (await rows()).length;
			// Discord itself refuses a title or description beyond the option's maximum length (the API route checks them too).
			await expect(slash('tache', { titre: 'x'.repeat(201) })).rejects.toThrow('/tache: option "titre" takes at most 200 characters (got 201)');
			const reply = await slash('tache', {
				titre: 'Dalle',
				echeance: 'hier',
				chantier: 'CH-999',
				tags: Array.from({ length: 11 }, (_, index) => `t${index}`).join(',')
			});
			expect(reply.ephemeral).toBe(true);
			expect(reply.embeds[0]?.title).toBe('⚠️ Rien n’a été enregistré');
			const lines = description(reply).split('\n');
			expect(lines).toEqual([
				'• 11 étiquettes : 10 au plus.',
				`• L’échéance du ${calendarDay(addDays(today(), -1), 'fr')} est passée : choisissez aujourd’hui ou plus tard.`,
				'• Aucun chantier « CH-999 » : choisissez un code proposé.'
			]);
			const unreadable = await slash('tache', { titre: 'Dalle', echeance: 'un de ces jours' });
			expect(description(unreadable)).toContain('Échéance « un de ces jours » non comprise');
			expect((await rows()).length).toBe(before);
		});

		it('refuses a task on an archived chantier, naming it, in the member\'s language, and does not suggest it', async () => {
			await db().insert(chantiers).values({ guildId, code: 'CH-003', name: 'Ancienne école', status: 'archive' });
			const before = (await rows()).length;
			const french = await slash('tache', { titre: 'Repeindre le préau', chantier: 'CH-003' }, member('admin'));
			expect(french.ephemeral).toBe(true);
			expect(description(french)).toBe('• Le chantier CH-003 « Ancienne école » est archivé : choisissez un chantier en cours (un admin peut le rouvrir avec `/desarchiverchantier`).');
			const english = await slash('tache', { titre: 'Paint the playground', chantier: 'ancienne' }, member('admin'), 'en-US');
			expect(description(english)).toBe('• Work site CH-003 "Ancienne école" is archived: pick an ongoing one (an admin can reopen it with `/unarchivesite`).');
			const typed = await prefix('!tache Repeindre le préau chantier:CH-003', member('admin'));
			expect(typed.embeds[0]?.description).toContain('Le chantier CH-003 « Ancienne école » est archivé');
			expect((await rows()).length).toBe(before);
			expect(await bot.server.sendAutocomplete({ name: 'tache', options: { chantier: 'école' }, focused: 'chantier' })).toEqual([]);
		});

		it('opens a form without arguments, keeps slash options given, and reopens a refused form filled in', async () => {
			const opened = await slash('tache', { assigne: member('chloe') }, member('bob'));
			expect(opened.modal?.title).toBe('Nouvelle tâche');
			const customId = opened.modal!.custom_id;

			const refused = await (
				await bot.server.submitModal({ customId, userId: member('bob'), fields: { title: 'Poser les plinthes', description: '', due: 'bientôt', priority: 'max', tags: '' } })
			).reply();
			expect(refused.ephemeral).toBe(true);
			expect(description(refused)).toContain('Priorité « max » inconnue');
			expect(description(refused)).toContain('Échéance « bientôt » non comprise');
			expect((await rows()).some((task) => task.title === 'Poser les plinthes')).toBe(false);

			const reopened = await (
				await bot.server.clickButton({ messageId: refused.messageId!, customId: buttonId(refused.components, 'Corriger le formulaire'), userId: member('bob') })
			).reply();
			expect(JSON.stringify(reopened.modal)).toContain('"value":"bientôt"');
			const done = await (
				await bot.server.submitModal({
					customId: reopened.modal!.custom_id,
					userId: member('bob'),
					fields: { title: 'Poser les plinthes', description: 'Salle 2', due: '25/12', priority: 'basse', tags: 'finitions' }
				})
			).reply();
			expect(done.embeds[0]?.title).toBe('✅ Tâche créée : Poser les plinthes');
			const stored = (await rows()).find((task) => task.title === 'Poser les plinthes')!;
			expect(stored).toMatchObject({ priority: 'basse', assigneeId: member('chloe'), creatorId: member('bob'), tags: ['finitions'], description: 'Salle 2' });
			expect(stored.dueDate).toMatch(/-12-25$/);
		});

		it('lets the kit refuse an empty title in the form', async () => {
			const opened = await slash('tache', {}, member('bob'));
			const refused = await (await bot.server.submitModal({ customId: opened.modal!.custom_id, userId: member('bob'), fields: { title: '   ' } })).reply();
			expect(refused.ephemeral).toBe(true);
			expect(description(refused)).toContain('Intitulé');
		});

		it('creates a task from the documented prefix grammar', async () => {
			const reply = await prefix(`!tache Réparer le portail demain priorite:haute <@${member('bob')}> #CH-001 tags:portail,serrure desc:"Côté cour"`);
			expect(reply.embeds[0]?.title).toBe('✅ Tâche créée : Réparer le portail');
			const stored = (await rows()).find((task) => task.title === 'Réparer le portail')!;
			expect(stored).toMatchObject({
				priority: 'haute',
				dueDate: addDays(today(), 1),
				assigneeId: member('bob'),
				chantierId: siteChantier,
				tags: ['portail', 'serrure'],
				description: 'Côté cour'
			});
			const byName = await prefix('!task Vérifier les extincteurs pour:@chloe échéance:2099-01-15 chantier:<#' + bot.server.guild.channels.site + '>');
			expect(byName.embeds[0]?.title).toBe('✅ Tâche créée : Vérifier les extincteurs');
			expect((await rows()).find((task) => task.title === 'Vérifier les extincteurs')).toMatchObject({
				assigneeId: member('chloe'),
				dueDate: '2099-01-15',
				chantierId: siteChantier
			});
		});

		it('refuses a bad prefix command and writes nothing', async () => {
			const before = (await rows()).length;
			const reply = await prefix('!tache Couler la dalle echeance:hier priorite:enorme');
			expect(reply.embeds[0]?.title).toBe('⚠️ Rien n’a été enregistré');
			expect(reply.embeds[0]?.description).toContain('Priorité « enorme » inconnue');
			expect(reply.embeds[0]?.description).toContain('est passée');
			const unknown = await prefix('!tache Couler la dalle pour:@personne');
			expect(unknown.embeds[0]?.description).toContain('Aucun membre « personne »');
			expect((await rows()).length).toBe(before);
		});

		it('refuses a day that does not exist in the prefix form as the slash form does', async () => {
			const before = (await rows()).length;
			const typed = await prefix('!tache Réunion 31/02');
			const picked = await slash('tache', { titre: 'Réunion', echeance: '31/02' });
			expect(typed.embeds[0]?.title).toBe('⚠️ Rien n’a été enregistré');
			expect(typed.embeds[0]?.description).toBe('• La date « 31/02 » n’existe pas.');
			expect(picked.embeds[0]?.description).toBe(typed.embeds[0]?.description);
			expect((await rows()).length).toBe(before);
		});

		it('!tache alone shows the grammar and a button that opens the form', async () => {
			const help = await prefix('!tache');
			expect(help.embeds[0]?.title).toBe('ℹ️ Aide : tâches');
			expect(help.embeds[0]?.description).toContain('priorite:haute');
			const modal = await (await bot.server.clickButton({ messageId: help.id, customId: buttonId(help.components, 'Ouvrir le formulaire') })).reply();
			expect(modal.modal?.title).toBe('Nouvelle tâche');
			const other = await (await bot.server.clickButton({ messageId: help.id, customId: buttonId(help.components, 'Ouvrir le formulaire'), userId: member('bob') })).reply();
			expect(other.ephemeral).toBe(true);
		});

		it('!aide tache shows the prefix grammar !tache aide shows, then the slash form; /aide tache the slash form', async () => {
			// Chloé: Alice has run /tache up to its rate limit by now.
			const grammar = (await prefix('!tache aide', member('chloe'))).embeds[0]?.description;
			const asked = await prefix('!aide tache', member('chloe'));
			const usage = asked.embeds[0]?.fields?.find((field) => field.name === 'Utilisation')?.value;
			expect(grammar).toContain(usage?.split('\n')[0]);
			expect(usage?.split('\n')[0]).toBe('`!tache <intitulé> [échéance] [clé:valeur…] [@membre] [#CODE]`');
			expect(usage).toContain('`/tache [titre] [echeance]');
			const slash = await (await bot.server.sendSlashCommand({ name: 'help', options: { commande: 'tache' } })).reply();
			expect(slash.embeds[0]?.fields?.[0]?.value).not.toContain('!tache');
		});

		it('suggests chantiers, tags and the day a due date will be read as', async () => {
			const chantierChoices = await bot.server.sendAutocomplete({ name: 'tache', options: { chantier: 'gym' }, focused: 'chantier' });
			expect(chantierChoices).toEqual([{ name: 'CH-002 — Gymnase', value: 'CH-002' }]);
			const tagChoices = await bot.server.sendAutocomplete({ name: 'tache', options: { tags: 'portail, ser' }, focused: 'tags' });
			expect(tagChoices.map((choice) => choice.value)).toContain('portail, serrure');
			const dueChoices = await bot.server.sendAutocomplete({ name: 'tache', options: { echeance: 'demain' }, focused: 'echeance' });
			expect(dueChoices).toHaveLength(1);
			expect(dueChoices[0]?.value).toBe(addDays(today(), 1));
			expect(dueChoices[0]?.name).toMatch(/^demain → /);
		});
	});

	describe('/taches and !taches', () => {
		beforeAll(async () => {
			for (let index = 1; index <= 17; index += 1) await seed({ title: `Lot ${String(index).padStart(2, '0')}`, tags: ['lot'], priority: 'basse' });
			await seed({ title: 'Urgence fuite', priority: 'urgente', assigneeId: member('chloe'), chantier: 'CH-002', tags: ['plomberie'] });
			// Overdue: written directly, since createTask refuses a past due date.
			await db().insert(tasks).values({ guildId, title: 'Facture en retard', creatorId: member('alice'), dueDate: addDays(today(), -3), priority: 'normale' });
		});

		it('lists open tasks most urgent first, 8 a page, and turns pages with the buttons', async () => {
			const first = await slash('taches', {}, member('admin'));
			const total = (await rows()).filter((task) => ['a_faire', 'en_cours', 'en_attente'].includes(task.status)).length;
			expect(first.embeds[0]?.title).toBe(`ℹ️ Tâches (${total})`);
			expect(first.embeds[0]?.footer?.text).toMatch(new RegExp(`Page 1/${Math.ceil(total / 8)}$`));
			const lines = description(first).split('\n').filter((line) => /^\*\*\d+\.\*\*/.test(line));
			expect(lines[0]).toMatch(/^\*\*1\.\*\* 🔴 \*\*/);
			expect(lines).toHaveLength(8);
			expect(buttonsOf(first.components).map((button) => button.disabled)).toEqual([true, false]);

			const second = await (await bot.server.clickButton({ messageId: first.messageId!, customId: buttonId(first.components, 'Suivant'), userId: member('admin') })).reply();
			expect(second.embeds[0]?.footer?.text).toMatch(/Page 2\//);
			expect(description(second)).toMatch(/^\*\*9\.\*\* /m);
			const refused = await (await bot.server.clickButton({ messageId: first.messageId!, customId: buttonId(second.components, 'Suivant'), userId: member('bob') })).reply();
			expect(refused.ephemeral).toBe(true);
		});

		it('filters by priority, assignee, chantier, tag, overdue and status', async () => {
			const urgent = await slash('taches', { priorite: 'urgente', assigne: member('chloe'), chantier: 'CH-002', tag: 'plomberie' }, member('admin'));
			expect(urgent.embeds[0]?.title).toBe('ℹ️ Tâches (1)');
			expect(description(urgent)).toContain('Urgence fuite');
			expect(description(urgent)).toContain('Priorité : Urgente');
			expect(urgent.components).toEqual([]);

			const overdue = await slash('taches', { en_retard: true }, member('admin'));
			expect(overdue.embeds[0]?.title).toBe('ℹ️ Tâches (1)');
			expect(description(overdue)).toContain('Facture en retard');
			expect(description(overdue)).toContain(`${calendarDay(addDays(today(), -3), 'fr')} (il y a 3 jours)`);
			expect(description(overdue)).toContain('⚠️ **en retard**');

			const none = await slash('taches', { statut: 'annulee' }, member('admin'));
			expect(description(none)).toContain('Aucune tâche ne correspond.');
		});

		it('stops counting past 1000 matching tasks and says so in the title and the footer', async () => {
			await db().insert(tasks).values(Array.from({ length: 1000 }, (_, index) => ({ guildId, title: `Masse ${index}`, creatorId: member('alice'), priority: 'basse' as const })));
			try {
				const first = await slash('taches', {}, member('admin'));
				expect(first.embeds[0]?.title).toMatch(/^ℹ️ Tâches \(plus de 1\s000\)$/u);
				expect(first.embeds[0]?.footer?.text).toMatch(/Page 1\/125\+ · plus de 1\s000 tâches : compte arrêté là$/u);
				expect(buttonsOf(first.components).map((button) => button.disabled)).toEqual([true, false]);
				const english = await slash('taches', {}, member('admin'), 'en-US');
				expect(english.embeds[0]?.footer?.text).toMatch(/Page 1\/125\+ · more than 1,000 tasks: counting stopped there$/);
			} finally {
				await db().delete(tasks).where(like(tasks.title, 'Masse %'));
			}
		});

		it('reads the same filters from !taches', async () => {
			const mine = await prefix('!taches moi priorite:urgente', member('chloe'));
			expect(mine.embeds[0]?.title).toBe('ℹ️ Tâches (1)');
			expect(mine.embeds[0]?.description).toContain('Urgence fuite');
			const lots = await prefix('!taches tag:lot #CH-002', member('chloe'));
			expect(lots.embeds[0]?.title).toBe('ℹ️ Tâches (0)');
			const late = await prefix('!taches retard', member('chloe'));
			expect(late.embeds[0]?.description).toContain('Facture en retard');
			const wrong = await prefix('!taches statut:bof nimporte', member('chloe'));
			expect(wrong.embeds[0]?.description).toContain('Je ne comprends pas « nimporte »');
			expect(wrong.embeds[0]?.description).toContain('Filtre « bof » inconnu');
		});

		it('rate-limits a member who runs /taches too often, ephemerally, with when to retry', async () => {
			let refused: BotReply | undefined;
			for (let index = 0; index < 12 && !refused; index += 1) {
				const reply = await slash('taches', { statut: 'terminee' }, member('chloe'));
				if (reply.ephemeral && /<t:\d+:R>/.test(description(reply))) refused = reply;
			}
			expect(refused).toBeDefined();
			expect(description(refused!)).toMatch(/Réessayez <t:\d+:R>/);
		});
	});

	describe('/done and !done', () => {
		it('completes a task, tells the assignee by DM, and undoes within the window', async () => {
			const task = await seed({ title: 'Changer la serrure', assigneeId: member('bob') });
			const choices = await bot.server.sendAutocomplete({ name: 'done', options: { tache: 'serrure' } });
			expect(choices[0]).toEqual({ name: `🔵 #${shortCode(task)} Changer la serrure`, value: task.id });

			const dmsBefore = dmsOf(member('bob')).length;
			const reply = await slash('done', { tache: task.id });
			expect(reply.ephemeral).toBe(false);
			expect(reply.embeds[0]?.title).toBe('✅ Tâche terminée : Changer la serrure');
			expect(field(reply.embeds[0], 'Statut')).toBe('Terminée');
			expect(buttonsOf(reply.components).map((button) => [button.label, button.disabled ?? false])).toEqual([['Annuler', false]]);
			const done = await row(task.id);
			expect(done.status).toBe('terminee');
			expect(done.completedAt).toBeInstanceOf(Date);

			// The notice follows the answer.
			const dms = await eventually(() => (dmsOf(member('bob')).length > dmsBefore ? dmsOf(member('bob')) : undefined));
			expect(dms.length).toBe(dmsBefore + 1);
			expect(dms.at(-1)?.embeds[0]?.title).toBe('✅ Tâche terminée : Changer la serrure');
			expect(dms.at(-1)?.embeds[0]?.description).toContain(`<@${member('alice')}> a terminé la tâche`);
			expect(dmsOf(member('alice'))).toHaveLength(0);

			const undo = buttonId(reply.components, 'Annuler');
			const notYours = await (await bot.server.clickButton({ messageId: reply.messageId!, customId: undo, userId: member('bob') })).reply();
			expect(notYours.ephemeral).toBe(true);
			expect((await row(task.id)).status).toBe('terminee');

			const undone = await (await bot.server.clickButton({ messageId: reply.messageId!, customId: undo })).reply();
			expect(undone.embeds[0]?.title).toBe('ℹ️ Tâche rouverte : Changer la serrure');
			expect(undone.components).toEqual([]);
			expect(await row(task.id)).toMatchObject({ status: 'a_faire', completedAt: null });
		});

		it('restores the previous status on undo', async () => {
			const task = await seed({ title: 'Étayer le plancher' });
			await db().update(tasks).set({ status: 'en_cours' }).where(eq(tasks.id, task.id));
			const reply = await slash('done', { tache: `#${shortCode(task)}` });
			await (await bot.server.clickButton({ messageId: reply.messageId!, customId: buttonId(reply.components, 'Annuler') })).reply();
			expect((await row(task.id)).status).toBe('en_cours');
		});

		it('keeps the task done when the undo window has passed', async () => {
			const task = await seed({ title: 'Nettoyer la benne' });
			const reply = await slash('done', { tache: 'Nettoyer la benne' });
			// What any replica sees 30 s later: the undo state has left the cache.
			await container.cache.deleteByPrefix('tasks.undo.');
			const [update, notice] = await (await bot.server.clickButton({ messageId: reply.messageId!, customId: buttonId(reply.components, 'Annuler') })).waitForResponses(2);
			expect(update!.components).toEqual([]);
			expect(notice!.ephemeral).toBe(true);
			expect(notice!.embeds[0]?.title).toContain('Le délai pour annuler est passé');
			expect((await row(task.id)).status).toBe('terminee');
		});

		it('refuses a member who neither created nor holds the task; a foreman may close it', async () => {
			const task = await seed({ title: 'Commander les tuiles', assigneeId: member('alice') });
			const refused = await slash('done', { tache: task.id }, member('chloe'));
			expect(refused.ephemeral).toBe(true);
			expect(refused.embeds[0]?.title).toBe('⚠️ Action refusée');
			expect((await row(task.id)).status).toBe('a_faire');
			const foreman = await slash('done', { tache: task.id }, member('bob'));
			expect(foreman.embeds[0]?.title).toBe('✅ Tâche terminée : Commander les tuiles');
			const again = await slash('done', { tache: task.id }, member('bob'));
			expect(description(again)).toContain('est déjà terminée');
		});

		it('says which task is unknown or ambiguous', async () => {
			const unknown = await slash('done', { tache: 'tâche fantôme' });
			expect(unknown.ephemeral).toBe(true);
			expect(unknown.embeds[0]?.title).toBe('⚠️ Tâche introuvable');
			expect(description(unknown)).toContain('Aucune tâche « tâche fantôme »');
			const ambiguous = await slash('done', { tache: 'Lot' });
			expect(ambiguous.embeds[0]?.title).toBe('⚠️ Plusieurs tâches correspondent');
			expect(description(ambiguous)).toContain('Plusieurs tâches correspondent à « Lot »');
		});

		it('finds a task by its title typed without accents or capitals, in /done and its suggestions', async () => {
			const task = await seed({ title: 'Réception du béton' });
			const suggestions = await bot.server.sendAutocomplete({ name: 'done', options: { tache: 'reception du BETON' }, focused: 'tache', userId: member('alice') });
			expect(suggestions.map((choice) => choice.value)).toContain(task.id);
			const done = await slash('done', { tache: 'reception du beton' });
			expect(done.embeds[0]?.title).toBe('✅ Tâche terminée : Réception du béton');
			expect((await row(task.id)).status).toBe('terminee');
		});

		it('!done by short code posts the notice in the chantier channel, pinging only creator and assignee', async () => {
			const task = await seed({ title: 'Évacuer les gravats @everyone', assigneeId: member('chloe'), chantier: 'CH-001' });
			const reply = await prefix(`!done ${shortCode(task)}`, member('bob'));
			expect(reply.embeds[0]?.title).toBe('✅ Tâche terminée : Évacuer les gravats @\u200beveryone');
			expect(buttonsOf(reply.components)[0]?.label).toBe('Annuler');
			const notice = await bot.server.waitForMessage((message) => message.channel_id === bot.server.guild.channels.site);
			expect(notice.content).toBe(`<@${member('alice')}> <@${member('chloe')}>`);
			const post = bot.server.calls.findLast((call) => call.method === 'POST' && call.path === `/channels/${bot.server.guild.channels.site}/messages`);
			expect((post?.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [], users: [member('alice'), member('chloe')] });
			expect((await row(task.id)).status).toBe('terminee');

			const undo = await (await bot.server.clickButton({ messageId: reply.id, customId: buttonId(reply.components, 'Annuler'), userId: member('bob') })).reply();
			expect(undo.embeds[0]?.title).toContain('Tâche rouverte');
			expect((await row(task.id)).status).toBe('a_faire');
			const missing = await prefix('!done', member('bob'));
			expect(missing.embeds[0]?.description).toContain('!done <code ou intitulé>');
		});
	});

	it('!tache, !taches and !done answer in the language the member chose with /langue, naming the English commands', async () => {
		// Messages carry no Discord language: only the /langue choice can make these English.
		const chosen = await slash('langue', { langue: 'en' }, member('bob'));
		expect(chosen.embeds[0]?.description).toBe('The bot will answer you in English from now on.');
		try {
			const created = await prefix('!tache Pump out the trench', member('bob'));
			expect(created.embeds[0]?.title).toBe('✅ Task created: Pump out the trench');
			const listed = await prefix('!taches moi', member('bob'));
			expect(listed.embeds[0]?.title).toMatch(/^ℹ️ Tasks \(\d+\)$/);
			const task = (await rows()).find((candidate) => candidate.title === 'Pump out the trench')!;
			const done = await prefix(`!done ${shortCode(task)}`, member('bob'));
			expect(done.embeds[0]?.title).toBe('✅ Task done: Pump out the trench');
			const help = await prefix('!done', member('bob'));
			expect(help.embeds[0]?.description).not.toContain('!done <code ou intitulé>');
			// The English help names the command and keys as an English member types them, and they work.
			const usage = (await prefix('!task', member('bob'))).embeds[0]?.description ?? '';
			expect(usage.split('\n')[0]).toBe('`!task <title> [due date] [key:value…] [@member] [#CODE]`');
			expect(usage).toContain('`!tasks [filters]`: `status:doing|done|all` · `priority:high` · `@member` or `me`');
			const english = await prefix(`!task Drain the pit priority:high due:25/12 <@${member('bob')}>`, member('bob'));
			expect(english.embeds[0]?.title).toBe('✅ Task created: Drain the pit');
			const filtered = await prefix('!tasks me status:all priority:high', member('bob'));
			expect(filtered.embeds[0]?.description).toContain('Drain the pit');
			// A due date at the end of the title, in English as the help says.
			expect(usage).toContain('a due date at the end of the title is recognised: `tomorrow`, `monday`');
			// A refusal names the priorities as the member writes them, not the French stored values.
			const badPriority = await prefix('!task Deliver the sand priority:extreme', member('bob'));
			expect(badPriority.embeds[0]?.description).toContain('Unknown priority "extreme": choose among low, normal, high, urgent.');
			const dueTomorrow = await prefix('!task Deliver the bricks tomorrow', member('bob'));
			expect(dueTomorrow.embeds[0]?.title).toBe('✅ Task created: Deliver the bricks');
			expect((await rows()).find((candidate) => candidate.title === 'Deliver the bricks')?.dueDate).toBe(addDays(today(), 1));
		} finally {
			await slash('langue', { langue: 'auto' }, member('bob'));
		}
		const french = await prefix('!tache Vider la tranchée', member('bob'));
		expect(french.embeds[0]?.title).toBe('✅ Tâche créée : Vider la tranchée');
	});

	it('writes due days in the language the member chose with /langue, whatever their Discord’s language', async () => {
		// Bob's Discord speaks French (the slash commands carry `fr`); he asked the bot for English.
		await slash('langue', { langue: 'en' }, member('bob'));
		try {
			const created = await slash('tache', { titre: 'Seal the roof', echeance: 'tomorrow', assigne: member('bob') }, member('bob'));
			const tomorrow = addDays(today(), 1);
			expect(field(created.embeds[0], 'Due')).toBe(`${calendarDay(tomorrow, 'en')} (tomorrow)`);
			const listed = await slash('taches', { assigne: member('bob') }, member('bob'));
			expect(description(listed)).toContain(`${calendarDay(tomorrow, 'en')} (tomorrow)`);
			expect(description(listed)).not.toContain(calendarDay(tomorrow, 'fr'));
			expect(description(listed)).not.toContain('(demain)');
		} finally {
			await slash('langue', { langue: 'auto' }, member('bob'));
		}
	});

	describe('statistics', () => {
		it('/stats shows the tasks a member created and finished, in their language, without the monitoring plugin', async () => {
			const task = await seed({ title: 'Compter les palettes', assigneeId: member('bob') });
			await slash('done', { tache: task.id }, member('bob'));
			const all = await rows();
			const created = all.filter((candidate) => candidate.creatorId === member('bob')).length;
			const done = all.filter((candidate) => (candidate.assigneeId ?? candidate.creatorId) === member('bob') && candidate.completedAt).length;
			expect(done).toBeGreaterThan(0);
			const reply = await slash('stats', { jours: 7, membre: member('bob') }, member('alice'));
			expect(reply.embeds[0]?.fields).toEqual([
				{ name: 'Tâches créées', value: String(created), inline: true },
				{ name: 'Tâches terminées', value: String(done), inline: true }
			]);
			const english = await slash('stats', { jours: 30, membre: member('bob') }, member('alice'), 'en-US');
			expect(english.embeds[0]?.fields?.map((field) => field.name)).toEqual(['Tasks created', 'Tasks done']);
		});
	});

	describe('daily reminders', () => {
		it('runs every hour and reminds each server at its own hour, in its own time zone, without a reload', async () => {
			const task = container.stores.get('scheduled-tasks').get('tasks.reminders')!;
			expect(task.pattern).toBe('0 * * * *');
			const schema = bot.monster.host.get('tasks')!.manifest!.settings!;
			await container.settings.set('tasks', schema, 'reminderHour', 6, { guildId, actor: 'test' });
			await container.settings.set('core', container.coreSettings, 'timezone', 'America/Montreal', { guildId, actor: 'test' });
			try {
				await db()
					.insert(tasks)
					.values({ guildId, title: 'Rappel à l’heure de Montréal', dueDate: '2030-01-15', assigneeId: member('chloe'), creatorId: member('alice') });
				const before = dmsOf(member('chloe')).length;
				// 12:00 UTC is 07:00 in Montréal in winter (the default hour): nothing; 11:00 UTC is 06:00 there.
				await bot.monster.scheduler.runNow('tasks.reminders', { at: '2030-01-15T12:00:00Z' });
				expect(dmsOf(member('chloe')).length).toBe(before);
				await bot.monster.scheduler.runNow('tasks.reminders', { at: '2030-01-15T11:00:00Z' });
				expect(dmsOf(member('chloe')).length).toBe(before + 1);
				expect(JSON.stringify(dmsOf(member('chloe')).at(-1)!.embeds[0])).toContain('Rappel à l’heure de Montréal');
			} finally {
				await container.settings.reset('core', container.coreSettings, 'timezone', { guildId, actor: 'test' });
				await db().delete(tasks).where(eq(tasks.title, 'Rappel à l’heure de Montréal'));
			}
		});

		it('DMs each assignee their overdue and due-tomorrow tasks, and posts unassigned ones in the fallback channel', async () => {
			await container.settings.set('tasks', bot.monster.host.get('tasks')!.manifest!.settings!, 'reminderChannel', 'logs', { actor: 'test' });

			const day = '2030-03-10';
			const values = (title: string, dueDate: string, assigneeId: string | null, status: 'a_faire' | 'terminee' = 'a_faire') => ({
				guildId,
				title,
				dueDate,
				assigneeId,
				status,
				creatorId: member('alice')
			});
			await db()
				.insert(tasks)
				.values([
					values('Rappel en retard', '2030-03-01', member('bob')),
					values('Rappel demain', '2030-03-11', member('bob')),
					values('Rappel plus tard', '2030-03-20', member('bob')),
					values('Rappel déjà fait', '2030-03-09', member('bob'), 'terminee'),
					values('Rappel sans responsable', '2030-03-11', null)
				]);
			const bobBefore = dmsOf(member('bob')).length;
			await bot.monster.scheduler.runNow('tasks.reminders', { day });

			const dms = dmsOf(member('bob'));
			expect(dms.length).toBe(bobBefore + 1);
			const embed = dms.at(-1)!.embeds[0]!;
			expect(embed.title).toBe('⚠️ Vos tâches à surveiller');
			const overdueField = embed.fields?.find((candidate) => candidate.name.startsWith('En retard'));
			const tomorrowField = embed.fields?.find((candidate) => candidate.name.startsWith('Pour demain'));
			expect(overdueField?.value).toContain('Rappel en retard');
			expect(overdueField?.value).toContain('en retard');
			expect(tomorrowField?.value).toContain('Rappel demain');
			// Counted from the day reminded of, not from the clock.
			expect(tomorrowField?.value).toContain('11 mars 2030 (demain)');
			expect(JSON.stringify(embed)).not.toContain('Rappel plus tard');
			expect(JSON.stringify(embed)).not.toContain('Rappel déjà fait');

			const logs = bot.server.state.channelMessages(bot.server.guild.channels.logs!);
			const unassigned = logs.find((message) => message.embeds[0]?.title?.endsWith('Tâches sans responsable à surveiller'));
			expect(JSON.stringify(unassigned?.embeds[0]?.fields)).toContain('Rappel sans responsable');
			expect(unassigned?.content).toBe('');
		});

		it('skips a guild where the plugin is switched off', async () => {
			await (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'disable', options: { plugin: 'tasks' }, userId: member('admin') })).reply();
			expect(bot.monster.host.isActive('tasks', guildId)).toBe(false);
			const before = dmsOf(member('bob')).length;
			await bot.monster.scheduler.runNow('tasks.reminders', { day: '2030-03-10' });
			expect(dmsOf(member('bob')).length).toBe(before);
			const denied = await slash('taches', {}, member('bob'));
			expect(denied.ephemeral).toBe(true);
			expect(description(denied)).toContain('tasks');
		});
	});
});
