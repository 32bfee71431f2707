import { lt, sql } from 'drizzle-orm';
import type { Database, Db } from './client.ts';
import { apiLogs, auditLog } from './schema.ts';

/**
 * VACUUM ANALYZE of the whole database. PGlite runs no autovacuum: without this, the trigram index's
 * pending list (fast GIN inserts) grows until searches stop using the index, soft-deleted and edited rows
 * are never reclaimed, and planner statistics go stale. Schedule it on PGlite (nightly, and after imports);
 * on PostgreSQL autovacuum does the same and running it is harmless.
 */
export async function vacuumAnalyze(db: Db): Promise<void> {
	await db.execute(sql`vacuum (analyze)`);
}

export interface LogRetention {
	apiLogDays: number;
	auditLogDays: number;
}

/** Deletes API call and audit lines older than their retention; returns how many of each. */
export async function pruneLogs(db: Db, { apiLogDays, auditLogDays }: LogRetention): Promise<{ apiLogs: number; auditLog: number }> {
	const prune = async (table: typeof apiLogs | typeof auditLog, days: number) =>
		(await db.delete(table).where(lt(table.createdAt, sql`now() - make_interval(days => ${days}::int)`)).returning({ id: table.id })).length;
	return { apiLogs: await prune(apiLogs, apiLogDays), auditLog: await prune(auditLog, auditLogDays) };
}

/**
 * The core's nightly housekeeping: log retention on every backend, and VACUUM ANALYZE on PGlite, which
 * runs no autovacuum (without it the trigram index's pending list grows until searches stop using it).
 */
export async function nightlyMaintenance(database: Database, retention: LogRetention): Promise<{ apiLogs: number; auditLog: number }> {
	const pruned = await pruneLogs(database.db, retention);
	if (database.kind === 'pglite') await vacuumAnalyze(database.db);
	return pruned;
}
