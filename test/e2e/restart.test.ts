import { afterAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';

describe('a second bot in the same process', () => {
	const bots: TestBot[] = [];
	afterAll(async () => {
		for (const bot of bots) await bot.stop();
	});

	it('answers commands after the first one stopped, as after an in-process restart', async () => {
		const first = await startTestBot();
		expect((await (await first.server.sendSlashCommand({ name: 'ping' })).reply()).embeds[0]?.title).toContain('Pong');
		await first.stop();
		const second = await startTestBot();
		bots.push(second);
		expect((await (await second.server.sendSlashCommand({ name: 'ping' })).reply()).embeds[0]?.title).toContain('Pong');
		await second.server.sendMessage({ content: '!ping' });
		expect((await second.server.waitForMessage()).embeds[0]?.title).toContain('Pong');
	});
});
