// The message figures and active members of GET /stats and GET /api/stats along days of logging and roll-ups: neither lags the log.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import { messageRow } from './message-log/test-rows.ts';
import { MessageLogWriter } from './message-log/writer.ts';
import { globalStats, rollUpUserStats } from './queries.ts';
import { daysToRollUp } from './roll-up-days.ts';

const timeZone = 'Europe/Paris';

describe.each(storageBackends)('message totals and active members of GET /api/stats on %s', (kind) => {
	let database: TestDatabase;
	let writer: MessageLogWriter;
	let next = 0;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
		writer = new MessageLogWriter({ db: database.db, policy: { includeBots: true, includeDMs: true } });
	});
	afterAll(async () => {
		await writer.close();
		await database.destroy();
	});

	/** Logs one message per time given (ISO 8601, UTC), through the message log's writer. */
	const log = async (times: string[], overrides: Parameters<typeof messageRow>[1] = {}) => {
		for (const time of times) writer.recordCreate(messageRow(next++, { createdAt: new Date(time), ...overrides }));
		await writer.flush();
	};
	/** What the roll-up task does when it runs at `now`. */
	const rollUp = async (now: string) => {
		for (const day of daysToRollUp(new Date(now), timeZone)) await rollUpUserStats(database.db, { day, timeZone });
	};
	/** Members' messages in the servers kept in the log, deleted ones included: what the roll-up counts. */
	const kept = async () => {
		const result = await database.db.execute(sql`select count(*)::int as kept from messages where guild_id is not null and not author_is_bot`);
		return (result as unknown as { rows: { kept: number }[] }).rows[0]!.kept;
	};
	/** Members who posted in the servers (deleted messages included) today or in the six days before `now`, in the bot's time zone. */
	const activeInLog = async (now: string) => {
		const result = await database.db.execute(sql`select count(distinct author_id)::int as active from messages
			where guild_id is not null and not author_is_bot
				and created_at >= ((${now}::timestamptz at time zone ${timeZone})::date - 6)::timestamp at time zone ${timeZone}`);
		return (result as unknown as { rows: { active: number }[] }).rows[0]!.active;
	};
	/**
	 * The totals at `now`, checked against the log: the message total is every message kept, never below the
	 * last 24 hours, and the active members are the members who posted in the last seven days.
	 */
	const statsAt = async (now: string) => {
		const stats = await globalStats(database.db, { timeZone, now: new Date(now) });
		expect(stats.messagesTotal).toBe(await kept());
		expect(stats.messagesTotal).toBeGreaterThanOrEqual(stats.messagesLast24h);
		expect(stats.activeMembers7d).toBe(await activeInLog(now));
		return stats;
	};
	const figuresAt = async (now: string) => {
		const { messagesTotal, messagesLast24h } = await statsAt(now);
		return { messagesTotal, messagesLast24h };
	};
	const activeMembersAt = async (now: string) => (await statsAt(now)).activeMembers7d;

	it('counts messages not rolled up yet, and the same messages once they are', async () => {
		await log(['2026-11-01T08:00:00Z', '2026-11-01T09:00:00Z', '2026-11-01T10:00:00Z', '2026-11-01T11:00:00Z']);
		await rollUp('2026-11-01T12:00:00Z');
		expect(await figuresAt('2026-11-01T12:05:00Z')).toEqual({ messagesTotal: 4, messagesLast24h: 4 });

		// Bots and direct messages are logged here but counted nowhere, as in the roll-up.
		await log(['2026-11-03T20:00:00Z', '2026-11-03T20:01:00Z', '2026-11-03T20:02:00Z']);
		await log(['2026-11-03T20:03:00Z'], { authorIsBot: true });
		await log(['2026-11-03T20:04:00Z'], { guildId: null });
		expect(await figuresAt('2026-11-03T20:05:00Z')).toEqual({ messagesTotal: 7, messagesLast24h: 3 });
		await rollUp('2026-11-03T20:10:00Z');
		expect(await figuresAt('2026-11-03T20:15:00Z')).toEqual({ messagesTotal: 7, messagesLast24h: 3 });
	});

	it('counts the end of a day the roll-up has not recomputed yet, before and after midnight', async () => {
		// 23:55 in Paris, after the day's last roll-up.
		await log(['2026-11-03T22:55:00Z', '2026-11-03T22:56:00Z']);
		expect(await figuresAt('2026-11-03T22:58:00Z')).toEqual({ messagesTotal: 9, messagesLast24h: 5 });
		// 00:10 in Paris: a new day, the midnight roll-up not run yet.
		await log(['2026-11-03T23:10:00Z']);
		expect(await figuresAt('2026-11-03T23:12:00Z')).toEqual({ messagesTotal: 10, messagesLast24h: 6 });
		await rollUp('2026-11-03T23:20:00Z');
		expect(await figuresAt('2026-11-04T10:00:00Z')).toEqual({ messagesTotal: 10, messagesLast24h: 6 });
	});

	it('keeps counting a message deleted from Discord: it was posted', async () => {
		writer.recordDelete(messageRow(next - 1).messageId, new Date('2026-11-04T10:30:00Z'));
		await writer.flush();
		expect(await figuresAt('2026-11-04T11:00:00Z')).toEqual({ messagesTotal: 10, messagesLast24h: 6 });
	});

	it('counts a member as active from their first message, once across servers and across rolled-up days', async () => {
		const [first, second, third] = ['400000000000000001', '400000000000000002', '400000000000000003'];
		const otherServer = '100000000000000002';
		// A week after the messages above: nobody has posted in the last seven days.
		expect(await activeMembersAt('2026-11-20T07:00:00Z')).toBe(0);
		await log(['2026-11-20T08:00:00Z'], { authorId: first });
		expect(await activeMembersAt('2026-11-20T08:01:00Z')).toBe(1);
		await log(['2026-11-20T08:02:00Z'], { authorId: first, guildId: otherServer });
		await log(['2026-11-20T08:03:00Z'], { authorId: second, guildId: otherServer });
		// A bot and a direct message make nobody active.
		await log(['2026-11-20T08:04:00Z'], { authorId: third, authorIsBot: true });
		await log(['2026-11-20T08:05:00Z'], { authorId: third, guildId: null });
		expect(await activeMembersAt('2026-11-20T08:06:00Z')).toBe(2);
		await rollUp('2026-11-20T08:10:00Z');
		expect(await activeMembersAt('2026-11-20T08:11:00Z')).toBe(2);

		// The next day, the first member posts again: in user_stats for yesterday and in the log for today, counted once.
		await log(['2026-11-21T09:00:00Z'], { authorId: first });
		expect(await activeMembersAt('2026-11-21T09:01:00Z')).toBe(2);
		await rollUp('2026-11-21T09:10:00Z');
		// Six days later, the 20th has left the seven days; a week later, the 21st too.
		expect(await activeMembersAt('2026-11-27T09:00:00Z')).toBe(1);
		expect(await activeMembersAt('2026-11-28T09:00:00Z')).toBe(0);
	});
});
