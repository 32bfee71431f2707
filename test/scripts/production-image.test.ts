// What the production image's file tree does differently: it has no emulator/ (the local Discord server).
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

describe('the bot as laid out in the Docker image (core/ without emulator/ and sandbox/)', () => {
	const image = mkdtempSync(join(tmpdir(), 'monster-image-'));
	for (const copied of ['core', 'package.json', 'tsconfig.json']) cpSync(join(root, copied), join(image, copied), { recursive: true });
	symlinkSync(join(root, 'node_modules'), join(image, 'node_modules'));
	afterAll(() => rmSync(image, { recursive: true, force: true }));

	it('refuses sandbox mode with one line saying to set DISCORD_TOKEN, instead of a module error', async () => {
		const environment = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent' };
		const failure = await run(process.execPath, ['--import', './core/runtime/typescript.mjs', 'core/main.ts'], { cwd: image, env: environment }).then(
			() => undefined,
			(error: unknown) => error as { code: number; stdout: string; stderr: string }
		);
		expect(failure?.code).toBe(1);
		expect(failure?.stderr.trim().split('\n')).toEqual([
			'DISCORD_TOKEN is not set, and this installation has no sandbox (emulator/ is left out of the Docker image): set DISCORD_TOKEN in .env.'
		]);
	});
});
