import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupOldMessages, globalStats, rollUpUserStats } from '../../plugins/monitoring/queries.ts';
import { createTestDatabase, storageBackends, type TestDatabase } from '../support/databases.ts';

describe.each(storageBackends)('triggers, functions and view on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
	});
	afterAll(() => database.destroy());

	const rows = async <T>(query: SQL) => ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
	const one = async <T>(query: SQL) => (await rows<T>(query))[0] as T;

	it('bumps updated_at on a real change, not on a no-op update', async () => {
		await database.db.execute(
			sql`insert into chantiers (guild_id, code, name, updated_at) values ('g', 'CH-1', 'Ecole', now() - interval '1 hour')`
		);
		await database.db.execute(sql`update chantiers set name = name where code = 'CH-1'`);
		const unchanged = await one<{ fresh: boolean }>(sql`select updated_at > now() - interval '1 minute' as fresh from chantiers where code = 'CH-1'`);
		expect(unchanged.fresh).toBe(false);
		await database.db.execute(sql`update chantiers set client = 'Mairie' where code = 'CH-1'`);
		const changed = await one<{ fresh: boolean }>(sql`select updated_at > now() - interval '1 minute' as fresh from chantiers where code = 'CH-1'`);
		expect(changed.fresh).toBe(true);
	});

	it('enforces the planning workflow prevu → confirme → termine / annule', async () => {
		const { id } = await one<{ id: string }>(
			sql`insert into planning (guild_id, user_id, type, starts_at, ends_at, created_by)
				values ('g', 'u', 'conges', now(), now() + interval '1 day', 'u') returning id`
		);
		await expect(database.db.execute(sql`update planning set status = 'termine' where id = ${id}`)).rejects.toThrow();
		await database.db.execute(sql`update planning set status = 'confirme' where id = ${id}`);
		await database.db.execute(sql`update planning set status = 'termine' where id = ${id}`);
		await expect(database.db.execute(sql`update planning set status = 'prevu' where id = ${id}`)).rejects.toThrow();
		await expect(
			database.db.execute(sql`insert into planning (guild_id, user_id, type, starts_at, ends_at, created_by)
				values ('g', 'u', 'reunion', now(), now() - interval '1 hour', 'u')`)
		).rejects.toThrow();
	});

	it('enforces the chantier lifecycle actif ⇄ en_pause → termine, any of them ⇄ archive', async () => {
		await database.db.execute(sql`insert into chantiers (guild_id, code, name) values ('g', 'CH-2', 'Gymnase')`);
		for (const status of ['en_pause', 'actif', 'archive', 'actif', 'termine', 'archive', 'termine']) {
			await database.db.execute(sql`update chantiers set status = ${status}::chantier_status where code = 'CH-2'`);
		}
		await expect(database.db.execute(sql`update chantiers set status = 'actif' where code = 'CH-2'`)).rejects.toThrow();
		await expect(database.db.execute(sql`update chantiers set status = 'en_pause' where code = 'CH-2'`)).rejects.toThrow();
	});

	it('keeps chantier codes unique per guild in any case', async () => {
		await database.db.execute(sql`insert into chantiers (guild_id, code, name) values ('g', 'CH-3', 'Piscine')`);
		await expect(database.db.execute(sql`insert into chantiers (guild_id, code, name) values ('g', 'ch-3', 'Autre')`)).rejects.toThrow();
		await database.db.execute(sql`insert into chantiers (guild_id, code, name) values ('h', 'ch-3', 'Ailleurs')`);
		await database.db.execute(sql`delete from chantiers where code in ('CH-3', 'ch-3')`);
	});

	it('sets completed_at when a task is done and clears it when reopened', async () => {
		const { id } = await one<{ id: string }>(sql`insert into tasks (guild_id, title, creator_id) values ('g', 'Poser le placo', 'u') returning id`);
		const completedAt = () => one<{ completed_at: unknown }>(sql`select completed_at from tasks where id = ${id}`);
		expect((await completedAt()).completed_at).toBeNull();
		await database.db.execute(sql`update tasks set status = 'terminee' where id = ${id}`);
		expect((await completedAt()).completed_at).not.toBeNull();
		await database.db.execute(sql`update tasks set status = 'en_cours' where id = ${id}`);
		expect((await completedAt()).completed_at).toBeNull();
	});

	it('cleanup_old_messages deletes only messages older than the retention and returns the count', async () => {
		await database.db.execute(sql`insert into messages (message_id, channel_id, author_id, content, created_at)
			select 'old-' || g, 'c', 'u', 'ancien', now() - interval '40 days' - g * interval '1 hour' from generate_series(1, 7) g
			union all
			select 'new-' || g, 'c', 'u', 'récent', now() - interval '10 days' from generate_series(1, 5) g`);
		expect(await cleanupOldMessages(database.db, 30)).toBe(7);
		expect(await cleanupOldMessages(database.db, 30)).toBe(0);
		const { left } = await one<{ left: number }>(sql`select count(*)::int as left from messages where message_id like 'new-%'`);
		expect(left).toBe(5);
		await expect(cleanupOldMessages(database.db, 0)).rejects.toThrow();
	});

	it('globalStats totals what the dashboard shows', async () => {
		await database.db.execute(sql`delete from messages`);
		await database.db.execute(sql`delete from planning`);
		await database.db.execute(sql`delete from tasks`);
		await database.db.execute(sql`insert into messages (message_id, guild_id, channel_id, author_id, content, created_at)
			select 'stat-' || g, 'g', 'c', 'u' || (g % 3), 'message ' || g, now() - g * interval '1 minute' from generate_series(1, 12) g
			union all select 'stat-old', 'g', 'c', 'u0', 'hier', now() - interval '2 days'`);
		await database.db.execute(sql`insert into tasks (guild_id, title, creator_id, status, due_date) values
			('g', 'a', 'u0', 'a_faire', current_date - 2), ('g', 'b', 'u0', 'en_cours', current_date + 3),
			('g', 'c', 'u1', 'terminee', null), ('g', 'd', 'u1', 'annulee', current_date - 9)`);
		await database.db.execute(sql`insert into planning (guild_id, user_id, type, starts_at, ends_at, created_by) values
			('g', 'u0', 'chantier', current_date + interval '8 hours', current_date + interval '17 hours', 'u0'),
			('g', 'u1', 'conges', current_date - 3, current_date + 4, 'u1'),
			('g', 'u2', 'formation', current_date + 2, current_date + 3, 'u2')`);
		await database.db.execute(sql`insert into moderation_cases (guild_id, case_number, action, target_id, moderator_id)
			values ('g', 1, 'avertissement', 'u2', 'mod')`);
		const today = (await one<{ day: string }>(sql`select current_date::text as day`)).day;
		const twoDaysAgo = (await one<{ day: string }>(sql`select (current_date - 2)::text as day`)).day;
		await rollUpUserStats(database.db, { day: today, timeZone: 'UTC' });
		await rollUpUserStats(database.db, { day: twoDaysAgo, timeZone: 'UTC' });
		const stats = await globalStats(database.db, { timeZone: 'UTC' });
		expect(stats).toEqual({
			// Two days ago from user_stats, the last 12 minutes from the log (today, or yesterday and today just after midnight).
			messagesTotal: 13,
			messagesLast24h: 12,
			activeMembers7d: 3,
			openTasks: 2,
			overdueTasks: 1,
			doneTasks: 1,
			activeChantiers: 1, // CH-1 from the first test; CH-2 was archived
			planningToday: 2,
			moderationCases30d: 1
		});
	});

	it('loads pg_stat_statements where the server has it, and skips it cleanly elsewhere', async () => {
		const extensions = (await rows<{ extname: string }>(sql`select extname from pg_extension`)).map((row) => row.extname);
		expect(extensions).toEqual(expect.arrayContaining(['pg_trgm', 'uuid-ossp']));
		const available = await rows(sql`select 1 from pg_available_extensions where name = 'pg_stat_statements'`);
		if (kind === 'pglite') expect(extensions).not.toContain('pg_stat_statements');
		else expect(extensions.includes('pg_stat_statements')).toBe(available.length > 0);
	});
});
