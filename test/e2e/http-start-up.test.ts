import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { container } from '@sapphire/framework';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';
import { projectRoot } from '../support/bot-process.ts';

describe('the HTTP API while the bot starts', () => {
	let bot: TestBot | undefined;
	afterAll(() => bot?.stop());

	it('answers 503 with Retry-After until the plugins have loaded, then their routes, and 404 only for unknown paths', async () => {
		let release!: () => void;
		(globalThis as { heldPluginRelease?: Promise<void> }).heldPluginRelease = new Promise<void>((resolve) => (release = resolve));
		const starting = startTestBot({ plugins: ['team'], pluginFolders: [join(projectRoot, 'test', 'fixtures', 'plugins', 'held')] });
		const port = await eventually(() => container.server?.server.listening && (container.server.server.address() as AddressInfo).port, 60_000);
		const api = `http://127.0.0.1:${port}`;

		// A healthcheck or an integration calling now would have read 404 for a plugin's path, and given up.
		for (const path of ['/api/held', '/health', '/api/tasks']) {
			const early = await fetch(`${api}${path}`);
			expect(early.status).toBe(503);
			expect(early.headers.get('retry-after')).toBe('1');
			expect(await early.json()).toEqual({ error: 'Starting: try again in a second' });
		}

		release();
		bot = await starting;
		const held = await fetch(`${api}/api/held`);
		expect(held.status).toBe(200);
		expect(await held.json()).toEqual({ loaded: true });
		expect((await fetch(`${api}/health`)).status).toBe(200);
		expect((await fetch(`${api}/api/tasks`)).status).toBe(404);
	}, 120_000);
});
