import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * VACUUM ANALYZE of the whole database. PGlite runs no autovacuum: without this, the trigram index's
 * pending list (fast GIN inserts) grows until searches stop using the index, soft-deleted and edited rows
 * are never reclaimed, and planner statistics go stale. Schedule it on PGlite (nightly, and after imports);
 * on PostgreSQL autovacuum does the same and running it is harmless.
 */
export async function vacuumAnalyze(db: Db): Promise<void> {
	await db.execute(sql`vacuum (analyze)`);
}
