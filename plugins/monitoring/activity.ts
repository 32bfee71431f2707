import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { messages } from './schema.ts';

/** Messages per hour of one day in the guild's time zone (bots excluded), for /résumé's chart. */
export async function messagesPerHour(db: Db, { guildId, from, to, timeZone }: { guildId: string; from: Date; to: Date; timeZone: string }) {
	const hour = sql<number>`extract(hour from ${messages.createdAt} at time zone ${timeZone})::int`;
	const rows = await db
		.select({ hour, count: sql<number>`count(*)::int`, authors: sql<number>`count(distinct ${messages.authorId})::int` })
		.from(messages)
		.where(and(eq(messages.guildId, guildId), gte(messages.createdAt, from), lt(messages.createdAt, to), eq(messages.authorIsBot, false)))
		// By position: the time zone is a bound parameter, so the expression in GROUP BY would not equal the selected one.
		.groupBy(sql`1`);
	const perHour = Array.from({ length: 24 }, (_, index) => rows.find((row) => Number(row.hour) === index)?.count ?? 0);
	const [authors] = await db
		.select({ count: sql<number>`count(distinct ${messages.authorId})::int` })
		.from(messages)
		.where(and(eq(messages.guildId, guildId), gte(messages.createdAt, from), lt(messages.createdAt, to), eq(messages.authorIsBot, false)));
	return { perHour, total: perHour.reduce((sum, count) => sum + count, 0), authors: Number(authors?.count ?? 0) };
}
