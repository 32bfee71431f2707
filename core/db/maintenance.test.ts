import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '../../test/support/databases.ts';
import { nightlyMaintenance } from './maintenance.ts';
import { apiLogs, auditLog } from './schema.ts';

describe.each(storageBackends)('nightly maintenance on %s', (kind) => {
	let database: TestDatabase;
	afterEach(() => database?.destroy());

	it('deletes API and audit lines older than their retention, and keeps the recent ones', async () => {
		database = await createTestDatabase(kind);
		const { db } = database;
		const daysAgo = (days: number) => sql`now() - make_interval(days => ${days}::int)`;
		await db.insert(apiLogs).values([
			{ method: 'GET', path: '/api/old', status: 200, durationMs: 1, createdAt: daysAgo(100) as never },
			{ method: 'GET', path: '/api/recent', status: 200, durationMs: 1, createdAt: daysAgo(10) as never }
		]);
		await db.insert(auditLog).values([
			{ kind: 'action_admin', actorId: 'a', action: 'old', createdAt: daysAgo(400) as never },
			{ kind: 'action_admin', actorId: 'a', action: 'recent', createdAt: daysAgo(100) as never }
		]);
		expect(await nightlyMaintenance(database, { apiLogDays: 90, auditLogDays: 365 })).toEqual({ apiLogs: 1, auditLog: 1 });
		expect((await db.select({ path: apiLogs.path }).from(apiLogs)).map((row) => row.path)).toEqual(['/api/recent']);
		expect((await db.select({ action: auditLog.action }).from(auditLog)).map((row) => row.action)).toEqual(['recent']);
	});
});
