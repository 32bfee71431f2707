// The admin plugin's tables: announcements posted at a clock time of the server's zone.
import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, uuidPrimaryKey } from '#core/db/columns.ts';

/** `jours_ouvres`: Monday to Friday. */
export const announcementRepeat = pgEnum('announcement_repeat', ['aucune', 'quotidienne', 'hebdomadaire', 'jours_ouvres']);

export const announcements = pgTable(
	'announcements',
	{
		id: uuid('id').primaryKey().default(uuidPrimaryKey()),
		guildId: text('guild_id').notNull(),
		channelId: text('channel_id').notNull(),
		authorId: text('author_id').notNull(),
		message: text('message').notNull(),
		/** The wall-clock time of the server's zone, kept apart from `next_run_at` so DST changes never move it. */
		hour: smallint('hour').notNull(),
		minute: smallint('minute').notNull(),
		repeat: announcementRepeat('repeat').notNull().default('aucune'),
		nextRunAt: instant('next_run_at').notNull(),
		/** Set when Discord refused the post (channel deleted, permission missing): no longer sent. */
		pausedAt: instant('paused_at'),
		pauseReason: text('pause_reason'),
		createdAt: createdAt()
	},
	(table) => [
		check('announcements_clock_time', sql`${table.hour} between 0 and 23 and ${table.minute} between 0 and 59`),
		// The minute task's read: the due announcements that are not paused.
		index('announcements_due_idx').on(table.nextRunAt).where(sql`paused_at is null`),
		// `/annonce liste` and its autocomplete, a server's announcements in the order they come.
		index('announcements_guild_idx').on(table.guildId, table.nextRunAt)
	]
);

export type Announcement = typeof announcements.$inferSelect;
export type AnnouncementRepeat = Announcement['repeat'];
