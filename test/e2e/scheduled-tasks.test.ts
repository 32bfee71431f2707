import { join } from 'node:path';
import { container } from '@sapphire/framework';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

const ticker = join(import.meta.dirname, '../fixtures/plugins/ticker');
const schedulers = process.env.TEST_REDIS_URL ? (['memory', 'redis'] as const) : (['memory'] as const);

describe.each(schedulers)('scheduled tasks on the %s scheduler', (kind) => {
	let bot: TestBot | undefined;
	afterEach(async () => {
		await bot?.stop();
		bot = undefined;
	});
	const beats = () => bot!.server.botMessages.filter((event) => event.kind === 'create' && event.message.content === 'beat').length;

	it('runs a repeating task, skips it while its plugin is off, and follows a changed schedule', async () => {
		bot = await startTestBot({ pluginFolders: [ticker], redis: kind === 'redis' });
		expect(bot.monster.scheduler.kind).toBe(kind);
		await eventually(() => beats() >= 2);

		await bot.monster.host.setEnabled('ticker', false, { actor: 'test' });
		const stoppedAt = beats();
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(beats()).toBeLessThanOrEqual(stoppedAt + 1);

		await bot.monster.host.setEnabled('ticker', true, { actor: 'test' });
		await eventually(() => beats() >= stoppedAt + 2);

		bot.write('ticker/scheduled-tasks/beat.ts', (await import('node:fs')).readFileSync(join(ticker, 'scheduled-tasks/beat.ts'), 'utf8').replace('interval: 300', 'interval: 60_000'));
		await bot.monster.host.load('ticker');
		if (kind === 'redis') {
			// The old 300 ms repeat is removed, not left firing beside the new one.
			await eventually(async () => {
				const jobs = await container.tasks.client.getRepeatableJobs();
				return jobs.length === 1 && Number(jobs[0]!.every) === 60_000;
			});
		}
		await new Promise((resolve) => setTimeout(resolve, 400));
		const afterChange = beats();
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(beats()).toBe(afterChange);
	});
});
