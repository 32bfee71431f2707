// Vitest global setup: migrates one template database per backend for the whole run, instead of one per test file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import type * as Databases from './support/databases.ts';

/**
 * The test processes start after this and inherit its environment: the templates reach them through it.
 * Vitest loads this file itself, but test/support/ is external to its module runner (the bot's code runs
 * as native ESM under tsx, see vitest.config.ts), so the helpers are imported through tsx here too.
 */
export default async function setup(): Promise<() => Promise<void>> {
	const databases = (await tsImport('./support/databases.ts', import.meta.url)) as typeof Databases;
	const folder = await mkdtemp(join(tmpdir(), 'monster-test-'));
	const dumpFile = join(folder, 'pglite-template.tar');
	const [dump, postgresTemplate] = await Promise.all([
		databases.dumpMigratedPglite(),
		databases.testPostgresUrl ? databases.createPostgresTemplate() : undefined
	]);
	await writeFile(dumpFile, Buffer.from(await dump.arrayBuffer()));
	process.env[databases.pgliteTemplateVariable] = dumpFile;
	if (postgresTemplate) process.env[databases.postgresTemplateVariable] = postgresTemplate;
	return async () => {
		await rm(folder, { recursive: true, force: true });
		if (postgresTemplate) await databases.dropPostgresDatabase(postgresTemplate);
	};
}
