import { sql } from 'drizzle-orm';
import { date, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, uuidPrimaryKey } from '#core/db/columns.ts';
import { chantiers } from '../team/schema.ts';

export const taskStatus = pgEnum('task_status', ['a_faire', 'en_cours', 'en_attente', 'terminee', 'annulee']);
/** Declared from least to most urgent: PostgreSQL sorts enum values in this order. */
export const taskPriority = pgEnum('task_priority', ['basse', 'normale', 'haute', 'urgente']);

export const openTaskStatuses = ['a_faire', 'en_cours', 'en_attente'] as const;
/** Partial indexes below are restricted to this predicate; queries must repeat it verbatim to use them. */
const isOpen = sql`status in ('a_faire', 'en_cours', 'en_attente')`;

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
		// "Mes tâches": open tasks of one assignee.
		index('tasks_open_assignee_due_idx').on(table.assigneeId, table.dueDate).where(isOpen),
		// A chantier's open tasks; also lets deleting a chantier find its tasks without a scan.
		index('tasks_open_chantier_due_idx').on(table.chantierId, table.dueDate).where(isOpen),
		// Tag filter (`tags @> array[...]`).
		index('tasks_tags_idx').using('gin', table.tags),
		// The list of done tasks (most recently completed first) and the tasks done today (/résumé).
		index('tasks_completed_at_idx').on(table.completedAt).where(sql`completed_at is not null`),
		// Tasks created today (/résumé) and per member (/stats).
		index('tasks_created_at_idx').on(table.createdAt)
	]
);
