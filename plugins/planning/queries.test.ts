import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import { countPlanningInRange, planningInRange, seriesOccurrences, weekOf } from './queries.ts';

describe('weekOf', () => {
	it('runs Monday 00:00 to Monday 00:00 in the given time zone, across a DST change', () => {
		expect(weekOf('2026-11-25', 'Europe/Paris')).toEqual({
			start: new Date('2026-11-22T23:00:00Z'),
			end: new Date('2026-11-29T23:00:00Z')
		});
		// Summer time starts on Sunday 29 March 2026: the week is one hour shorter.
		expect(weekOf('2026-03-29', 'Europe/Paris')).toEqual({
			start: new Date('2026-03-22T23:00:00Z'),
			end: new Date('2026-03-29T22:00:00Z')
		});
		expect(weekOf('2026-11-23', 'UTC').start).toEqual(new Date('2026-11-23T00:00:00Z'));
	});
});

describe.each(storageBackends)('planning queries on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
	});
	afterAll(() => database.destroy());

	it('returns the entries overlapping the week, not deleted ones, oldest first', async () => {
		const insert = (userId: string, type: string, startsAt: string, endsAt: string, note: string, deleted = false) =>
			database.db.execute(sql`insert into planning (guild_id, user_id, type, starts_at, ends_at, note, created_by, deleted_at)
				values ('g', ${userId}, ${type}::planning_type, ${startsAt}::timestamptz, ${endsAt}::timestamptz, ${note}, 'chef',
					${deleted ? sql`now()` : sql`null`})`);
		await insert('u1', 'conges', '2026-11-16T00:00:00Z', '2026-11-24T00:00:00Z', 'congés à cheval');
		await insert('u1', 'chantier', '2026-11-25T07:00:00Z', '2026-11-25T16:00:00Z', 'chantier mercredi');
		await insert('u1', 'reunion', '2026-11-26T09:00:00Z', '2026-11-26T10:00:00Z', 'réunion annulée', true);
		await insert('u1', 'formation', '2026-11-30T08:00:00Z', '2026-11-30T12:00:00Z', 'semaine suivante');
		await insert('u2', 'chantier', '2026-11-24T07:00:00Z', '2026-11-24T16:00:00Z', 'autre personne');
		const range = weekOf('2026-11-25', 'UTC');
		const mine = await planningInRange(database.db, { guildId: 'g', userId: 'u1', range });
		expect(mine.map((entry) => entry.note)).toEqual(['congés à cheval', 'chantier mercredi']);
		const team = await planningInRange(database.db, { guildId: 'g', range });
		expect(team.map((entry) => entry.note)).toEqual(['congés à cheval', 'autre personne', 'chantier mercredi']);
	});

	it('lists the occurrences of a series, and deleting its first entry deletes them', async () => {
		const [first] = ((await database.db.execute(sql`insert into planning (guild_id, user_id, type, starts_at, ends_at, rrule, created_by)
			values ('g', 'u3', 'reunion', '2026-12-07T08:00:00Z', '2026-12-07T09:00:00Z', 'FREQ=WEEKLY;COUNT=3', 'chef') returning id`)) as unknown as {
			rows: { id: string }[];
		}).rows;
		const seriesId = first?.id ?? '';
		for (const week of [1, 2]) {
			await database.db.execute(sql`insert into planning (guild_id, user_id, type, starts_at, ends_at, recurrence_id, created_by)
				values ('g', 'u3', 'reunion', ${`2026-12-${7 + 7 * week}T08:00:00Z`}::timestamptz, ${`2026-12-${7 + 7 * week}T09:00:00Z`}::timestamptz, ${seriesId}, 'chef')`);
		}
		expect(await seriesOccurrences(database.db, seriesId)).toHaveLength(2);
		await database.db.execute(sql`delete from planning where id = ${seriesId}`);
		expect(await seriesOccurrences(database.db, seriesId)).toHaveLength(0);
	});

	it('pages a busy month by (start, id) without a gap or a repeat, long entries begun earlier included', async () => {
		// 3 entries at each of 20 starts (ties on the start), congés begun 40 days before the month, an
		// entry ended before it and a deleted one.
		await database.db.execute(sql`insert into planning (guild_id, user_id, type, starts_at, ends_at, note, created_by, status)
			select 'busy', 'u' || k, 'chantier', timestamptz '2027-03-01 07:00Z' + (d || ' days')::interval,
				timestamptz '2027-03-01 16:00Z' + (d || ' days')::interval, 'j' || d || '-' || k, 'chef',
				(case when k = 2 and d % 5 = 0 then 'annule' else 'prevu' end)::planning_status
			from generate_series(0, 19) d, generate_series(0, 2) k`);
		await database.db.execute(sql`insert into planning (guild_id, user_id, type, starts_at, ends_at, note, created_by, deleted_at) values
			('busy', 'u9', 'conges', '2027-01-20T00:00:00Z', '2027-03-05T00:00:00Z', 'congés longs', 'chef', null),
			('busy', 'u9', 'formation', '2027-02-20T08:00:00Z', '2027-02-20T12:00:00Z', 'finie avant', 'chef', null),
			('busy', 'u9', 'reunion', '2027-03-02T08:00:00Z', '2027-03-02T09:00:00Z', 'supprimée', 'chef', now())`);
		const range = { start: new Date('2027-03-01T00:00:00Z'), end: new Date('2027-04-01T00:00:00Z') };
		const whole = await planningInRange(database.db, { guildId: 'busy', range });
		expect(whole).toHaveLength(61);
		expect(whole[0]?.note).toBe('congés longs');
		const pages: string[][] = [];
		let after: string | undefined;
		for (;;) {
			const page = await planningInRange(database.db, { guildId: 'busy', range, after, limit: 7 });
			if (page.length === 0) break;
			pages.push(page.map((entry) => entry.note ?? ''));
			after = page.at(-1)!.id;
		}
		expect(pages).toHaveLength(9);
		expect(pages.flat()).toEqual(whole.map((entry) => entry.note));
		const member = await planningInRange(database.db, { guildId: 'busy', userId: 'u9', range });
		expect(member.map((entry) => entry.note)).toEqual(['congés longs']);
	});

	it('counts a range by type without the cancelled, and stops at the cap', async () => {
		const range = { start: new Date('2027-03-01T00:00:00Z'), end: new Date('2027-04-01T00:00:00Z') };
		expect(await countPlanningInRange(database.db, { guildId: 'busy', range }, 1000)).toEqual({ total: 61, capped: false, byType: { chantier: 56, conges: 1 } });
		expect(await countPlanningInRange(database.db, { guildId: 'busy', range }, 61)).toMatchObject({ total: 61, capped: false });
		expect(await countPlanningInRange(database.db, { guildId: 'busy', range }, 60)).toMatchObject({ total: 60, capped: true });
		expect(await countPlanningInRange(database.db, { guildId: 'busy', userId: 'u9', range }, 10)).toEqual({ total: 1, capped: false, byType: { conges: 1 } });
	});
});
