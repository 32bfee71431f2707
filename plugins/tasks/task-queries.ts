import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { chantiersByIds } from '../team/public.ts';
import { filterConditions, titleContains, type TaskFilter } from './queries.ts';
import { openTaskStatuses, tasks } from './schema.ts';

/** Queries the tasks plugin needs beyond `queries.ts` (owned by the data layer). */

/**
 * How many tasks `listTasks(db, filter)` would return without limit and offset, counting no further than
 * `cap` (the page count of `/taches`): beyond it the list says "more than", and the count costs no more.
 */
export async function countTasks(db: Db, filter: TaskFilter, cap = Number.MAX_SAFE_INTEGER): Promise<{ count: number; capped: boolean }> {
	const matching = db.select({ one: sql`1` }).from(tasks).where(and(...filterConditions(filter))).limit(Math.min(cap, Number.MAX_SAFE_INTEGER - 1) + 1).as('matching');
	const [row] = await db.select({ total: count() }).from(matching);
	const total = row?.total ?? 0;
	return total > cap ? { count: cap, capped: true } : { count: total, capped: false };
}

export async function taskById(db: Db, guildId: string, id: string) {
	const [row] = await db.select().from(tasks).where(and(eq(tasks.guildId, guildId), eq(tasks.id, id)));
	return row;
}

/** Tasks whose id starts with `prefix` (the short code shown as `#1a2b3c`). */
export function tasksByIdPrefix(db: Db, guildId: string, prefix: string) {
	return db
		.select()
		.from(tasks)
		.where(and(eq(tasks.guildId, guildId), sql`${tasks.id}::text like ${`${prefix.toLowerCase()}%`}`))
		.limit(5);
}

/** Tasks whose title contains `typed`, open ones first, then by urgency; `openOnly` for `/done`. */
export function searchTasksByTitle(db: Db, guildId: string, typed: string, { openOnly = false, limit = 25 } = {}) {
	const conditions: SQL[] = [eq(tasks.guildId, guildId)];
	if (typed) conditions.push(titleContains(typed));
	if (openOnly) conditions.push(inArray(tasks.status, [...openTaskStatuses]));
	return db
		.select()
		.from(tasks)
		.where(and(...conditions))
		.orderBy(
			sql`(${tasks.status} in ('a_faire', 'en_cours', 'en_attente')) desc`,
			desc(tasks.priority),
			sql`${tasks.dueDate} asc nulls last`,
			desc(tasks.createdAt)
		)
		.limit(limit);
}

/** Autocomplete of `/done` and `/taches`: title contains, or short code starts with, what was typed. */
export function suggestTasks(db: Db, guildId: string, typed: string, { openOnly = false } = {}) {
	const code = typed.replace(/^#/, '').toLowerCase();
	const conditions: SQL[] = [eq(tasks.guildId, guildId)];
	if (typed) {
		const byTitle = titleContains(typed);
		conditions.push(/^[0-9a-f]{1,8}$/.test(code) ? or(byTitle, sql`${tasks.id}::text like ${`${code}%`}`)! : byTitle);
	}
	if (openOnly) conditions.push(inArray(tasks.status, [...openTaskStatuses]));
	return db
		.select()
		.from(tasks)
		.where(and(...conditions))
		.orderBy(desc(tasks.priority), sql`${tasks.dueDate} asc nulls last`, desc(tasks.createdAt))
		.limit(25);
}

/** Open tasks of a guild due on or before `lastDay` (overdue ones included), for the daily reminders. */
export function openTasksDueBy(db: Db, guildId: string, lastDay: string) {
	return db
		.select()
		.from(tasks)
		.where(and(eq(tasks.guildId, guildId), inArray(tasks.status, [...openTaskStatuses]), lte(tasks.dueDate, lastDay)))
		.orderBy(asc(tasks.dueDate), desc(tasks.priority));
}

/** Tags used by a guild's open tasks that start with `typed`, for autocomplete. */
export async function tagsInUse(db: Db, guildId: string, typed: string): Promise<string[]> {
	const rows = await db
		.selectDistinct({ tag: sql<string>`unnest(${tasks.tags})` })
		.from(tasks)
		.where(and(eq(tasks.guildId, guildId), inArray(tasks.status, [...openTaskStatuses])));
	const prefix = typed.toLowerCase();
	return rows
		.map((row) => row.tag)
		.filter((tag) => tag.startsWith(prefix))
		.sort()
		.slice(0, 25);
}

/** Codes of the given chantiers, by id: the `CH-017` shown next to a task. */
export async function chantierCodes(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
	return new Map((await chantiersByIds(db, ids)).map((chantier) => [chantier.id, chantier.code]));
}

/**
 * Tasks created and completed per day (in `timeZone`) over `start`..`end` (instants, end excluded), and
 * the assignees who completed most: what the dashboard's charts draw. Read through the created_at and
 * completed_at indexes, so the cost follows the period, not the table.
 */
export async function taskSeries(db: Db, { guildId, start, end, timeZone, top }: { guildId: string; start: Date; end: Date; timeZone: string; top: number }) {
	const dayOf = (column: AnyColumn) => sql<string>`to_char((${column} at time zone ${timeZone})::date, 'YYYY-MM-DD')`;
	const [created, done, members] = await Promise.all([
		db
			.select({ day: dayOf(tasks.createdAt), count: count() })
			.from(tasks)
			.where(and(eq(tasks.guildId, guildId), gte(tasks.createdAt, start), lt(tasks.createdAt, end)))
			.groupBy(sql`1`),
		db
			.select({ day: dayOf(tasks.completedAt), count: count() })
			.from(tasks)
			.where(and(eq(tasks.guildId, guildId), gte(tasks.completedAt, start), lt(tasks.completedAt, end)))
			.groupBy(sql`1`),
		db
			.select({ userId: tasks.assigneeId, count: count() })
			.from(tasks)
			.where(and(eq(tasks.guildId, guildId), gte(tasks.completedAt, start), lt(tasks.completedAt, end), isNotNull(tasks.assigneeId)))
			.groupBy(tasks.assigneeId)
			.orderBy(desc(count()), tasks.assigneeId)
			.limit(top)
	]);
	return {
		created: new Map(created.map((row) => [row.day, Number(row.count)])),
		done: new Map(done.map((row) => [row.day, Number(row.count)])),
		perMember: members.map((row) => ({ userId: row.userId!, done: Number(row.count) }))
	};
}
