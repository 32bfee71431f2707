import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalStatsQuery, rollUpUserStatsStatement, similarWordsQuery, userStatsForPeriod, wordSearchQuery } from '../../plugins/monitoring/queries.ts';
import { planningRangeStatements, seriesOccurrences, weekOf } from '../../plugins/planning/queries.ts';
import { countTasksCreatedBy, countTasksDoneBy, listTasks } from '../../plugins/tasks/queries.ts';
import { createTestDatabase, storageBackends, type TestDatabase } from '../support/databases.ts';
import type { Db } from '../../core/db/client.ts';
import { vacuumAnalyze } from '../../core/db/maintenance.ts';

/*
 * Proves the indexes on the queries the bot really runs: each case EXPLAINs the exact statement a query
 * function builds. The planner is left alone (no enable_seqscan tricks): the seed has a realistic shape
 * and volume (years of history, most tasks closed, most planning in the past, searched words rare), then
 * gets the VACUUM ANALYZE that autovacuum runs on PostgreSQL and `vacuumAnalyze` on PGlite. Without the
 * vacuum, the trigram index's pending list (its fast-insert buffer, 4 MB) still holds the fresh rows and
 * the planner rightly prefers scanning a table this small.
 */

interface PlanNode {
	'Node Type': string;
	'Relation Name'?: string;
	'Index Name'?: string;
	Plans?: PlanNode[];
}

const bigTables = ['messages', 'tasks', 'planning'];

async function plan(db: Db, query: SQLWrapper): Promise<PlanNode[]> {
	const result = (await db.execute(sql`explain (format json) ${query}`)) as unknown as { rows: { 'QUERY PLAN': unknown }[] };
	const raw = result.rows[0]?.['QUERY PLAN'];
	const [root] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
	const nodes: PlanNode[] = [];
	const walk = (node: PlanNode) => {
		nodes.push(node);
		node.Plans?.forEach(walk);
	};
	if (root) walk(root.Plan);
	return nodes;
}

function summary(nodes: PlanNode[]): { seqScans: string[]; indexes: string[] } {
	return {
		seqScans: nodes
			.filter((node) => node['Node Type'] === 'Seq Scan' && bigTables.includes(node['Relation Name'] ?? ''))
			.map((node) => node['Relation Name'] ?? ''),
		indexes: [...new Set(nodes.flatMap((node) => (node['Index Name'] ? [node['Index Name']] : [])))].sort()
	};
}

