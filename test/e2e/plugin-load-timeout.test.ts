import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/plugins', name);
const probe = globalThis as { stalledRelease?: Promise<void>; stalledCleanedUp?: boolean };

describe('a plugin that never finishes loading', () => {
	let bot: TestBot | undefined;
	afterAll(() => bot?.stop());

	it('is refused after the load time limit, and the bot and the other plugins start; an onLoad given up on is cleaned up when it ends', async () => {
		let release!: () => void;
		probe.stalledRelease = new Promise<void>((resolve) => (release = resolve));
		probe.stalledCleanedUp = false;
		// Before, one such plugin held every plugin after it and the bot's start for ever.
		bot = await startTestBot({ plugins: ['team'], pluginFolders: [fixture('stalled'), fixture('stalled-import')], pluginLoadTimeoutMs: 1_000 });

		expect(bot.monster.host.get('stalled')).toMatchObject({ status: 'failed', error: 'onLoad failed: onLoad did not finish within 1 s' });
		expect(bot.monster.host.get('stalled-import')).toMatchObject({ status: 'failed', error: 'its import (a top-level await) did not finish within 1 s' });
		expect(bot.monster.host.get('team')?.status).toBe('active');
		expect((await (await bot.server.sendSlashCommand({ name: 'ping' })).reply()).embeds[0]?.title).toContain('Pong');

		release();
		await eventually(() => probe.stalledCleanedUp);
	});
});
