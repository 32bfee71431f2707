import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/bot.ts';
import { startBotProcess, type BotProcess } from '../support/bot-process.ts';

describe('an error a plugin throws outside its pieces', () => {
	let bot: BotProcess | undefined;
	const scratchDir = mkdtempSync(join(tmpdir(), 'monster-stray-'));
	afterAll(async () => {
		await bot?.kill();
		rmSync(scratchDir, { recursive: true, force: true });
	});

	it('is logged with the plugin and counted, and the bot goes on serving', async () => {
		bot = startBotProcess({ env: { DATA_DIR: scratchDir, PLUGINS_DIR: 'test/fixtures/stray-plugins' } });
		const api = await eventually(() => bot!.logged('HTTP API listening')?.api as string | undefined, 120_000);

		expect((await fetch(`${api}/stray?throw`, { method: 'POST' })).status).toBe(202);
		const thrown = await eventually(() => bot!.lines.find((line) => (line.err as { message?: string } | undefined)?.message === 'stray timer'), 30_000);
		expect(thrown).toMatchObject({ plugin: 'stray', level: 50, msg: expect.stringContaining('outside its pieces') });

		expect((await fetch(`${api}/stray?reject`, { method: 'POST' })).status).toBe(202);
		const rejected = await eventually(() => bot!.lines.find((line) => (line.err as { message?: string } | undefined)?.message === 'stray promise'), 30_000);
		expect(rejected).toMatchObject({ plugin: 'stray', msg: 'Unhandled promise rejection' });

		expect((await fetch(`${api}/health`)).status).toBe(200);
		const metrics = await (await fetch(`${api}/metrics`)).text();
		expect(metrics).toContain('plugin_errors_total{plugin="stray"} 2');

		bot.child.kill('SIGTERM');
		expect(await bot.exited).toBe(0);
	}, 180_000);
});
