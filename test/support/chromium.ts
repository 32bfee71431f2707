// The dashboard's browser tests: Debian's Chromium driven by playwright-core, at a phone's width.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the tests keep their screenshots (artefacts of the run). */
export const screenshotsFolder = fileURLToPath(new URL('../.tmp/dashboard-screenshots/', import.meta.url));

/**
 * A fresh headless Chromium, 360 px wide, with its own profile (no cookie from another test), and its
 * first page; `close` also deletes the profile. The flags keep it off the network this machine closes.
 */
export async function openPhoneBrowser(): Promise<{ page: Page; close(): Promise<void> }> {
	const { chromium } = await import('playwright-core');
	mkdirSync(screenshotsFolder, { recursive: true });
	const profile = mkdtempSync(join(screenshotsFolder, '..', 'chromium-profile-'));
	const browser = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath,
		headless: true,
		viewport: { width: 360, height: 740 },
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
	const page = browser.pages()[0] ?? (await browser.newPage());
	page.setDefaultTimeout(20_000);
	return {
		page,
		async close() {
			await browser.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}
