import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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
 * Migrating takes seconds, so each kind is migrated once per test run (test/global-setup.ts)
 * and every call copies that template: a PGlite dump loaded in memory, or `CREATE DATABASE … TEMPLATE`.
 * Outside Vitest (the bench scripts) the first call of a process builds the template instead.
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
	const template = migrate ? process.env[postgresTemplateVariable] : undefined;
	await adminQuery(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
	const url = databaseUrl(name);
	const database = await openDatabase({ url, poolSize: 5 });
	if (migrate && !template) await database.migrate();
	return {
		...database,
		url,
		async destroy() {
			await database.close();
			await dropPostgresDatabase(name);
		}
	};
}

/** Environment variables through which the global setup hands its templates to the test processes. */
const pgliteTemplateVariable = 'MONSTER_TEST_PGLITE_TEMPLATE';
const postgresTemplateVariable = 'MONSTER_TEST_POSTGRES_TEMPLATE';

/** A migrated PGlite database, dumped (a tarball): what every PGlite test database starts from. */
export async function dumpMigratedPglite(): Promise<Blob> {
	const client = await PGlite.create({ extensions: pgliteExtensions });
	try {
		await migrate(drizzle(client), { migrationsFolder });
		return await client.dumpDataDir('none');
	} finally {
		await client.close();
	}
}

/** Creates and migrates a PostgreSQL database for test databases to be copied from; returns its name. */
export async function createPostgresTemplate(): Promise<string> {
	const name = `monster_template_${randomBytes(6).toString('hex')}`;
	await adminQuery(`CREATE DATABASE ${name}`);
	const database = await openDatabase({ url: databaseUrl(name), poolSize: 1 });
	try {
		await database.migrate();
	} finally {
		// CREATE DATABASE … TEMPLATE refuses a template that anyone is connected to.
		await database.close();
	}
	return name;
}

export async function dropPostgresDatabase(name: string): Promise<void> {
	await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

let pgliteTemplate: Promise<Blob> | undefined;

function migratedPgliteTemplate(): Promise<Blob> {
	const dumped = process.env[pgliteTemplateVariable];
	pgliteTemplate ??= dumped ? readFile(dumped).then((bytes) => new Blob([bytes])) : dumpMigratedPglite();
	return pgliteTemplate;
}

function databaseUrl(name: string): string {
	const url = new URL(testPostgresUrl!);
	url.pathname = `/${name}`;
	return url.href;
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