/** Two years of a 3-guild company: 180 chantiers, 6,000 tasks, 9,000 planning entries, 30,000 messages, 18,000 stat rows. */
async function seed(db: Db): Promise<void> {
	const statements: SQL[] = [
		sql`insert into chantiers (guild_id, code, name, status)
			select 'G' || (g % 3), 'CH-' || g, 'Chantier ' || g, (case when g % 10 = 0 then 'actif' else 'en_pause' end)::chantier_status
			from generate_series(1, 180) g`,
		sql`insert into tasks (guild_id, title, status, priority, tags, due_date, assignee_id, creator_id, chantier_id, created_at)
			select 'G' || (g % 3), 'Tâche ' || g,
				(case when g % 10 < 2 then (array['a_faire', 'en_cours', 'en_attente'])[1 + g % 3] when g % 10 = 2 then 'annulee' else 'terminee' end)::task_status,
				(array['basse', 'normale', 'normale', 'haute', 'urgente'])[1 + g % 5]::task_priority,
				array[(array['electricite', 'plomberie', 'gros-oeuvre', 'peinture', 'securite', 'livraison', 'menuiserie', 'toiture'])[1 + g % 8]],
				current_date - 700 + (g * 700 / 6000) + (g % 30),
				'U' || (g % 60), 'U' || (g % 7), (select id from chantiers where code = 'CH-' || (1 + g % 180)),
				now() - interval '730 days' + g * interval '10 minutes' * 10.5
			from generate_series(1, 6000) g`,
		sql`insert into planning (guild_id, user_id, type, starts_at, ends_at, status, created_by, deleted_at)
			select 'G' || (u % 3), 'U' || u, (array['chantier', 'chantier', 'chantier', 'formation', 'reunion'])[1 + d % 5]::planning_type,
				current_date - 140 + d + interval '8 hours', current_date - 140 + d + interval '17 hours',
				(case when d < 140 then 'confirme' else 'prevu' end)::planning_status, 'U0',
				case when (u + d) % 17 = 0 then now() end
			from generate_series(0, 59) u, generate_series(0, 149) d`,
		// Mostly varied filler (hex words), and a site word in one message out of 37: searched words are rare.
		sql`insert into messages (message_id, guild_id, channel_id, author_id, content, created_at)
			select (100000000000000000 + g)::text, 'G' || (g % 3), 'C' || (g % 40), 'U' || (g % 80),
				array_to_string(array(select substr(md5((g * 31 + k)::text), 1, 3 + k % 6) from generate_series(1, 4 + g % 9) k), ' ')
					|| case when g % 37 = 0 then ' ' || (array['béton', 'coffrage', 'livraison', 'grue', 'plâtre', 'carrelage',
						'toiture', 'échafaudage', 'réunion', 'devis', 'camion', 'benne', 'dalle', 'fondation'])[1 + g % 14] else '' end,
				now() - g * interval '10 minutes'
			from generate_series(1, 30000) g`,
		sql`insert into user_stats (guild_id, user_id, day, messages, active_seconds)
			select 'G' || (u % 3), 'U' || u, current_date - d, (u + d) % 40, ((u + d) % 40) * 120
			from generate_series(0, 59) u, generate_series(0, 299) d`,
	];
	for (const statement of statements) await db.execute(statement);
	await vacuumAnalyze(db);
}

