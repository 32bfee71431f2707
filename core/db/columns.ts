import { sql } from 'drizzle-orm';
import { timestamp } from 'drizzle-orm/pg-core';

/** A timestamp with time zone; every time the bot stores is an instant, never a wall-clock time. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const createdAt = () => instant('created_at').notNull().default(sql`now()`);

/** Kept by the `set_updated_at` trigger (migration 0003): add the trigger to any new table with this column. */
export const updatedAt = () => instant('updated_at').notNull().default(sql`now()`);

export const uuidPrimaryKey = () => sql`uuid_generate_v4()`;
