import { and, arrayContains, count, desc, eq, getTableColumns, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { isOpen, openTaskStatuses, tasks, urgencyKey } from './schema.ts';

export type TaskStatus = (typeof tasks.status.enumValues)[number];
export type TaskPriority = (typeof tasks.priority.enumValues)[number];
export type Task = typeof tasks.$inferSelect;

export interface TaskFilter {
	guildId: string;
	/** Default: the open statuses (à faire, en cours, en attente). */
	statuses?: readonly TaskStatus[];
	priority?: TaskPriority;
	assigneeId?: string;
	chantierId?: string;
	tag?: string;
	/** Only tasks whose title contains this (any case). */
	search?: string;
	/** Only tasks due before this day (`YYYY-MM-DD`, today in the guild's time zone): the overdue ones. */
	overdueAsOf?: string;
	limit?: number;
	offset?: number;
	/** Keyset paging: the tasks after this one (the `cursor` of the previous page's last row); `offset` is then ignored. */
	after?: string;
}

/**
 * Task lists of `/taches` and the dashboard, most urgent first: priority, then due date (none last), then age
 * (`urgencyKey`, which tasks_open_urgency_idx holds for open tasks). The list of done tasks alone is ordered
 * by completion instead, most recent first. Each row carries its `cursor`: passed back as `after`, the next
 * page starts right after it without reading the ones before (keyset paging).
 * Returns the query: await it to run it; tests pass it to EXPLAIN.
 */
export function listTasks(db: Db, filter: TaskFilter) {
	const doneOnly = isDoneOnly(filter);
	const conditions = filterConditions(filter);
	const key = doneOnly ? [tasks.completedAt, tasks.id] : urgencyKey(tasks);
	if (filter.after) {
		const values = cursorValues(filter.after, doneOnly);
		const row = sql`(${sql.join(key, sql`, `)})`;
		conditions.push(doneOnly ? sql`${row} < (${values[0]}::timestamptz, ${values[1]}::uuid)` : sql`${row} > (${values[0]}::int, ${values[1]}::date, ${values[2]}::timestamptz, ${values[3]}::uuid)`);
	}
	const cursor = sql<string>`concat_ws('|', ${sql.join(key, sql`, `)})`;
	return db
		.select({ ...getTableColumns(tasks), cursor })
		.from(tasks)
		.where(and(...conditions))
		.orderBy(...(doneOnly ? [desc(tasks.completedAt), desc(tasks.id)] : key))
		.limit(filter.limit ?? 25)
		.offset(filter.after ? 0 : (filter.offset ?? 0));
}

/** The conditions of a filter, shared by the list and its count. */
export function filterConditions(filter: TaskFilter): SQL[] {
	const statuses = filter.statuses ?? openTaskStatuses;
	const openOnly = statuses.length === openTaskStatuses.length && openTaskStatuses.every((status) => statuses.includes(status));
	// The open statuses are written as the partial indexes' predicate, so the planner may use them.
	const conditions: SQL[] = [eq(tasks.guildId, filter.guildId), openOnly ? isOpen : inArray(tasks.status, [...statuses])];
	// Always true for done tasks (trigger); stated so the planner may walk tasks_completed_at_idx.
	if (isDoneOnly(filter)) conditions.push(isNotNull(tasks.completedAt));
	if (filter.priority) conditions.push(eq(tasks.priority, filter.priority));
	if (filter.assigneeId) conditions.push(eq(tasks.assigneeId, filter.assigneeId));
	if (filter.chantierId) conditions.push(eq(tasks.chantierId, filter.chantierId));
	if (filter.tag) conditions.push(arrayContains(tasks.tags, [filter.tag]));
	if (filter.search) conditions.push(titleContains(filter.search));
	if (filter.overdueAsOf) conditions.push(lt(tasks.dueDate, filter.overdueAsOf));
	return conditions;
}

/**
 * The title holds `typed`, whatever the case and accents: members type « noel » for « Noël » on a phone
 * keyboard (`immutable_unaccent` comes from migration 0004).
 */
export function titleContains(typed: string): SQL {
	const pattern = `%${typed.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
	return sql`public.immutable_unaccent(${tasks.title}) ilike public.immutable_unaccent(${pattern})`;
}

function isDoneOnly(filter: TaskFilter): boolean {
	return filter.statuses?.length === 1 && filter.statuses[0] === 'terminee';
}

/** A cursor's parts; throws a RangeError when it was not made by `listTasks` for this kind of list. */
function cursorValues(cursor: string, doneOnly: boolean): string[] {
	const values = cursor.split('|');
	const valid = doneOnly
		? values.length === 2 && !Number.isNaN(Date.parse(values[0]!)) && uuidPattern.test(values[1]!)
		: values.length === 4 && /^[0-3]$/.test(values[0]!) && (values[1] === 'infinity' || /^\d{4}-\d{2}-\d{2}$/.test(values[1]!)) && !Number.isNaN(Date.parse(values[2]!)) && uuidPattern.test(values[3]!);
	if (!valid) throw new RangeError(`not a task list cursor: ${cursor}`);
	return values;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface MemberPeriod {
	guildId: string;
	userId: string;
	from: Date;
	to: Date;
}

/** How many tasks a member created over a period (`/stats`). Returns the query: await it to run it. */
export function countTasksCreatedBy(db: Db, { guildId, userId, from, to }: MemberPeriod) {
	return db
		.select({ value: count() })
		.from(tasks)
		.where(and(eq(tasks.guildId, guildId), eq(tasks.creatorId, userId), gte(tasks.createdAt, from), lt(tasks.createdAt, to)));
}

/**
 * How many tasks that were a member's were done over a period (`/stats`): assigned to them, or created
 * by them for nobody in particular. Returns the query: await it to run it.
 */
export function countTasksDoneBy(db: Db, { guildId, userId, from, to }: MemberPeriod) {
	return db
		.select({ value: count() })
		.from(tasks)
		.where(and(eq(tasks.guildId, guildId), sql`coalesce(${tasks.assigneeId}, ${tasks.creatorId}) = ${userId}`, gte(tasks.completedAt, from), lt(tasks.completedAt, to)));
}
