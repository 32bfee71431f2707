import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

const flaky = join(import.meta.dirname, '../fixtures/plugins/flaky');
const schedulers = process.env.TEST_REDIS_URL ? (['memory', 'redis'] as const) : (['memory'] as const);

describe.each(schedulers)('failed scheduled runs on the %s scheduler', (kind) => {
	let bot: TestBot;
	beforeAll(async () => {
		bot = await startTestBot({ plugins: [], pluginFolders: [flaky], redis: kind === 'redis' });
	});
	afterAll(() => bot?.stop());

	const logs = () => bot.server.state.channelMessages(bot.server.guild.channels.logs!);
	const tries = (series: string) => logs().filter((message) => message.content.startsWith(`${series} try`)).map((message) => message.content);
	const alerts = (series: string) => logs().filter((message) => (message.embeds[0]?.title?.includes('Tâche planifiée en échec : flaky.shaky') ?? false) && (message.embeds[0]?.description?.includes(`${series} failure`) ?? false));

	it('tries a failing run again with backoff, and stops at the first success without alerting', async () => {
		await bot.monster.scheduler.runNow('flaky.shaky', { series: 'recovers', failures: 2 });
		await eventually(() => tries('recovers').length === 3);
		expect(tries('recovers')).toEqual(['recovers try 1', 'recovers try 2', 'recovers try 3']);
		expect(alerts('recovers')).toEqual([]);
	});

	it('reports the failure to the alerts channel after the last try, once per streak', async () => {
		await bot.monster.scheduler.runNow('flaky.shaky', { series: 'broken', failures: 99 });
		const alert = await bot.server.waitForMessage((message) => message.embeds[0]?.description?.includes('broken failure 3') ?? false);
		expect(alert.embeds[0]!.description).toContain('Échec après 3 essais.');
		expect(tries('broken')).toEqual(['broken try 1', 'broken try 2', 'broken try 3']);

		// A second failing streak right after is not reported again: the alert stands until a run succeeds.
		await bot.monster.scheduler.runNow('flaky.shaky', { series: 'still-broken', failures: 99 });
		await eventually(() => tries('still-broken').length === 3);
		await bot.monster.scheduler.runNow('flaky.shaky', { series: 'fine', failures: 0 });
		await eventually(() => tries('fine').length === 1);
		expect(alerts('still-broken')).toEqual([]);

		// After a success, a new streak is reported.
		await bot.monster.scheduler.runNow('flaky.shaky', { series: 'again', failures: 99 });
		await bot.server.waitForMessage((message) => message.embeds[0]?.description?.includes('again failure 3') ?? false);
		expect(alerts('broken')).toHaveLength(1);
	});
});