describe.each(storageBackends)('query plans on %s', (kind) => {
	let database: TestDatabase;
	let db: Db;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
		db = database.db;
		await seed(db);
	}, 120_000);
	afterAll(() => database.destroy());

	const today = new Date().toISOString().slice(0, 10);
	const lastMonth = () => ({ from: new Date(Date.now() - 30 * 86_400_000), to: new Date() });
	const readable = Array.from({ length: 12 }, (_, index) => `C${index}`);

	const cases: [name: string, query: () => SQLWrapper, expectedIndex: string][] = [
		['tasks: open tasks of a guild (default list)', () => listTasks(db, { guildId: 'G1' }), 'tasks_open_urgency_idx'],
		['tasks: open tasks of a guild, a page after a cursor', () => listTasks(db, { guildId: 'G1', after: '2|2026-12-01|2026-11-20 10:00:00+00|00000000-0000-0000-0000-000000000000' }), 'tasks_open_urgency_idx'],
		['tasks: open tasks of an assignee', () => listTasks(db, { guildId: 'G1', assigneeId: 'U7' }), 'tasks_open_assignee_due_idx'],
		['tasks: open tasks of a chantier', () => listTasks(db, { guildId: 'G1', chantierId: '00000000-0000-0000-0000-000000000000' }), 'tasks_open_chantier_due_idx'],
		['tasks: open tasks with a tag', () => listTasks(db, { guildId: 'G1', tag: 'securite' }), 'tasks_tags_idx'],
		['tasks: overdue tasks', () => listTasks(db, { guildId: 'G1', overdueAsOf: today }), 'tasks_open_urgency_idx'],
		['tasks: urgent open tasks', () => listTasks(db, { guildId: 'G1', priority: 'urgente' }), 'tasks_guild_status_due_idx'],
		['tasks: done tasks, most recent first', () => listTasks(db, { guildId: 'G1', statuses: ['terminee'] }), 'tasks_completed_at_idx'],
		['tasks: cancelled tasks', () => listTasks(db, { guildId: 'G1', statuses: ['annulee'] }), 'tasks_guild_status_due_idx'],
		['tasks: created by a member over 30 days (/stats)', () => countTasksCreatedBy(db, { guildId: 'G1', userId: 'U7', ...lastMonth() }), 'tasks_created_at_idx'],
		['tasks: done by a member over 30 days (/stats)', () => countTasksDoneBy(db, { guildId: 'G1', userId: 'U7', ...lastMonth() }), 'tasks_guild_status_due_idx'],
		['planning: one user, this week', () => planningRangeStatements(db, { guildId: 'G1', userId: 'U7', range: weekOf(today, 'Europe/Paris') })[0]!, 'planning_user_ends_idx'],
		['planning: whole team, this week, a page', () => planningRangeStatements(db, { guildId: 'G1', range: weekOf(today, 'Europe/Paris'), limit: 41 })[0]!, 'planning_guild_starts_idx'],
		[
			'planning: whole team, this week, the next page',
			() => planningRangeStatements(db, { guildId: 'G1', range: weekOf(today, 'Europe/Paris'), after: '00000000-0000-0000-0000-000000000000', limit: 41 })[0]!,
			'planning_guild_starts_idx'
		],
		['planning: whole team, this week, long entries begun earlier', () => planningRangeStatements(db, { guildId: 'G1', range: weekOf(today, 'Europe/Paris'), limit: 41 })[1]!, 'planning_long_ends_idx'],
		['planning: occurrences of a series', () => seriesOccurrences(db, '00000000-0000-0000-0000-000000000000'), 'planning_recurrence_idx'],
		['stats: one user over 30 days', () => userStatsForPeriod(db, { guildId: 'G1', userId: 'U7', from: '2000-01-01', to: today }), 'user_stats_pkey'],
		['messages: search in readable channels', () => wordSearchQuery(db, { text: 'échafaudage', readableChannelIds: readable }), 'messages_content_fts_idx'],
		[
			'messages: search by author since a date',
			() => wordSearchQuery(db, { text: 'coffrage', readableChannelIds: readable, authorId: 'U3', since: new Date(Date.now() - 7 * 86_400_000) }),
			// The planner prefers the word index over the date range here; either avoids a scan.
			'messages_content_fts_idx'
		],
		['messages: typo fallback, similar words in the vocabulary', () => similarWordsQuery(['echafodage', 'betn']), 'message_words_trgm_idx'],
		[
			'messages: typo fallback, messages holding the similar words',
			() => wordSearchQuery(db, { text: 'echafodage', readableChannelIds: readable }, 0, sql`${"'echafaudag' | 'echafaud'"}::tsquery`),
			'messages_content_fts_idx'
		],
		['stats: daily roll-up from messages', () => rollUpUserStatsStatement(today, 'Europe/Paris'), 'messages_created_at_idx']
	];

	it.each(cases)('%s: no sequential scan on messages, tasks or planning, uses %s', async (_name, query, expectedIndex) => {
		const { seqScans, indexes } = summary(await plan(db, query()));
		expect(seqScans).toEqual([]);
		expect(indexes).toContain(expectedIndex);
	});

	it('cleanup_old_messages deletes through messages_created_at_idx', async () => {
		// EXPLAIN cannot see inside a function: explain the DELETE statement of its body, taken from the catalog.
		const [row] = ((await db.execute(sql`select prosrc from pg_proc where proname = 'cleanup_old_messages'`)) as unknown as {
			rows: { prosrc: string }[];
		}).rows;
		const statement = /DELETE FROM messages WHERE [^;]+/.exec(row?.prosrc ?? '')?.[0];
		expect(statement).toBeDefined();
		const { seqScans, indexes } = summary(await plan(db, sql.raw((statement ?? '').replace(/\bdays\b/, '90'))));
		expect(seqScans).toEqual([]);
		expect(indexes).toContain('messages_created_at_idx');
	});

	it('the totals of GET /api/stats (stats_globales and the message figures) read messages and planning through indexes', async () => {
		const { seqScans, indexes } = summary(await plan(db, globalStatsQuery(db, { timeZone: 'Europe/Paris' })));
		expect(indexes).toContain('messages_created_at_idx');
		// Counting done tasks reads most of tasks: a scan of that small table is the right plan there.
		expect(seqScans.filter((table) => table !== 'tasks')).toEqual([]);
	});
});
