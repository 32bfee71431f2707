import { and, arrayContains, asc, count, desc, eq, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { openTaskStatuses, tasks } from './schema.ts';

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
	/** Only tasks due before this day (`YYYY-MM-DD`, today in the guild's time zone): the overdue ones. */
	overdueAsOf?: string;
	limit?: number;
	offset?: number;
}

/**
 * Task lists of `/taches` and the dashboard, most urgent first: priority, then due date (none last), then age.
 * The list of done tasks alone is ordered by completion instead, most recent first.
 * Returns the query: await it to run it; tests pass it to EXPLAIN.
 */
export function listTasks(db: Db, filter: TaskFilter) {
	const statuses = filter.statuses ?? openTaskStatuses;
	const doneOnly = statuses.length === 1 && statuses[0] === 'terminee';
	const conditions: SQL[] = [eq(tasks.guildId, filter.guildId), inArray(tasks.status, [...statuses])];
	// Always true for done tasks (trigger); stated so the planner may walk tasks_completed_at_idx.
	if (doneOnly) conditions.push(isNotNull(tasks.completedAt));
	if (filter.priority) conditions.push(eq(tasks.priority, filter.priority));
	if (filter.assigneeId) conditions.push(eq(tasks.assigneeId, filter.assigneeId));
	if (filter.chantierId) conditions.push(eq(tasks.chantierId, filter.chantierId));
	if (filter.tag) conditions.push(arrayContains(tasks.tags, [filter.tag]));
	if (filter.overdueAsOf) conditions.push(lt(tasks.dueDate, filter.overdueAsOf));
	return db
		.select()
		.from(tasks)
		.where(and(...conditions))
		.orderBy(
			...(doneOnly
				? [desc(tasks.completedAt)]
				: [desc(tasks.priority), sql`${tasks.dueDate} asc nulls last`, asc(tasks.createdAt)])
		)
		.limit(filter.limit ?? 25)
		.offset(filter.offset ?? 0);
}

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
