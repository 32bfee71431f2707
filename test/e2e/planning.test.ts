import { container } from '@sapphire/framework';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import type { APIEmbed, APIMessageTopLevelComponent } from 'discord.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';
import type { BotReply } from '../../emulator/types.ts';
import type { SettingsDrivenSchedule } from '../../core/scheduler/scheduler.ts';
import { feedTokenOwner } from '../../plugins/planning/planning.ts';
import { planning } from '../../plugins/planning/schema.ts';
import { chantiers } from '../../plugins/team/schema.ts';
import { eventsOf, parseIcs } from '../fixtures/planning/ics.ts';

const zone = 'Europe/Paris';

interface Button {
	custom_id?: string;
	label?: string;
	disabled?: boolean;
}

const buttonsOf = (components: readonly APIMessageTopLevelComponent[] | undefined): Button[] =>
	(components ?? []).flatMap((row) => ('components' in row ? (row.components as Button[]) : []));
const buttonId = (components: readonly APIMessageTopLevelComponent[] | undefined, label: string) => {
	const button = buttonsOf(components).find((candidate) => candidate.label === label);
	if (!button?.custom_id) throw new Error(`no "${label}" button among ${JSON.stringify(buttonsOf(components).map((b) => b.label))}`);
	return button.custom_id;
};
const textOf = (embed: APIEmbed | undefined) => [embed?.title, embed?.description, ...(embed?.fields ?? []).map((field) => `${field.name} ${field.value}`)].join('\n');
const allText = (reply: Pick<BotReply, 'embeds'>) => reply.embeds.map(textOf).join('\n');

/** A wall-clock time in Paris, `days` from today (always in the future for the bot's "not in the past" rule). */
const parisDay = (days: number, hour = 0, minute = 0) =>
	DateTime.now().setZone(zone).startOf('day').plus({ days }).set({ hour, minute });
const typed = (at: DateTime) => at.toFormat('yyyy-MM-dd HH:mm');
const unix = (at: DateTime) => Math.floor(at.toSeconds());

/** A Monday at least `weeks` weeks ahead. */
const mondayIn = (weeks: number, hour = 0) => parisDay(7 * weeks).startOf('week').set({ hour });

