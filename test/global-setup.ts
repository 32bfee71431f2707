// Vitest global setup: migrates one template database per backend for the whole run, instead of one per test file.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Also named in test/support/databases.ts, which reads them in the test processes. */
const pgliteTemplateVariable = 'MONSTER_TEST_PGLITE_TEMPLATE';
const postgresTemplateVariable = 'MONSTER_TEST_POSTGRES_TEMPLATE';

const script = join(import.meta.dirname, 'support/test-templates.ts');
const runScript = async (...args: string[]) =>
	(await promisify(execFile)(process.execPath, ['--import', new URL('../core/runtime/typescript.mjs', import.meta.url).href, script, ...args], { maxBuffer: 1024 * 1024 })).stdout;

/** The test processes start after this and inherit its environment: the templates reach them through it. */
export default async function setup(): Promise<() => Promise<void>> {
	const folder = await mkdtemp(join(tmpdir(), 'monster-test-'));
	const dumpFile = join(folder, 'pglite-template.tar');
	const postgresTemplate = await runScript('create', dumpFile);
	process.env[pgliteTemplateVariable] = dumpFile;
	if (postgresTemplate) process.env[postgresTemplateVariable] = postgresTemplate;
	return async () => {
		await rm(folder, { recursive: true, force: true });
		if (postgresTemplate) await runScript('drop', postgresTemplate);
	};
}
