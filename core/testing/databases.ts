import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/client.ts';

export type BackendKind = 'postgres' | 'pglite';

/** Real PostgreSQL for tests, e.g. postgres://postgres@127.0.0.1:5432/test; unset → those tests are skipped. */
export const testPostgresUrl = process.env.TEST_DATABASE_URL;

/** Backends a storage suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const storageBackends: BackendKind[] = testPostgresUrl ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
	/** Closes the connection and drops the throwaway database. */
	destroy(): Promise<void>;
}

/**
 * A fresh, migrated database of the given kind. On PostgreSQL each call creates its own database
 * (so test files running in parallel never see each other's rows) and drops it on destroy.
 */
export async function createTestDatabase(kind: BackendKind, { migrate = true } = {}): Promise<TestDatabase> {
	if (kind === 'pglite') {
		const database = await openDatabase({ memory: true });
		if (migrate) await database.migrate();
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
		async destroy() {
			await database.close();
			await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		}
	};
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
