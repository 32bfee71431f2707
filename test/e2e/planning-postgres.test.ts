import { container } from '@sapphire/framework';
import { and, eq, isNull } from 'drizzle-orm';
import type { APIMessageTopLevelComponent } from 'discord.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';
import { testPostgresUrl } from '../support/databases.ts';
import { planning } from '../../plugins/planning/schema.ts';
import { eventsOf, parseIcs } from '../fixtures/planning/ics.ts';

const zone = 'Europe/Paris';
const buttonId = (components: readonly APIMessageTopLevelComponent[], label: string) =>
	components.flatMap((row) => ('components' in row ? (row.components as { label?: string; custom_id?: string }[]) : [])).find((button) => button.label === label)!.custom_id!;

/** The same flows on real PostgreSQL (advisory lock, triggers, jsonb containment of feed tokens). */
describe.skipIf(!testPostgresUrl)('planning plugin on PostgreSQL', () => {
	let bot: TestBot;
	const alice = () => bot.server.guild.members.alice!;

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'planning'], database: 'postgres' });
	});
	afterAll(() => bot?.stop());

	it('plans a series, confirms an overlap, moves a status along the workflow, serves the feed and deletes the series', async () => {
		expect(bot.monster.host.get('planning')?.status).toBe('active');
		const monday = DateTime.now().setZone(zone).plus({ weeks: 2 }).startOf('week').set({ hour: 6 });
		const series = await (
			await bot.server.sendSlashCommand({
				name: 'planifier',
				userId: alice(),
				options: { type: 'reunion', debut: monday.toFormat('yyyy-MM-dd HH:mm'), fin: '7h', repetition: 'weekly', intervalle: 2, jusqua: monday.plus({ weeks: 30 }).toFormat('yyyy-MM-dd') }
			})
		).reply();
		expect(series.embeds[0]?.title).toContain('Série ajoutée');
		const rows = await container.db.select().from(planning).where(and(eq(planning.userId, alice()), isNull(planning.deletedAt)));
		expect(rows).toHaveLength(16);
		expect(new Set(rows.map((row) => DateTime.fromJSDate(row.startsAt, { zone }).toFormat('HH:mm')))).toEqual(new Set(['06:00']));

		const question = await (
			await bot.server.sendSlashCommand({ name: 'planifier', userId: alice(), options: { type: 'autre', debut: monday.set({ hour: 6, minute: 30 }).toFormat('yyyy-MM-dd HH:mm'), fin: '8h' } })
		).reply();
		expect(question.embeds[0]?.title).toContain('Chevauchement');
		const [, added] = await (await bot.server.clickButton({ messageId: question.messageId!, customId: buttonId(question.components, 'Ajouter quand même'), userId: alice() })).waitForResponses(2);
		expect(added!.embeds[0]?.title).toContain('Entrée ajoutée');

		const first = rows.find((row) => row.rrule)!;
		for (const status of ['confirme', 'termine']) {
			const reply = await (await bot.server.sendSlashCommand({ name: 'modifierplanning', userId: alice(), options: { entree: first.id, statut: status } })).reply();
			expect(reply.embeds[0]?.title).toContain('Statut modifié');
		}
		const refused = await (await bot.server.sendSlashCommand({ name: 'modifierplanning', userId: alice(), options: { entree: first.id, statut: 'annule' } })).reply();
		expect(refused.embeds[0]?.description).toContain('ne peut pas devenir');

		const link = await (await bot.server.sendSlashCommand({ name: 'calendrier', subcommand: 'lien', userId: alice() })).reply();
		const url = /(http:\/\/\S+planning\.ics\?\S+)/.exec(link.embeds[0]?.description ?? '')![1]!;
		const events = eventsOf(parseIcs(await (await fetch(url)).text()));
		const rule = events.find((event) => event.get('RRULE'))!;
		expect(rule.get('RRULE')!.value).toMatch(/^FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=/);
		expect(rule.get('DTSTART')!.value.endsWith('T060000')).toBe(true);
		// The first entry is done: it differs from the series and is written as an override.
		expect(events.some((event) => event.get('RECURRENCE-ID') && event.get('STATUS')?.value === 'CONFIRMED')).toBe(true);

		const ask = await (await bot.server.sendSlashCommand({ name: 'supprimerplanning', userId: alice(), options: { entree: first.id, serie: true } })).reply();
		const [, done] = await (await bot.server.clickButton({ messageId: ask.messageId!, customId: buttonId(ask.components, 'Supprimer'), userId: alice() })).waitForResponses(2);
		expect(done!.embeds[0]?.description).toContain('16 entrées retirées');
		const left = await container.db.select().from(planning).where(and(eq(planning.userId, alice()), isNull(planning.deletedAt)));
		expect(left).toHaveLength(1);
	});
});
