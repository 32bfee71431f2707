// The message figures of GET /stats and GET /api/stats along a day of logging and roll-ups: the total never lags the log.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import { messageRow } from './message-log/test-rows.ts';
import { MessageLogWriter } from './message-log/writer.ts';
import { globalStats, rollUpUserStats } from './queries.ts';
import { daysToRollUp } from './since.ts';

const timeZone = 'Europe/Paris';

describe.each(storageBackends)('message totals of GET /api/stats on %s', (kind) => {
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
	/** The figures at `now`, checked against the log: the total is every message kept, never below the last 24 hours. */
	const figuresAt = async (now: string) => {
		const { messagesTotal, messagesLast24h } = await globalStats(database.db, { timeZone, now: new Date(now) });
		expect(messagesTotal).toBe(await kept());
		expect(messagesTotal).toBeGreaterThanOrEqual(messagesLast24h);
		return { messagesTotal, messagesLast24h };
	};

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
});
