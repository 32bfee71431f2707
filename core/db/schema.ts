import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Runtime settings (plugin switches, plugin settings, guild options): one JSON value per key. */
export const botConfig = pgTable('bot_config', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
	updatedBy: text('updated_by')
});
