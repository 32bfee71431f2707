import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { redactSecrets, type Logger } from '../log.ts';
import { listenPostgres, type Listening, type NotificationHandler } from './listen.ts';
import { acquireDirectoryLock } from './lock.ts';

export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
	readonly db: Db;
	readonly kind: 'postgres' | 'pglite';
	/** Where the data lives, for logs: a redacted URL or a directory. */
	readonly location: string;
	migrate(): Promise<void>;
	ping(): Promise<boolean>;
	/** NOTIFYs on `channel`, each delivered once its transaction committed (PostgreSQL: on a connection of its own). */
	listen(channel: string, handler: NotificationHandler): Promise<Listening>;
	/** The connection pool's use (PostgreSQL only). */
	poolUse?(): { total: number; idle: number; waiting: number };
	/** The embedded database's data directory as a gzipped tar, taken while it runs (PGlite only): what scripts/restore.sh loads. */
	dumpDataDir?(): Promise<Buffer>;
	close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/** PGlite loads extensions per process: every open must pass the same list (a trigram index write fails otherwise). */
export const pgliteExtensions = { pg_trgm, unaccent, uuid_ossp };

/**
 * Added to PGlite's own start parameters. The embedded Postgres lives in the process's WebAssembly memory,
 * which never shrinks: with Postgres's default 128 MB of shared buffers it grows from 128 MB to ~190 MB and
 * the process holds ~90 MB more (bench/footprint.ts). 32 MB of buffers covers a team bot's data.
 */
const pgliteSmallBufferCache = ['-c', 'shared_buffers=32MB'];

export type DatabaseOptions =
	| { url: string; logger?: Logger; poolSize?: number }
	| { dataDir: string; logger?: Logger }
	/** `loadDataDir`: start from a dump of another PGlite database (tests copy a migrated template). */
	| { memory: true; loadDataDir?: Blob; logger?: Logger };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
	if ('url' in options) return openPostgres(options.url, options.poolSize ?? 10, options.logger);
	if ('dataDir' in options) return openPglite(resolve(options.dataDir, 'pglite'));
	return openPglite(undefined, options.loadDataDir);
}

// Each backend's driver is imported when that backend opens: PGlite's JavaScript is never loaded on PostgreSQL,
// nor pg on PGlite.
async function openPostgres(url: string, poolSize: number, logger?: Logger): Promise<Database> {
	const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
		import('pg'),
		import('drizzle-orm/node-postgres'),
		import('drizzle-orm/node-postgres/migrator')
	]);
	const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
	// An idle client losing its connection must not crash the process: the pool replaces it.
	pool.on('error', (error) => logger?.warn({ err: error }, 'PostgreSQL connection lost'));
	try {
		const client = await pool.connect();
		client.release();
	} catch (error) {
		await pool.end();
		throw new Error(`PostgreSQL at ${redactSecrets(url)} does not answer: ${(error as Error).message}`);
	}
	const db = drizzlePg(pool) as unknown as Db;
	return {
		db,
		kind: 'postgres',
		location: redactSecrets(url),
		async migrate() {
			// Replicas starting together must not apply the same migration twice.
			const client = await pool.connect();
			try {
				await client.query('SELECT pg_advisory_lock(7355608)');
				await migratePg(drizzlePg(client), { migrationsFolder });
			} finally {
				await client.query('SELECT pg_advisory_unlock(7355608)').catch(() => undefined);
				client.release();
			}
		},
		ping: () => pingDb(db),
		listen: (channel, handler) => listenPostgres(url, channel, handler, logger),
		poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
		close: () => pool.end()
	};
}

async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
	const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
		import('@electric-sql/pglite'),
		import('drizzle-orm/pglite'),
		import('drizzle-orm/pglite/migrator')
	]);
	let releaseLock = () => {};
	if (dataDir) {
		mkdirSync(dataDir, { recursive: true });
		releaseLock = acquireDirectoryLock(join(dataDir, '..', 'pglite.lock'));
	}
	let client: PGlite;
	try {
		client = await PGlite.create({ dataDir, loadDataDir, extensions: pgliteExtensions, startParams: [...PGlite.defaultStartParams, ...pgliteSmallBufferCache] });
	} catch (error) {
		releaseLock();
		throw error;
	}
	const db = drizzlePglite(client) as unknown as Db;
	return {
		db,
		kind: 'pglite',
		location: dataDir ?? 'memory',
		async migrate() {
			await migratePglite(drizzlePglite(client), { migrationsFolder });
		},
		ping: () => pingDb(db),
		async dumpDataDir() {
			return Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
		},
		async listen(channel, handler) {
			const unlisten = await client.listen(channel, (payload) => handler.notify(payload));
			handler.live?.(true);
			return { stop: () => unlisten() };
		},
		async close() {
			await client.close();
			releaseLock();
		}
	};
}

async function pingDb(db: Db): Promise<boolean> {
	try {
		await db.execute(sql`select 1`);
		return true;
	} catch {
		return false;
	}
}
