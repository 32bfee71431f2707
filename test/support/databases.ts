import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { migrationsFolder, openDatabase, pgliteExtensions, type Database } from '../../core/db/client.ts';

export type BackendKind = 'postgres' | 'pglite';

/** Real PostgreSQL for tests, e.g. postgres://postgres@127.0.0.1:5432/test; unset → those tests are skipped. */
export const testPostgresUrl = process.env.TEST_DATABASE_URL;

/** Backends a storage suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const storageBackends: BackendKind[] = testPostgresUrl ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
	/** Closes the connection and drops the throwaway database. */
	destroy(): Promise<void>;
	/** PostgreSQL only: the throwaway database's URL, for a second connection or a child process. */
	readonly url?: string;
}

/**
 * A fresh, migrated database of the given kind. On PostgreSQL each call creates its own database
 * (so test files running in parallel never see each other's rows) and drops it on destroy.
 * On PGlite the first call of a process migrates a template and every call loads a copy of it
 * (about 0.5 s instead of 3-5 s for creating and migrating afresh).
 */
export async function createTestDatabase(kind: BackendKind, { migrate = true } = {}): Promise<TestDatabase> {
	if (kind === 'pglite') {
		const database = migrate
			? await openDatabase({ memory: true, loadDataDir: await migratedPgliteTemplate() })
			: await openDatabase({ memory: true });
		return { ...database, destroy: () => database.close() };
	}
	if (!testPostgresUrl) throw new Error('TEST_DATABASE_URL is not set');
	const name = `monster_test_${randomBytes(6).toString('hex')}`;
	await adminQuery(`CREATE DATABASE ${name}`);
	const url = new URL(testPostgresUrl);
	url.pathname = `/${name}`;
	const database = await openDatabase({ url: url.href, poolSize: 5 });
	if (migrate) await database.migrate();
	return {
		...database,
		url: url.href,
		async destroy() {
			await database.close();
			await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		}
	};
}

let pgliteTemplate: Promise<Blob> | undefined;

function migratedPgliteTemplate(): Promise<Blob> {
	pgliteTemplate ??= (async () => {
		const client = await PGlite.create({ extensions: pgliteExtensions });
		try {
			await migrate(drizzle(client), { migrationsFolder });
			return await client.dumpDataDir('none');
		} finally {
			await client.close();
		}
	})();
	return pgliteTemplate;
}

async function adminQuery(statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: testPostgresUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}
