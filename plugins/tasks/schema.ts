import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { date, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, uuidPrimaryKey } from '#core/db/columns.ts';
import { chantiers } from '../team/schema.ts';

export const taskStatus = pgEnum('task_status', ['a_faire', 'en_cours', 'en_attente', 'terminee', 'annulee']);
/** Declared from least to most urgent: PostgreSQL sorts enum values in this order. */
export const taskPriority = pgEnum('task_priority', ['basse', 'normale', 'haute', 'urgente']);

export const openTaskStatuses = ['a_faire', 'en_cours', 'en_attente'] as const;
/** Partial indexes below are restricted to this predicate; queries must repeat it verbatim to use them. */
export const isOpen = sql`status in ('a_faire', 'en_cours', 'en_attente')`;

/**
 * `/taches`' order as one ascending key, most urgent first: priority (urgente 0 … basse 3), due date (none
 * last), age, then id to break ties. tasks_open_urgency_idx holds it for open tasks: queries order by these
 * very expressions so the planner reads the index in order, and start a page after a cursor by comparing
 * the whole key (`(key) > (cursor)`), so a page costs the same whatever its number.
 */
export function urgencyKey(table: { priority: AnyColumn; dueDate: AnyColumn; createdAt: AnyColumn; id: AnyColumn }): SQL[] {
	return [
		sql`(case ${table.priority} when 'urgente' then 0 when 'haute' then 1 when 'normale' then 2 else 3 end)`,
		sql`coalesce(${table.dueDate}, 'infinity'::date)`,
		sql`${table.createdAt}`,
		sql`${table.id}`
	];
}

export const tasks = pgTable(
	'tasks',
	{
		id: uuid('id').primaryKey().default(uuidPrimaryKey()),
		guildId: text('guild_id').notNull(),
		title: text('title').notNull(),
		description: text('description'),
		status: taskStatus('status').notNull().default('a_faire'),
		priority: taskPriority('priority').notNull().default('normale'),
		tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
		dueDate: date('due_date'),
		assigneeId: text('assignee_id'),
		creatorId: text('creator_id').notNull(),
		chantierId: uuid('chantier_id').references(() => chantiers.id, { onDelete: 'set null' }),
		/** Set and cleared by a trigger when the status enters or leaves `terminee` (migration 0003). */
		completedAt: instant('completed_at'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [
		// A guild's tasks by status (open ones by default, or the closed ones), with the overdue and priority filters.
		index('tasks_guild_status_due_idx').on(table.guildId, table.status, table.dueDate),
		// `/taches` and GET /api/tasks: a guild's open tasks, most urgent first, a page at a time (keyset or short offsets).
		index('tasks_open_urgency_idx').on(table.guildId, ...urgencyKey(table)).where(isOpen),
		// "Mes tâches": open tasks of one assignee.
		index('tasks_open_assignee_due_idx').on(table.assigneeId, table.dueDate).where(isOpen),
		// A chantier's open tasks; also lets deleting a chantier find its tasks without a scan.
		index('tasks_open_chantier_due_idx').on(table.chantierId, table.dueDate).where(isOpen),
		// Tag filter (`tags @> array[...]`).
		index('tasks_tags_idx').using('gin', table.tags),
		// The list of done tasks (most recently completed first, id breaking ties for its pages) and the tasks done today (/résumé).
		index('tasks_completed_at_idx').on(table.completedAt, table.id).where(sql`completed_at is not null`),
		// Tasks created today (/résumé) and per member (/stats).
		index('tasks_created_at_idx').on(table.createdAt)
	]
);
