import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, pgView, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant, updatedAt } from '#core/db/columns.ts';

export interface MessageAttachment {
	id: string;
	name: string | null;
	url: string | null;
	contentType: string | null;
	size: number;
}

export interface MessageEmbed {
	type: string | null;
	title: string | null;
	url: string | null;
	description: string | null;
}

export interface MessageEdit {
	/** Content before this edit. */
	content: string | null;
	/** When the edit happened (ISO 8601). */
	editedAt: string | null;
}

export interface MessageMetadata {
	attachments?: MessageAttachment[];
	embeds?: MessageEmbed[];
	mentions?: { users: string[]; roles: string[]; channels: string[]; everyone: boolean };
	reply?: { messageId: string; channelId: string | null; guildId: string | null };
	/** Oldest first. */
	edits?: MessageEdit[];
}

/**
 * Every message seen in the guilds (the message log). High volume: identity key, few secondary indexes,
 * since each one slows down ingestion.
 */
export const messages = pgTable(
	'messages',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		messageId: text('message_id').notNull().unique('messages_message_id_key'),
		/** Null for direct messages. */
		guildId: text('guild_id'),
		channelId: text('channel_id').notNull(),
		authorId: text('author_id').notNull(),
		authorIsBot: boolean('author_is_bot').notNull().default(false),
		/** Null when content logging is switched off for the channel. */
		content: text('content'),
		metadata: jsonb('metadata').$type<MessageMetadata>().notNull().default(sql`'{}'::jsonb`),
		createdAt: instant('created_at').notNull(),
		editedAt: instant('edited_at'),
		deletedAt: instant('deleted_at')
	},
	(table) => [
		// Message search (`/recherche`, `GET /api/messages/search`): French full-text search without accents
		// (migration 0009 defines the fr_unaccent configuration); cost grows with the matches it reads, not the table.
		index('messages_content_fts_idx').using('gin', sql`to_tsvector('public.fr_unaccent'::regconfig, coalesce(${table.content}, ''))`),
		// Retention (`cleanup_old_messages`), the daily roll-up into user_stats and the last-24-hours total.
		index('messages_created_at_idx').on(table.createdAt)
	]
);

/**
 * The distinct words of the message log, lower case and without accents (3 to 40 letters), kept by a
 * trigger on every insert or update of messages (migration 0015). The search's typo fallback looks for
 * words similar to the typed ones here, in a table of tens of thousands of rows, instead of in every
 * message; then it searches the messages for those words through the word index. Words are not removed
 * when their messages go (retention, erasure): they tie to no member, and an unused one matches nothing.
 */
export const messageWords = pgTable('message_words', { word: text('word').primaryKey() }, (table) => [
	index('message_words_trgm_idx').using('gin', sql`${table.word} gin_trgm_ops`)
]);

/** Per user and day (in the bot's time zone), recomputed by `rollUpUserStats`: what dashboards read. */
export const userStats = pgTable(
	'user_stats',
	{
		guildId: text('guild_id').notNull(),
		userId: text('user_id').notNull(),
		day: date('day', { mode: 'string' }).notNull(),
		messages: integer('messages').notNull().default(0),
		/** Five-minute slots with at least one message, in seconds: a cheap measure of presence. */
		activeSeconds: integer('active_seconds').notNull().default(0),
		updatedAt: updatedAt()
	},
	// Stats of one user over a period read a contiguous range of this key.
	(table) => [primaryKey({ name: 'user_stats_pkey', columns: [table.guildId, table.userId, table.day] })]
);

/**
 * Daily user_stats rows older than the retention (and than the longest /stats period), added up per month
 * by the nightly maintenance (`roll_up_old_user_stats`), so user_stats stays at about members × retention days.
 */
export const userStatsMonthly = pgTable(
	'user_stats_monthly',
	{
		guildId: text('guild_id').notNull(),
		userId: text('user_id').notNull(),
		/** The first day of the month. */
		month: date('month', { mode: 'string' }).notNull(),
		messages: integer('messages').notNull().default(0),
		activeSeconds: integer('active_seconds').notNull().default(0)
	},
	(table) => [primaryKey({ name: 'user_stats_monthly_pkey', columns: [table.guildId, table.userId, table.month] })]
);

/**
 * Created by migration 0003 (hand-written SQL): declared here to be read, ignored by drizzle-kit. Its
 * messages_total, messages_last_24h and active_members_7d columns are not read: the total and the active
 * members there are only as fresh as the last roll-up, and the last 24 hours count bots and direct messages.
 * `globalStatsQuery` counts them instead.
 */
export const statsGlobales = pgView('stats_globales', {
	openTasks: bigint('open_tasks', { mode: 'number' }).notNull(),
	overdueTasks: bigint('overdue_tasks', { mode: 'number' }).notNull(),
	doneTasks: bigint('done_tasks', { mode: 'number' }).notNull(),
	activeChantiers: bigint('active_chantiers', { mode: 'number' }).notNull(),
	planningToday: bigint('planning_today', { mode: 'number' }).notNull(),
	moderationCases30d: bigint('moderation_cases_30d', { mode: 'number' }).notNull()
}).existing();
