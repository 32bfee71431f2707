import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, uuidPrimaryKey } from '#core/db/columns.ts';
import { chantiers } from '../team/schema.ts';

export const planningType = pgEnum('planning_type', ['chantier', 'conges', 'formation', 'reunion', 'autre']);
/** Workflow prevu → confirme → termine, or → annule; enforced by a trigger (migration 0003). */
export const planningStatus = pgEnum('planning_status', ['prevu', 'confirme', 'termine', 'annule']);

const notDeleted = sql`deleted_at is null`;

export const planning = pgTable(
	'planning',
	{
		id: uuid('id').primaryKey().default(uuidPrimaryKey()),
		guildId: text('guild_id').notNull(),
		userId: text('user_id').notNull(),
		type: planningType('type').notNull(),
		startsAt: instant('starts_at').notNull(),
		endsAt: instant('ends_at').notNull(),
		allDay: boolean('all_day').notNull().default(false),
		chantierId: uuid('chantier_id').references(() => chantiers.id, { onDelete: 'set null' }),
		status: planningStatus('status').notNull().default('prevu'),
		note: text('note'),
		/** RFC 5545 rule on the first entry of a recurring series, e.g. `FREQ=WEEKLY;BYDAY=MO`. */
		rrule: text('rrule'),
		/** The series' first entry, on every generated occurrence; deleting the series deletes them. */
		recurrenceId: uuid('recurrence_id').references((): AnyPgColumn => planning.id, { onDelete: 'cascade' }),
		createdBy: text('created_by').notNull(),
		createdAt: createdAt(),
		updatedAt: updatedAt(),
		/** Soft delete: the entry disappears from plannings but stays for history. */
		deletedAt: instant('deleted_at')
	},
	(table) => [
		check('planning_ends_after_start', sql`${table.endsAt} > ${table.startsAt}`),
		// Planning of one user for a week: rows overlapping [weekStart, weekEnd) are those ending after weekStart
		// and starting before weekEnd; indexing ends_at bounds the scan to the current and future entries.
		index('planning_user_ends_idx').on(table.userId, table.endsAt).where(notDeleted),
		// Entries running today across guilds (stats_globales).
		index('planning_ends_idx').on(table.endsAt).where(notDeleted),
		// The whole team's entries in the lists' order (start, then id): a week or month view, a page at a time,
		// reads the entries starting in the range (or the day before) and stops at the page's end.
		index('planning_guild_starts_idx').on(table.guildId, table.startsAt, table.id).where(notDeleted),
		// Entries longer than a day (congés…), the only ones overlapping a range while starting a day or more before it.
		index('planning_long_ends_idx').on(table.guildId, table.endsAt).where(sql`deleted_at is null and ends_at - starts_at > interval '1 day'`),
		// Occurrences of a series (edit or cancel the whole series; cascade when its first entry goes).
		index('planning_recurrence_idx').on(table.recurrenceId).where(sql`recurrence_id is not null`)
	]
);
