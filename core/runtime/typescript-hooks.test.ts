import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { typeScriptLoader } from './typescript-loader.ts';

const folder = mkdtempSync(join(tmpdir(), 'monster-typescript-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs a TypeScript file in a fresh Node with the hook `npm start` uses; what it printed, or how it failed. */
async function run(files: Record<string, string>, main: string): Promise<{ stdout: string; stderr: string }> {
	for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
	return promisify(execFile)(process.execPath, ['--import', typeScriptLoader, join(folder, main)]).catch(
		(error: unknown) => error as { stdout: string; stderr: string }
	);
}

describe('the TypeScript hook of npm start', () => {
	it('runs a file with types, and its stack traces name the line of the .ts file', async () => {
		const { stdout, stderr } = await run(
			{
				'lines.ts': [
					'interface Site {',
					'\tcode: string;',
					'}',
					'',
					'const site: Site = { code: "CH-001" };',
					'console.log(site.code satisfies string);',
					'throw new Error(`broken ${site.code as string}`);'
				].join('\n')
			},
			'lines.ts'
		);
		expect(stdout.trim()).toBe('CH-001');
		expect(stderr).toContain('Error: broken CH-001');
		expect(stderr).toMatch(/lines\.ts:7:\d+/);
	});

	it('drops `import type` but keeps an import without `type` for its side effects (verbatimModuleSyntax)', async () => {
		const { stdout } = await run(
			{
				'side-effect.ts': 'console.log("side effect ran");\nexport interface Unused { id: string }\n',
				'importer.ts': 'import type { Unused } from "./side-effect.ts";\nimport {} from "./side-effect.ts";\nconst value: Unused = { id: "1" };\nconsole.log(value.id);\n'
			},
			'importer.ts'
		);
		expect(stdout.trim().split('\n')).toEqual(['side effect ran', '1']);
	});

	it('runs a plugin file written with decorators, as Sapphire plugins often are (@ApplyOptions)', async () => {
		const { stdout, stderr } = await run(
			{
				'decorated.ts': [
					'function named(name: string) {',
					'\treturn (target: { label?: string }) => { target.label = name; };',
					'}',
					'@named("tâches")',
					'class Command { static label?: string; }',
					'console.log(Command.label);'
				].join('\n')
			},
			'decorated.ts'
		);
		expect(stderr).toBe('');
		expect(stdout.trim()).toBe('tâches');
	});

	it('collects its thread\'s garbage once idle, and never stops the process, while the bot turns V8\'s gc flag off', async () => {
		// The flag is process-wide and the bot's start-up collection turns it on and off too. The loader thread's
		// collection comes a quarter of a second after the last file loaded: here, while the bot's thread turns the
		// flag off again and again, as its own collection may at that moment.
		const { stdout, stderr } = await run(
			{
				'loaded.ts': 'export const loaded: string = "loaded";\n',
				'flags.ts': [
					'import { setFlagsFromString } from "node:v8";',
					'import { loaded } from "./loaded.ts";',
					'const until = Date.now() + 1000;',
					'while (Date.now() < until) setFlagsFromString("--no-expose-gc");',
					// Once the loop is over, the loader thread's error, had there been one, has reached this thread.
					'setTimeout(() => console.log(loaded, "and still running"), 100);'
				].join('\n')
			},
			'flags.ts'
		);
		expect(stderr).toBe('');
		expect(stdout.trim()).toBe('loaded and still running');
	});
});