describe('planning plugin, end to end through the local Discord server', () => {
	let bot: TestBot;
	const member = (key: 'admin' | 'alice' | 'bob' | 'chloe') => bot.server.guild.members[key]!;
	let chantierId: string;

	const slash = async (name: string, options: Record<string, string | number | boolean>, userId = member('alice'), extra: { subcommand?: string; locale?: string } = {}) =>
		(await bot.server.sendSlashCommand({ name, options, userId, ...extra })).reply();
	const press = (messageId: string, customId: string, userId = member('alice')) => bot.server.clickButton({ messageId, customId, userId });
	/** A prefix command and the bot's reply to it. */
	const prefix = async (content: string, authorId = member('alice'), channelId?: string) => {
		const sent = await bot.server.sendMessage({ content, authorId, channelId });
		return bot.server.waitForMessage((message) => message.message_reference?.message_id === sent.id);
	};
	const liveEntries = (userId: string) =>
		container.db.select().from(planning).where(and(eq(planning.userId, userId), isNull(planning.deletedAt)));

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'planning'] });
		const [row] = await container.db
			.insert(chantiers)
			.values({ guildId: bot.server.guild.id, code: 'CH-01', name: 'École Jaurès', address: '12 rue Jaurès, 69007 Lyon', discordChannelId: bot.server.guild.channels.site })
			.returning();
		chantierId = row!.id;
		await container.db.insert(chantiers).values({ guildId: bot.server.guild.id, code: 'CH-02', name: 'Pont Sud' });
	});
	afterAll(() => bot?.stop());

	it('registers every command with French names and English localizations', () => {
		const commands = [...bot.server.state.commandScope(bot.server.guild.id).values()];
		const names = Object.fromEntries(commands.map((command) => [command.name, command.name_localizations?.['en-US']]));
		expect(names).toMatchObject({ monplanning: 'myplanning', planifier: 'plan', modifierplanning: 'editplanning', supprimerplanning: 'deleteplanning', calendrier: 'calendar' });
	});

	it('/planifier adds an entry and shows it with Discord timestamps; the chantier comes from autocomplete', async () => {
		const choices = await bot.server.sendAutocomplete({ name: 'planifier', options: { type: 'chantier', debut: 'x', fin: 'y', chantier: 'jaur' }, focused: 'chantier', userId: member('alice') });
		expect(choices).toEqual([{ name: 'CH-01 — École Jaurès', value: chantierId }]);

		const start = parisDay(10, 7, 30);
		const reply = await slash('planifier', { type: 'chantier', debut: typed(start), fin: '16h30', chantier: chantierId, note: 'Coffrage dalle' });
		expect(reply.embeds[0]?.title).toContain('Entrée ajoutée au planning');
		const body = allText(reply);
		expect(body).toContain(`<t:${unix(start)}:t>–<t:${unix(start.set({ hour: 16, minute: 30 }))}:t>`);
		expect(body).toContain('CH-01 École Jaurès');
		expect(body).toContain('Coffrage dalle');
		const [stored] = await liveEntries(member('alice'));
		expect(stored).toMatchObject({ type: 'chantier', chantierId, status: 'prevu', note: 'Coffrage dalle', createdBy: member('alice') });
		expect(body).toContain(stored!.id.slice(0, 8));
	});

	it('asks before adding an overlapping entry; cancel writes nothing, confirm adds it', async () => {
		const start = parisDay(11, 8);
		await slash('planifier', { type: 'chantier', debut: typed(start), fin: typed(start.set({ hour: 17 })) }, member('bob'));
		const question = await slash('planifier', { type: 'reunion', debut: typed(start.set({ hour: 10 })), fin: '11h', note: 'Réunion sécurité' }, member('bob'));
		expect(question.ephemeral).toBe(true);
		expect(question.embeds[0]?.title).toContain('Chevauchement');
		expect(allText(question)).toContain('a déjà 1 entrée sur ce créneau');
		expect(allText(question)).toContain('Ajouter quand même ?');
		expect((await liveEntries(member('bob'))).length).toBe(1);

		const cancelled = await (await press(question.messageId!, buttonId(question.components, 'Annuler'), member('bob'))).reply();
		expect(cancelled.embeds[0]?.title).toContain('Action annulée');
		expect((await liveEntries(member('bob'))).length).toBe(1);

		const again = await slash('planifier', { type: 'reunion', debut: typed(start.set({ hour: 10 })), fin: '11h', note: 'Réunion sécurité' }, member('bob'));
		const [, done] = await (await press(again.messageId!, buttonId(again.components, 'Ajouter quand même'), member('bob'))).waitForResponses(2);
		expect(done!.embeds[0]?.title).toContain('Entrée ajoutée au planning');
		expect(allText(done!)).toContain('Réunion sécurité');
		expect((await liveEntries(member('bob'))).length).toBe(2);
	});

	it('refuses bad arguments with an ephemeral message saying what to fix, and writes nothing', async () => {
		const before = (await liveEntries(member('chloe'))).length;
		const cases: [Record<string, string>, string][] = [
			[{ type: 'autre', debut: typed(parisDay(12, 10)), fin: typed(parisDay(12, 9)) }, 'doit être après le début'],
			[{ type: 'autre', debut: typed(parisDay(-3, 10)), fin: typed(parisDay(-3, 12)) }, 'Le début est dans le passé'],
			[{ type: 'autre', debut: 'la semaine des quatre jeudis', fin: '12h' }, 'Début : « la semaine des quatre jeudis » n’est pas une date comprise'],
			[{ type: 'autre', debut: typed(parisDay(12, 10)), fin: '12h', repetition: 'weekly', jusqua: '31/02' }, 'Dernier jour : « 31/02 » n’existe pas au calendrier.'],
			[{ type: 'autre', debut: typed(parisDay(12, 10)), fin: '12h', chantier: 'CH-99' }, 'Chantier « CH-99 » introuvable'],
			[{ type: 'autre', debut: typed(parisDay(12, 10)), fin: '12h', jusqua: '30/06' }, 'ne sert qu’avec une répétition'],
			[{ type: 'autre', debut: typed(parisDay(12, 10)), fin: '12h', repetition: 'weekly' }, 'a besoin d’un dernier jour']
		];
		for (const [options, problem] of cases) {
			const reply = await slash('planifier', options, member('chloe'));
			expect(reply.ephemeral).toBe(true);
			expect(reply.embeds[0]?.title).toContain('À corriger');
			expect(reply.embeds[0]?.description).toContain(problem);
		}
		const tooLong = await prefix(`!planifier autre ${typed(parisDay(12, 10))} -> 12h ; note ${'x'.repeat(501)}`, member('chloe'));
		expect(tooLong.embeds[0]?.description).toContain('La note est trop longue (501 caractères) : 500 au plus.');
		expect((await liveEntries(member('chloe'))).length).toBe(before);
		// The admin is not rate-limited: this member has already sent the ten commands a minute allows.
		const adminEntries = (await liveEntries(member('admin'))).length;
		const overnight = await prefix('!planifier chantier demain 14h -> demain 9h', member('admin'));
		const slashOvernight = await slash('planifier', { type: 'chantier', debut: 'demain 14h', fin: 'demain 9h' }, member('admin'));
		expect(overnight.embeds[0]?.description).toMatch(/^La fin \(\p{L}+ \d+ \p{L}+ à 09:00\) doit être après le début \(\p{L}+ \d+ \p{L}+ à 14:00\)\./u);
		expect(slashOvernight.ephemeral).toBe(true);
		expect(slashOvernight.embeds[0]?.description).toBe(overnight.embeds[0]?.description);
		expect((await liveEntries(member('admin'))).length).toBe(adminEntries);
	});

	it('only managers plan for someone else', async () => {
		const refused = await slash('planifier', { type: 'formation', debut: typed(parisDay(13, 9)), fin: '12h', membre: member('chloe') }, member('alice'));
		expect(refused.embeds[0]?.description).toContain('Seuls les responsables');
		const done = await slash('planifier', { type: 'formation', debut: typed(parisDay(13, 9)), fin: '12h', membre: member('chloe'), note: 'CACES R482' }, member('admin'));
		expect(done.embeds[0]?.title).toContain('Entrée ajoutée');
		expect(allText(done)).toContain(`<@${member('chloe')}>`);
		expect((await liveEntries(member('chloe'))).some((entry) => entry.note === 'CACES R482' && entry.createdBy === member('admin'))).toBe(true);
	});

	it('answers in English to a member whose Discord is in English, and explains the prefix grammar', async () => {
		const done = await slash('planifier', { type: 'autre', debut: typed(parisDay(14, 14)), fin: '15h', note: 'English' }, member('bob'), { locale: 'en-US' });
		expect(done.embeds[0]?.title).toContain('Entry added to the planning');
		expect(allText(done)).toContain('**Other**');
		const problem = await slash('planifier', { type: 'autre', debut: typed(parisDay(14, 16)), fin: typed(parisDay(14, 15)) }, member('bob'), { locale: 'en-US' });
		expect(problem.embeds[0]?.description).toMatch(/^The end \(\p{L}+ \d+ \p{L}+ at 15:00\) must be after the start \(\p{L}+ \d+ \p{L}+ at 16:00\)\./u);
		const usage = await prefix('!planifier', member('alice'));
		expect(textOf(usage.embeds[0])).toContain('Utilisation : `!planifier <type> <début> -> <fin>');
	});

	it('!planifier: the prefix form, with chantier, note and an every-weekday repetition; user text is escaped and nobody is pinged', async () => {
		const monday = mondayIn(3);
		const reply = await prefix(`!planifier chantier ${typed(monday.set({ hour: 7 }))} -> 15h ; chantier ch-02 ; note @everyone **béton** ; répéter ouvrés ; jusqu'au ${monday.plus({ days: 11 }).toFormat('dd/LL/yyyy')}`, member('chloe'));
		expect(reply.embeds[0]?.title).toContain('Série ajoutée au planning');
		const body = allText({ embeds: reply.embeds });
		expect(body).toContain('10 occurrences');
		expect(body).toContain('tous les jours ouvrés');
		expect(body).toContain('@\u200beveryone \\*\\*béton\\*\\*');
		const series = (await liveEntries(member('chloe'))).filter((entry) => entry.note === '@everyone **béton**');
		expect(series).toHaveLength(10);
		expect(series.filter((entry) => entry.rrule)).toHaveLength(1);
		expect(new Set(series.map((entry) => DateTime.fromJSDate(entry.startsAt, { zone }).toFormat('HH:mm')))).toEqual(new Set(['07:00']));
		// Every message the bot sent in this test suite went out with mentions disabled.
		const sends = bot.server.calls.filter((call) => call.method === 'POST' && /\/(messages|callback)$/.test(call.path) && call.body && typeof call.body === 'object');
		for (const call of sends) {
			const body = call.body as { allowed_mentions?: { parse?: string[] }; data?: { allowed_mentions?: { parse?: string[] } } };
			const allowed = body.allowed_mentions ?? body.data?.allowed_mentions;
			if (allowed) expect(allowed.parse ?? []).toEqual([]);
		}
	});

	it('/monplanning shows the week by day and type, with previous/next navigation for the requester only', async () => {
		const monday = mondayIn(5);
		await slash('planifier', { type: 'conges', debut: monday.toFormat('yyyy-MM-dd'), fin: monday.toFormat('yyyy-MM-dd') }, member('admin'));
		await slash('planifier', { type: 'formation', debut: monday.plus({ days: 2 }).toFormat('yyyy-MM-dd'), fin: monday.plus({ days: 3 }).toFormat('yyyy-MM-dd'), note: 'Stage échafaudage' }, member('admin'));
		await slash('planifier', { type: 'reunion', debut: typed(monday.plus({ days: 8, hours: 9 })), fin: '10h', note: 'Point hebdo' }, member('admin'));
		const week = await slash('monplanning', { date: monday.toFormat('yyyy-MM-dd') }, member('admin'));
		expect(week.embeds[0]?.title).toContain(`Planning de Camille (admin) — semaine du ${monday.setLocale('fr').toFormat('cccc d LLLL')}`);
		const text = allText(week);
		expect(text).toContain('🌴');
		expect(text).toContain('toute la journée');
		expect(text).toContain('Congés : 1');
		// Two whole days: from Wednesday to Thursday (Discord dates), shown on both days.
		expect(text).toContain(`<t:${unix(monday.plus({ days: 2 }))}:d> → <t:${unix(monday.plus({ days: 4 })) - 1}:d>`);
		expect(text.split('Stage échafaudage').length - 1).toBe(2);
		expect(text).not.toContain('Point hebdo');

		const next = await (await press(week.messageId!, buttonId(week.components, 'Semaine suivante'), member('admin'))).reply();
		expect(next.messageId).toBe(week.messageId);
		expect(allText(next)).toContain('Point hebdo');
		expect(allText(next)).toContain('Réunion : 1');
		const back = await (await press(week.messageId!, buttonId(next.components, 'Semaine précédente'), member('admin'))).reply();
		expect(allText(back)).toContain('Congés : 1');

		const refused = await (await press(week.messageId!, buttonId(back.components, 'Semaine suivante'), member('bob'))).reply();
		expect(refused.ephemeral).toBe(true);
		expect(allText(refused)).toContain('Ces boutons sont à Camille (admin)');
	});

	it('/monplanning date: a day typed without its year is the nearest one, so last week’s 25/11 shows last week, not next year’s', async () => {
		const lastWeek = parisDay(-9, 8);
		await container.db.insert(planning).values({
			guildId: bot.server.guild.id,
			userId: member('bob'),
			type: 'chantier',
			startsAt: lastWeek.toJSDate(),
			endsAt: lastWeek.set({ hour: 17 }).toJSDate(),
			createdBy: member('admin'),
			note: 'Reprise des enduits'
		});
		const week = await slash('monplanning', { date: lastWeek.toFormat('dd/MM') }, member('bob'));
		expect(allText(week)).toContain('Reprise des enduits');
		const month = await slash('monplanning', { vue: 'month', date: lastWeek.toFormat('dd/MM') }, member('bob'));
		expect(month.embeds[0]?.title).toContain(lastWeek.setLocale('fr').toFormat('LLLL yyyy'));
		expect(allText(month)).toContain('Reprise des enduits');
	});

	it('/monplanning membre + mois, in English for an English-speaking member, and !monplanning mois', async () => {
		const day = parisDay(13);
		const month = await slash('monplanning', { vue: 'month', membre: member('chloe'), date: day.toFormat('yyyy-MM-dd') }, member('alice'), { locale: 'en-US' });
		expect(month.embeds[0]?.title).toContain(`Planning of Chloé — ${day.setLocale('en-GB').toFormat('LLLL yyyy')}`);
		expect(allText(month)).toContain('CACES R482');
		expect(allText(month)).toContain('Training: 1');
		expect(allText(month)).not.toContain('Training : ');
		expect(buttonsOf(month.components).map((button) => button.label)).toEqual(['Previous month', 'Today', 'Next month']);

		const prefixed = await prefix(`!monplanning mois <@${member('chloe')}> ${day.toFormat('yyyy-MM-dd')}`, member('bob'));
		expect(prefixed.embeds[0]?.title).toContain(`Planning de Chloé — ${day.setLocale('fr').toFormat('LLLL yyyy')}`);
		expect(textOf(prefixed.embeds[0])).toContain('CACES R482');
	});

	it('a busy team month comes a page at a time (keyset), its count stopped at 1,000 and said so', async () => {
		// 1,010 entries in a month two years ahead: 5 members × 202 starts, ties on the start.
		const first = parisDay(730).startOf('month');
		await container.db.execute(sql`insert into planning (guild_id, user_id, type, starts_at, ends_at, note, created_by)
			select ${bot.server.guild.id}, 'm' || k, 'chantier', ${first.toISO()}::timestamptz + (n * interval '3 hours'),
				${first.toISO()}::timestamptz + (n * interval '3 hours') + interval '2 hours', 'lot ' || n || '-' || k, 'chef'
			from generate_series(0, 201) n, generate_series(1, 5) k`);
		const page1 = await prefix(`!monplanning mois equipe ${first.toFormat('yyyy-MM-dd')}`, member('admin'));
		const footer1 = page1.embeds[0]?.footer?.text ?? '';
		const shown1 = Number(/Entrées 1–(\d+) sur plus de 1.000 : compte arrêté là/.exec(footer1)?.[1]);
		expect(footer1).toContain('compte arrêté là');
		expect(shown1).toBeGreaterThan(10);
		expect(textOf(page1.embeds[0])).toContain('entrées : compte arrêté là');
		const ids = (reply: Pick<BotReply, 'embeds'>) => [...allText(reply).matchAll(/`([0-9a-f]{8})`/g)].map((match) => match[1]);
		expect(ids(page1)).toHaveLength(shown1);

		const page2 = await (await press(page1.id, buttonId(page1.components, 'Suite'), member('admin'))).reply();
		expect(page2.embeds[0]?.footer?.text).toContain(`Entrées ${shown1 + 1}–`);
		const seen = new Set(ids(page1));
		expect(ids(page2).length).toBeGreaterThan(10);
		expect(ids(page2).filter((id) => seen.has(id))).toEqual([]);
		// The page carries on where the first ended: the first entries of the month, in order of start.
		expect(allText(page2)).toContain(`lot ${Math.floor(shown1 / 5)}-`);

		// GET /api/planning pages the same month by keyset when asked a limit; without one it answers the whole month.
		const { port } = container.server.server.address() as AddressInfo;
		const api = (query: string) => fetch(`http://127.0.0.1:${port}/api/planning?view=month&day=${first.toFormat('yyyy-MM-dd')}&${query}`).then((response) => response.json());
		const notes: string[] = [];
		let after: string | undefined;
		for (let page = 0; page < 3; page++) {
			const body = (await api(`limit=400${after ? `&after=${after}` : ''}`)) as { total: number; totalCapped: boolean; next?: string; entries: { note: string }[] };
			expect({ total: body.total, totalCapped: body.totalCapped }).toEqual({ total: 1000, totalCapped: true });
			notes.push(...body.entries.map((entry) => entry.note));
			after = body.next;
		}
		expect(after).toBeUndefined();
		const whole = (await api('')) as { entries: { note: string }[] };
		expect(whole.entries.length).toBeGreaterThanOrEqual(1010);
		expect(notes).toEqual(whole.entries.map((entry) => entry.note));
	});

	it('/modifierplanning opens a pre-filled form; a valid submit edits every field, a bad date is explained', async () => {
		const start = parisDay(15, 8);
		await slash('planifier', { type: 'chantier', debut: typed(start), fin: '12h', note: 'Avant' }, member('alice'));
		const entry = (await liveEntries(member('alice'))).find((row) => row.note === 'Avant')!;

		const choices = await bot.server.sendAutocomplete({ name: 'modifierplanning', options: { entree: 'avant' }, userId: member('alice') });
		expect(choices.map((choice) => choice.value)).toEqual([entry.id]);
		expect(choices[0]!.name).toContain(entry.id.slice(0, 8));

		const opened = await slash('modifierplanning', { entree: entry.id }, member('alice'));
		const modal = opened.modal!;
		expect(JSON.stringify(modal)).toContain(`"value":"${typed(start)}"`);
		expect(JSON.stringify(modal)).toContain('"value":"Avant"');

		const refused = await (await bot.server.submitModal({ customId: modal.custom_id, userId: member('alice'), fields: { type: 'chantier', debut: 'jamais', fin: '12h', chantier: '', note: 'Avant' } })).reply();
		expect(refused.ephemeral).toBe(true);
		expect(allText(refused)).toContain('Début : « jamais » n’est pas une date comprise.');
		expect((await liveEntries(member('alice'))).find((row) => row.id === entry.id)!.startsAt).toEqual(entry.startsAt);

		const reopened = await slash('modifierplanning', { entree: entry.id.slice(0, 8) }, member('alice'));
		const newStart = start.plus({ days: 1 }).set({ hour: 13 });
		const done = await (
			await bot.server.submitModal({
				customId: reopened.modal!.custom_id,
				userId: member('alice'),
				fields: { type: 'formation', debut: typed(newStart), fin: '17h', chantier: 'CH-01', note: 'Après' }
			})
		).reply();
		expect(done.embeds[0]?.title).toContain('Entrée modifiée');
		const edited = (await liveEntries(member('alice'))).find((row) => row.id === entry.id)!;
		expect(edited).toMatchObject({ type: 'formation', chantierId, note: 'Après' });
		expect(edited.startsAt.toISOString()).toBe(newStart.toUTC().toISO());
		expect(edited.endsAt.toISOString()).toBe(newStart.set({ hour: 17 }).toUTC().toISO());
	});

	it('refuses planning on an archived chantier, naming it; an entry planned there before stays editable', async () => {
		const [site] = await container.db.insert(chantiers).values({ guildId: bot.server.guild.id, code: 'CH-03', name: 'Halle Nord' }).returning();
		await slash('planifier', { type: 'chantier', debut: typed(parisDay(20, 8)), fin: '12h', chantier: 'CH-03', note: 'Avant archivage' }, member('admin'));
		const planned = (await liveEntries(member('admin'))).find((row) => row.note === 'Avant archivage')!;
		expect(planned.chantierId).toBe(site!.id);
		await container.db.update(chantiers).set({ status: 'archive' }).where(eq(chantiers.id, site!.id));
		const before = (await liveEntries(member('admin'))).length;

		const refused = await slash('planifier', { type: 'chantier', debut: typed(parisDay(21, 8)), fin: '12h', chantier: 'CH-03' }, member('admin'));
		expect(refused.ephemeral).toBe(true);
		expect(refused.embeds[0]?.description).toBe('Le chantier CH-03 « Halle Nord » est archivé : choisissez un chantier en cours (un admin peut le rouvrir avec `/desarchiverchantier`).');
		const english = await slash('planifier', { type: 'chantier', debut: typed(parisDay(21, 8)), fin: '12h', chantier: 'halle nord' }, member('admin'), { locale: 'en-US' });
		expect(english.embeds[0]?.description).toBe('Work site CH-03 "Halle Nord" is archived: pick an ongoing one (an admin can reopen it with `/unarchivesite`).');
		const moved = await prefix(`!modifierplanning ${planned.id.slice(0, 8)} chantier halle nord ; note Toujours là`, member('admin'));
		expect(moved.embeds[0]?.title).toContain('Entrée modifiée');
		expect((await liveEntries(member('admin'))).find((row) => row.id === planned.id)).toMatchObject({ chantierId: site!.id, note: 'Toujours là' });
		await slash('planifier', { type: 'chantier', debut: typed(parisDay(22, 8)), fin: '12h', chantier: 'CH-02', note: 'Ailleurs' }, member('admin'));
		const elsewhere = (await liveEntries(member('admin'))).find((row) => row.note === 'Ailleurs')!;
		const movedThere = await prefix(`!modifierplanning ${elsewhere.id.slice(0, 8)} chantier CH-03`, member('admin'));
		expect(movedThere.embeds[0]?.description).toContain('Le chantier CH-03 « Halle Nord » est archivé');
		expect((await liveEntries(member('admin'))).find((row) => row.id === elsewhere.id)!.chantierId).not.toBe(site!.id);
		expect((await liveEntries(member('admin'))).length).toBe(before + 1);
		expect(await bot.server.sendAutocomplete({ name: 'planifier', options: { type: 'chantier', debut: 'x', fin: 'y', chantier: 'halle' }, focused: 'chantier', userId: member('admin') })).toEqual([]);
	});

	it('/modifierplanning statut follows the workflow prévu → confirmé → terminé and refuses the rest', async () => {
		await slash('planifier', { type: 'autre', debut: typed(parisDay(16, 8)), fin: '9h', note: 'Workflow' }, member('bob'));
		const entry = (await liveEntries(member('bob'))).find((row) => row.note === 'Workflow')!;
		expect((await slash('modifierplanning', { entree: entry.id, statut: 'confirme' }, member('bob'))).embeds[0]?.description).toContain('maintenant **confirmé**');
		const refused = await slash('modifierplanning', { entree: entry.id, statut: 'confirme' }, member('alice'));
		expect(refused.embeds[0]?.description).toContain('Seuls les responsables');
		expect((await prefix(`!modifierplanning ${entry.id.slice(0, 8)} statut terminé`, member('bob'))).embeds[0]?.description).toContain('maintenant **terminé**');
		const wrong = await slash('modifierplanning', { entree: entry.id, statut: 'annule' }, member('bob'));
		expect(wrong.embeds[0]?.description).toContain('Un statut « terminé » ne peut pas devenir « annulé »');
		const unknown = await slash('modifierplanning', { entree: 'deadbeef', statut: 'annule' }, member('bob'));
		expect(unknown.ephemeral).toBe(true);
		expect(unknown.embeds[0]?.description).toContain('Entrée « deadbeef » introuvable');
	});

	it('!modifierplanning edits fields inline, or answers with a button that opens the form', async () => {
		await slash('planifier', { type: 'autre', debut: typed(parisDay(17, 8)), fin: '9h', note: 'Inline' }, member('alice'));
		const entry = (await liveEntries(member('alice'))).find((row) => row.note === 'Inline')!;
		const edited = await prefix(`!modifierplanning ${entry.id.slice(0, 8)} fin ${typed(parisDay(17, 10))} ; note Inline modifiée`, member('alice'));
		expect(edited.embeds[0]?.title).toContain('Entrée modifiée');
		expect((await liveEntries(member('alice'))).find((row) => row.id === entry.id)).toMatchObject({ note: 'Inline modifiée', endsAt: parisDay(17, 10).toJSDate() });

		const withButton = await prefix(`!modifierplanning ${entry.id.slice(0, 8)}`, member('alice'));
		const customId = buttonId(withButton.components as APIMessageTopLevelComponent[], 'Ouvrir le formulaire');
		const notYours = await (await press(withButton.id, customId, member('bob'))).reply();
		expect(notYours.ephemeral).toBe(true);
		const opened = await (await press(withButton.id, customId, member('alice'))).reply();
		expect(JSON.stringify(opened.modal)).toContain('"value":"Inline modifiée"');
	});

	it('/supprimerplanning soft-deletes after the confirmation button; !supprimerplanning série removes a whole series', async () => {
		await slash('planifier', { type: 'autre', debut: typed(parisDay(18, 8)), fin: '9h', note: 'À jeter' }, member('alice'));
		const entry = (await liveEntries(member('alice'))).find((row) => row.note === 'À jeter')!;
		const question = await slash('supprimerplanning', { entree: entry.id }, member('alice'));
		expect(question.ephemeral).toBe(true);
		expect(question.embeds[0]?.title).toContain('Supprimer cette entrée ?');
		expect((await liveEntries(member('alice'))).some((row) => row.id === entry.id)).toBe(true);
		const [, done] = await (await press(question.messageId!, buttonId(question.components, 'Supprimer'), member('alice'))).waitForResponses(2);
		expect(allText(done!)).toContain('1 entrée retirée du planning.');
		const [row] = await container.db.select().from(planning).where(eq(planning.id, entry.id));
		expect(row!.deletedAt).toBeInstanceOf(Date);

		const series = (await liveEntries(member('chloe'))).filter((candidate) => candidate.note === '@everyone **béton**');
		const occurrence = series.find((candidate) => candidate.recurrenceId)!;
		const ask = await prefix(`!supprimerplanning ${occurrence.id.slice(0, 8)} série`, member('chloe'));
		expect(ask.embeds[0]?.title).toContain('Supprimer toute la série ?');
		const [, removed] = await (await press(ask.id, buttonId(ask.components as APIMessageTopLevelComponent[], 'Supprimer'), member('chloe'))).waitForResponses(2);
		expect(allText(removed!)).toContain('10 entrées retirées');
		expect((await liveEntries(member('chloe'))).filter((candidate) => candidate.note === '@everyone **béton**')).toHaveLength(0);
	});

	it('/calendrier lien gives a private feed URL; the feed carries the full events; revoking closes it', async () => {
		const reply = await slash('calendrier', {}, member('alice'), { subcommand: 'lien' });
		expect(reply.ephemeral).toBe(true);
		const url = /(http:\/\/\S+planning\.ics\?\S+)/.exec(textOf(reply.embeds[0]))![1]!;
		expect(url).toContain(`member=${member('alice')}`);
		const response = await fetch(url);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/calendar');
		const events = eventsOf(parseIcs(await response.text()));
		const coffrage = events.find((event) => event.get('DESCRIPTION')?.value.includes('Coffrage dalle'))!;
		expect(coffrage.get('SUMMARY')!.value).toBe('Chantier · CH-01 École Jaurès');
		expect(coffrage.get('LOCATION')!.value).toBe('12 rue Jaurès, 69007 Lyon');
		expect(coffrage.get('URL')!.value).toBe(`https://discord.com/channels/${bot.server.guild.id}/${bot.server.guild.channels.site}`);
		expect(coffrage.get('DTSTART')).toMatchObject({ params: { TZID: zone }, value: parisDay(10, 7, 30).toFormat("yyyyMMdd'T'HHmmss") });
		expect(coffrage.get('STATUS')!.value).toBe('TENTATIVE');
		// Deleted entries are not in the feed; other members' entries neither.
		expect(events.some((event) => event.get('DESCRIPTION')?.value.includes('À jeter'))).toBe(false);
		expect(events.some((event) => event.get('DESCRIPTION')?.value.includes('Workflow'))).toBe(false);

		expect((await fetch(url.replace(/token=[^&]+/, 'token=aaaaaaaaaaaaaaaaaaaaaaaaaaaa'))).status).toBe(404);
		expect((await fetch(url.replace(`member=${member('alice')}`, `member=${member('bob')}`))).status).toBe(404);

		const chantierLink = await slash('calendrier', { chantier: chantierId }, member('alice'), { subcommand: 'lien' });
		const chantierUrl = /(http:\/\/\S+planning\.ics\?\S+)/.exec(textOf(chantierLink.embeds[0]))![1]!;
		const chantierEvents = eventsOf(parseIcs(await (await fetch(chantierUrl)).text()));
		expect(chantierEvents.length).toBeGreaterThan(0);
		expect(chantierEvents.every((event) => event.get('SUMMARY')!.value.includes('CH-01'))).toBe(true);

		const revoked = await slash('calendrier', {}, member('alice'), { subcommand: 'revoquer' });
		expect(revoked.embeds[0]?.title).toContain('Lien supprimé');
		expect((await fetch(url)).status).toBe(404);
		const again = await slash('calendrier', {}, member('alice'), { subcommand: 'revoquer' });
		expect(again.embeds[0]).toMatchObject({ title: 'ℹ️ Aucun lien', description: 'Vous n’aviez pas de lien de calendrier.' });
		const fresh = await slash('calendrier', {}, member('alice'), { subcommand: 'lien' });
		const freshUrl = /(http:\/\/\S+planning\.ics\?\S+)/.exec(textOf(fresh.embeds[0]))![1]!;
		expect(freshUrl).not.toBe(url);
		expect((await fetch(freshUrl)).status).toBe(200);
	});

	it('!calendrier sends the link by direct message, never in the channel', async () => {
		const reply = await prefix('!calendrier', member('bob'));
		expect(textOf(reply.embeds[0])).toContain('Je vous ai envoyé le lien en message privé.');
		expect(textOf(reply.embeds[0])).not.toContain('token=');
		const dm = await eventually(() =>
			bot.server.botMessages.find((event) => event.kind === 'create' && !event.message.guild_id && textOf(event.message.embeds[0]).includes(`member=${member('bob')}`))
		);
		expect(bot.server.state.channels.get(dm.message.channel_id)?.recipients).toContain(member('bob'));
	});

	it('a weekly Monday 06:00 series stays at 06:00 local in the feed and the database across the daylight-saving changes', async () => {
		const first = mondayIn(2, 6);
		const until = first.plus({ months: 12 });
		const reply = await slash(
			'planifier',
			{ type: 'reunion', debut: typed(first), fin: '7h', note: 'Réunion de chantier', repetition: 'weekly', jusqua: until.toFormat('yyyy-MM-dd') },
			member('bob')
		);
		expect(reply.embeds[0]?.title).toContain('Série ajoutée');
		const rows = (await liveEntries(member('bob'))).filter((row) => row.note === 'Réunion de chantier');
		expect(rows.length).toBeGreaterThanOrEqual(52);
		const local = rows.map((row) => DateTime.fromJSDate(row.startsAt, { zone }));
		expect(new Set(local.map((at) => at.toFormat('ccc HH:mm', { locale: 'en' })))).toEqual(new Set(['Mon 06:00']));
		// Both offsets occur: the UTC time moved with the clocks.
		expect(new Set(local.map((at) => at.offset))).toEqual(new Set([60, 120]));

		// Cancel one occurrence after the next change of offset: it becomes an override in the feed.
		const afterChange = rows.find((row) => DateTime.fromJSDate(row.startsAt, { zone }).offset !== local[0]!.offset)!;
		await slash('modifierplanning', { entree: afterChange.id, statut: 'annule' }, member('bob'));
		const link = await slash('calendrier', {}, member('bob'), { subcommand: 'lien' });
		const url = /(http:\/\/\S+planning\.ics\?\S+)/.exec(textOf(link.embeds[0]))![1]!;
		const events = eventsOf(parseIcs(await (await fetch(url)).text())).filter((event) => event.get('DESCRIPTION')?.value.includes('Réunion de chantier'));
		const series = events.find((event) => event.get('RRULE'))!;
		expect(series.get('DTSTART')).toMatchObject({ params: { TZID: zone }, value: first.toFormat("yyyyMMdd'T'060000") });
		expect(series.get('RRULE')!.value).toMatch(/^FREQ=WEEKLY;BYDAY=MO;UNTIL=\d{8}T\d{6}Z$/);
		const override = events.find((event) => event.get('RECURRENCE-ID'))!;
		expect(override.get('UID')!.value).toBe(series.get('UID')!.value);
		expect(override.get('RECURRENCE-ID')).toMatchObject({ params: { TZID: zone }, value: DateTime.fromJSDate(afterChange.startsAt, { zone }).toFormat("yyyyMMdd'T'060000") });
		expect(override.get('DTSTART')!.value.endsWith('T060000')).toBe(true);
		expect(override.get('STATUS')!.value).toBe('CANCELLED');
	});

	it('posts the week’s planning to #planning-hebdo, one embed per day, when the weekly task runs', async () => {
		const monday = mondayIn(5);
		await bot.monster.scheduler.runNow('planning.weekly', { now: monday.plus({ hours: 6 }).toISO() });
		const post = await bot.server.waitForMessage((message) => message.channel_id === bot.server.guild.channels.planning);
		expect(post.embeds[0]?.title).toContain(`Planning de la semaine du ${monday.setLocale('fr').toFormat('cccc d LLLL yyyy')}`);
		const days = post.embeds.slice(1);
		expect(days[0]?.title).toContain(monday.setLocale('fr').toFormat('d LLLL'));
		expect(textOf(days[0])).toContain(`<@${member('admin')}>`);
		expect(textOf(days[0])).toContain('Congés');
		expect(textOf(days[0])).toContain('Réunion de chantier');
		expect(days.length).toBeLessThanOrEqual(7);
		const call = bot.server.calls.findLast((candidate) => candidate.method === 'POST' && candidate.path === `/channels/${bot.server.guild.channels.planning}/messages`);
		expect((call!.body as { allowed_mentions?: { parse?: string[] } }).allowed_mentions?.parse).toEqual([]);
	});

	it('follows its settings at once, without a reload: another channel and schedule', async () => {
		const schema = bot.monster.host.get('planning')!.manifest!.settings!;
		await container.settings.set('planning', schema, 'weeklyPostChannel', 'général', { actor: 'test' });
		await container.settings.set('planning', schema, 'weeklyPostCron', '30 7 * * 1', { actor: 'test' });
		const task = container.stores.get('scheduled-tasks').get('planning.weekly') as unknown as SettingsDrivenSchedule;
		expect(task.schedule()).toEqual({ pattern: '30 7 * * 1', timezone: 'Europe/Paris' });
		await bot.monster.scheduler.runNow('planning.weekly', { now: mondayIn(5).toISO() });
		const post = await bot.server.waitForMessage((message) => message.embeds[0]?.title?.includes('Planning de la semaine') ?? false);
		expect(post.channel_id).toBe(bot.server.guild.channels.general);
	});

	it('a member who left loses their calendar links: the feed answers 404 and the token is revoked', async () => {
		const feedUrl = async (userId: string, options: Record<string, string> = {}) =>
			/(http:\/\/\S+planning\.ics\?\S+)/.exec(textOf((await slash('calendrier', options, userId, { subcommand: 'lien' })).embeds[0]))![1]!;
		const own = await feedUrl(member('chloe'));
		const site = await feedUrl(member('chloe'), { chantier: chantierId });
		const colleague = await feedUrl(member('alice'));
		expect((await fetch(own)).status).toBe(200);
		expect((await fetch(site)).status).toBe(200);

		// Chloé leaves while the bot does not hear of it: Discord no longer has her, the bot's cache still does.
		bot.server.state.members(bot.server.guild.id).delete(member('chloe'));
		expect(container.client.guilds.cache.get(bot.server.guild.id)?.members.cache.has(member('chloe'))).toBe(true);
		expect((await fetch(site)).status).toBe(404);
		expect(await feedTokenOwner(container.db, new URL(own).searchParams.get('token')!)).toBeUndefined();
		expect((await fetch(own)).status).toBe(404);
		expect((await fetch(colleague)).status).toBe(200);
	});

	it('/résumé lists who is where today in whole lines, and says how many more when the field is full', async () => {
		const today = parisDay(0, 8);
		const team = [member('alice'), member('bob'), member('chloe'), member('admin')];
		await container.db.insert(planning).values(
			Array.from({ length: 16 }, (_, index) => ({
				guildId: bot.server.guild.id,
				userId: team[index % team.length]!,
				type: 'chantier' as const,
				startsAt: today.plus({ minutes: index }).toJSDate(),
				endsAt: today.set({ hour: 17 }).toJSDate(),
				createdBy: member('admin'),
				note: `Équipe gros œuvre, lot ${index + 1}`
			}))
		);
		const responses = await (await bot.server.sendSlashCommand({ name: 'resume', userId: member('admin') })).waitForResponses(2);
		const where = responses.at(-1)!.embeds[0]?.fields?.find((field) => field.name === 'Qui est où aujourd’hui')?.value ?? '';
		expect(where.length).toBeLessThanOrEqual(1024);
		const lines = where.split('\n');
		const more = /^… et (\d+) autres lignes$/.exec(lines.at(-1)!);
		expect(more).not.toBeNull();
		const entries = lines.slice(0, -1);
		for (const line of entries) expect(line).toMatch(/`[0-9a-f]{8}`$/);
		expect(entries.length + Number(more![1])).toBeGreaterThanOrEqual(16);
	});
});
