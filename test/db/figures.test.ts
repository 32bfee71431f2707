// The figures cache (core/figures.ts) and the bounded user_stats behind GET /api/stats, on PGlite and PostgreSQL.
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Figures } from '../../core/figures.ts';
import { globalStats, rollUpOldUserStats, rollUpUserStats } from '../../plugins/monitoring/queries.ts';
import { createTestDatabase, storageBackends, type TestDatabase } from '../support/databases.ts';

describe.each(storageBackends)('figures cache and user_stats roll-up on %s', (kind) => {
	let database: TestDatabase;
	let figures: Figures;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
		figures = await Figures.start(database);
	});
	afterAll(async () => {
		await figures.stop();
		await database.destroy();
	});

	const rows = async <T>(query: SQL) => ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
	const openTasks = () => figures.remember('open-tasks', async () => (await globalStats(database.db, { timeZone: 'UTC' })).openTasks);
	const chantiers = () =>
		figures.remember('chantiers', async () => Number((await rows<{ count: string }>(sql`select count(*) from chantiers`))[0]?.count), { ignores: ['messages'] });
	const addTask = (title: string) => database.db.execute(sql`insert into tasks (guild_id, title, creator_id) values ('g', ${title}, 'u')`);

	it('serves unchanged figures without computing them again', async () => {
		const before = figures.computations;
		const [first, second] = await Promise.all([openTasks(), openTasks()]);
		expect(await openTasks()).toBe(first);
		expect(second).toBe(first);
		expect(figures.computations).toBe(before + 1);
	});

	it('computes them again once a write to a table they summarise commits', async () => {
		const before = await openTasks();
		await addTask('Commander le béton');
		await vi.waitFor(async () => expect(await openTasks()).toBe(before + 1));
	});

	it('keeps figures that ignore the written table, and drops them for a write to another', async () => {
		await chantiers();
		await openTasks();
		const computed = figures.computations;
		await database.db.execute(sql`insert into messages (message_id, channel_id, author_id, content, created_at) values ('m-figures', 'c', 'u', 'béton', now())`);
		// Notifications arrive in commit order: once the messages write dropped open-tasks, it was heard.
		await vi.waitFor(async () => {
			await openTasks();
			expect(figures.computations).toBe(computed + 1);
		});
		expect(await chantiers()).toBe(0);
		expect(figures.computations).toBe(computed + 1);
		await database.db.execute(sql`insert into chantiers (guild_id, code, name) values ('g', 'CH-F', 'Figures')`);
		await vi.waitFor(async () => expect(await chantiers()).toBe(1));
	});

	it('a rolled-back write does not count, the next committed one does', async () => {
		const before = await openTasks();
		await database.db
			.transaction(async (tx) => {
				await tx.execute(sql`insert into tasks (guild_id, title, creator_id) values ('g', 'Annulée', 'u')`);
				throw new Error('rollback');
			})
			.catch(() => undefined);
		await addTask('Gardée');
		await vi.waitFor(async () => expect(await openTasks()).toBe(before + 1));
	});

	it('rolls a day up: each member’s messages and five-minute slots, without bots or direct messages', async () => {
		await database.db.execute(sql`insert into messages (message_id, guild_id, channel_id, author_id, author_is_bot, content, created_at) values
			('r1', 'g', 'c', 'a', false, 'x', '2026-11-03T10:00Z'), ('r2', 'g', 'c', 'a', false, 'x', '2026-11-03T10:01Z'),
			('r3', 'g', 'c', 'a', false, 'x', '2026-11-03T10:04:59Z'), ('r4', 'g', 'c', 'a', false, 'x', '2026-11-03T10:05Z'),
			('r5', 'g', 'c', 'a', false, 'x', '2026-11-03T23:59Z'), ('r6', 'g', 'c', 'b', false, 'x', '2026-11-03T10:00Z'),
			('r7', 'g', 'c', 'bot', true, 'x', '2026-11-03T10:00Z'), ('r8', null, 'dm', 'a', false, 'x', '2026-11-03T10:00Z'),
			('r9', 'g', 'c', 'a', false, 'x', '2026-11-04T00:00Z')`);
		expect(await rollUpUserStats(database.db, { day: '2026-11-03', timeZone: 'UTC' })).toBe(2);
		const day = await rows<{ user_id: string; messages: number; active_seconds: number }>(
			sql`select user_id, messages, active_seconds from user_stats where day = '2026-11-03' order by user_id`
		);
		expect(day).toEqual([
			{ user_id: 'a', messages: 5, active_seconds: 3 * 300 },
			{ user_id: 'b', messages: 1, active_seconds: 300 }
		]);
		await database.db.execute(sql`delete from user_stats`);
	});

	it('adds daily activity older than the kept days into monthly rows, totals unchanged, twice safely', async () => {
		// From two days ago: the total reads user_stats only for the days the roll-up no longer recomputes.
		await database.db.execute(sql`insert into user_stats (guild_id, user_id, day, messages, active_seconds)
			select 'g', 'u' || u, current_date - d, 10, 600 from generate_series(1, 3) u, generate_series(2, 401) d`);
		const stats = () => globalStats(database.db, { timeZone: 'UTC' });
		const { messagesTotal: total, activeMembers7d: active } = await stats();
		expect(total).toBe(3 * 400 * 10);
		expect(await rollUpOldUserStats(database.db, 90)).toBe(3 * (400 - 89));
		expect(await rollUpOldUserStats(database.db, 90)).toBe(0);
		const [daily] = await rows<{ count: string; oldest: string }>(sql`select count(*), (current_date - min(day))::text as oldest from user_stats`);
		expect(Number(daily?.count)).toBe(3 * 89);
		expect(daily?.oldest).toBe('90');
		const months = await rows<{ user_id: string; messages: number }>(sql`select user_id, sum(messages)::int as messages from user_stats_monthly group by user_id order by user_id`);
		expect(months).toEqual(['u1', 'u2', 'u3'].map((user) => ({ user_id: user, messages: (400 - 89) * 10 })));
		expect(await stats()).toMatchObject({ messagesTotal: total, activeMembers7d: active });
		await expect(rollUpOldUserStats(database.db, 0)).rejects.toThrow();
	});

	it('adds later nights into the month already started', async () => {
		await database.db.execute(sql`delete from user_stats`);
		await database.db.execute(sql`delete from user_stats_monthly`);
		await database.db.execute(sql`insert into user_stats (guild_id, user_id, day, messages, active_seconds)
			select 'g', 'u', date_trunc('month', current_date - 200)::date + d, 1, 300 from generate_series(0, 27) d`);
		await rollUpOldUserStats(database.db, 200 - 10);
		await rollUpOldUserStats(database.db, 150);
		const [month] = await rows<{ messages: number; active_seconds: number }>(sql`select messages, active_seconds from user_stats_monthly`);
		expect(month).toEqual({ messages: 28, active_seconds: 28 * 300 });
		expect((await globalStats(database.db, { timeZone: 'UTC' })).messagesTotal).toBe(28);
	});
});
