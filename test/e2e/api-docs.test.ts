// /docs in a real browser: Debian's headless Chromium loads Swagger UI from the bot (no CDN) and lists the routes of /openapi.json.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) console.warn(`api-docs.test.ts: skipped, no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!hasChromium)('GET /docs in headless Chromium', () => {
	let bot: TestBot;
	let browser: BrowserContext;
	let profile: string;
	let root: string;

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks', 'planning', 'monitoring', 'webhooks'] });
		root = bot.monster.apiUrl.replace(/\/api$/, '');
		profile = mkdtempSync(join(tmpdir(), 'monster-chromium-'));
		// A fresh profile (Playwright passes it as --user-data-dir); nothing leaves the machine: no update checks, sync, QUIC or background fetches.
		browser = await chromium.launchPersistentContext(profile, {
			executablePath: chromiumPath,
			headless: true,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		});
	});
	afterAll(async () => {
		await browser?.close();
		await bot?.stop();
		if (profile) rmSync(profile, { recursive: true, force: true });
	});

	it('loads Swagger UI from the bot only and shows every path of /openapi.json', { timeout: 90_000 }, async () => {
		const page = await browser.newPage();
		const requested: string[] = [];
		page.on('request', (request) => void requested.push(request.url()));
		const failures: string[] = [];
		page.on('pageerror', (error) => void failures.push(error.message));

		const answer = await page.goto(`${root}/docs`);
		expect(answer?.status()).toBe(200);
		await page.locator('.opblock').first().waitFor();

		const document = (await (await fetch(`${root}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
		const shown = await page.locator('.opblock-summary-path').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-path')));
		const expected = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map(() => path));
		expect(shown.sort()).toEqual(expected.sort());
		expect(shown).toContain('/api/discord/task');
		expect(await page.locator('.opblock-post .opblock-summary-path[data-path="/api/discord/task"]').count()).toBe(1);

		expect(requested.filter((url) => !url.startsWith(root)), 'nothing fetched from outside').toEqual([]);
		expect(failures).toEqual([]);
		await page.close();
	});
});
