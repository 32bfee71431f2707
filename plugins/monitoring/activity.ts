import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { messages, userStats } from './schema.ts';

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

/** The days `from`..`to` (`YYYY-MM-DD`, both included), oldest first. */
export function daysBetween(from: string, to: string): string[] {
	const days: string[] = [];
	for (let day = new Date(`${from}T00:00:00Z`); day.toISOString().slice(0, 10) <= to; day.setUTCDate(day.getUTCDate() + 1)) days.push(day.toISOString().slice(0, 10));
	return days;
}

/**
 * Messages per day and the members who posted most over `from`..`to`, from user_stats (daily rows are
 * kept at least as long as the longest /stats period, 90 days): a range of its primary key per guild.
 */
export async function messageSeries(db: Db, { guildId, from, to, top }: { guildId: string; from: string; to: string; top: number }) {
	const inRange = and(eq(userStats.guildId, guildId), gte(userStats.day, from), lte(userStats.day, to));
	const [days, members] = await Promise.all([
		db.select({ day: userStats.day, messages: sql<number>`sum(${userStats.messages})::int` }).from(userStats).where(inRange).groupBy(userStats.day),
		db
			.select({ userId: userStats.userId, messages: sql<number>`sum(${userStats.messages})::int` })
			.from(userStats)
			.where(inRange)
			.groupBy(userStats.userId)
			.orderBy(desc(sql`2`), userStats.userId)
			.limit(top)
	]);
	const byDay = new Map(days.map((row) => [row.day, Number(row.messages)]));
	return { perDay: daysBetween(from, to).map((day) => ({ day, messages: byDay.get(day) ?? 0 })), perMember: members.map((row) => ({ userId: row.userId, messages: Number(row.messages) })) };
}
