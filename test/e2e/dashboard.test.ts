// The web dashboard end to end: its API (session cookie, CSRF, plugin switch) by fetch, then the real pages in headless Chromium at 360 px.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { container } from '@sapphire/framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard, dashboardIsStale } from '../../scripts/build-dashboard.ts';
import { chromiumPath, openPhoneBrowser, screenshotsFolder } from '../support/chromium.ts';
import { startTestBot, type TestBot } from '../support/bot.ts';

const assetsDir = fileURLToPath(new URL('../../dashboard/dist/assets/', import.meta.url));

describe('web dashboard', () => {
	let bot: TestBot;
	let base: string;

	beforeAll(async () => {
		if (dashboardIsStale()) await buildDashboard();
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks', 'monitoring'], sandboxSignIn: true, logDestination: { write: () => undefined } });
		base = new URL(bot.monster.apiUrl).origin;
	});
	afterAll(() => bot?.stop());

	const signIn = async () => {
		const response = await fetch(`${base}/api/session/sandbox`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		expect(response.status).toBe(200);
		const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
		const { csrf } = (await response.json()) as { csrf: string };
		return { cookie, csrf };
	};

	it('serves the built page and its assets from the bot, with a strict content policy, and keeps GET / as it was', async () => {
		const page = await fetch(`${base}/dashboard`);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toContain('text/html');
		expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
		const html = await page.text();
		const script = /src="(\/dashboard\/assets\/[^"]+\.js)"/.exec(html)![1]!;
		const asset = await fetch(`${base}${script}`);
		expect(asset.status).toBe(200);
		expect(asset.headers.get('content-type')).toContain('text/javascript');
		expect(asset.headers.get('cache-control')).toContain('immutable');
		expect([400, 404]).toContain((await fetch(`${base}/dashboard/assets/..%2Fpackage.json`)).status);
		expect((await fetch(`${base}/dashboard/assets/nothing.js`)).status).toBe(404);
		expect(((await (await fetch(`${base}/`)).json()) as { name: string }).name).toBe('Monster');
	});

	it('signs in as the seeded admin in sandbox mode; the sealed cookie is refused once tampered with', async () => {
		const { cookie, csrf } = await signIn();
		const session = await fetch(`${base}/api/session`, { headers: { cookie } });
		expect(await session.json()).toEqual({ user: { id: bot.server.guild.members.admin, name: 'Camille (admin)' }, csrf, sandbox: true });
		const [name, value] = cookie.split('=') as [string, string];
		// One character of the sealed bytes changed: the one before the last (the last may carry padding bits).
		const at = value.length - 2;
		const flipped = `${name}=${value.slice(0, at)}${value[at] === 'A' ? 'B' : 'A'}${value.slice(at + 1)}`;
		expect((await fetch(`${base}/api/session`, { headers: { cookie: flipped } })).status).toBe(401);
	});

	it('lets the session call admin routes, and refuses its state-changing calls without the CSRF token', async () => {
		const { cookie, csrf } = await signIn();
		const logs = await fetch(`${base}/api/logs?source=process&limit=5`, { headers: { cookie } });
		expect(logs.status).toBe(200);
		const put = (headers: Record<string, string>) =>
			fetch(`${base}/api/plugins/monitoring`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ enabled: true }) });
		expect((await put({})).status).toBe(403);
		expect((await put({ 'x-csrf-token': 'not-the-token' })).status).toBe(403);
		expect((await put({ 'x-csrf-token': csrf })).status).toBe(200);
		const logout = await fetch(`${base}/api/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } });
		expect(logout.status).toBe(204);
		expect(logout.headers.get('set-cookie')).toContain('Max-Age=0');
	});

	it('refuses a required plugin switched off (409 with its machine-readable reason) and an unknown one; documents the routes in /openapi.json', async () => {
		const { cookie, csrf } = await signIn();
		const headers = { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf };
		const admin = await fetch(`${base}/api/plugins/admin`, { method: 'PUT', headers, body: JSON.stringify({ enabled: false }) });
		const required = container.plugins.get('admin')?.manifest?.required;
		expect(admin.status).toBe(required ? 409 : 200);
		if (required) expect(await admin.json()).toEqual({ error: 'required: admin', reason: 'required', dependencies: [] });
		if (!required) await fetch(`${base}/api/plugins/admin`, { method: 'PUT', headers, body: JSON.stringify({ enabled: true }) });
		expect((await fetch(`${base}/api/plugins/nope`, { method: 'PUT', headers, body: JSON.stringify({ enabled: false }) })).status).toBe(404);
		const openapi = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
		expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/plugins', '/api/plugins/{name}', '/api/session', '/api/session/sandbox']));
		const refusal = (openapi.paths['/api/plugins/{name}']!.put as { responses: Record<string, { content: Record<string, { schema: { properties: Record<string, { enum?: string[] }> } }> }> }).responses['409']!;
		expect(refusal.content['application/json']!.schema.properties.reason!.enum).toEqual(['required', 'dependencies']);
	});

	it('prints the gzip size of the dashboard\'s JavaScript, far under the 300 KB budget and under the figure docs/dashboard.md gives', () => {
		const scripts = readdirSync(assetsDir).filter((file) => file.endsWith('.js'));
		const gzipBytes = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(assetsDir, file)), { level: 9 }).length, 0);
		console.log(`dashboard JavaScript: ${scripts.length} file(s), ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
		expect(gzipBytes).toBeLessThan(300 * 1024);
		const documented = /First load: \*\*under (\d+) KB of JavaScript gzip\*\*/.exec(readFileSync(new URL('../../docs/dashboard.md', import.meta.url), 'utf8'));
		expect(documented, 'docs/dashboard.md gives the first load as « under N KB of JavaScript gzip »').not.toBeNull();
		expect(gzipBytes).toBeLessThan(Number(documented![1]) * 1024);
	});

	describe.skipIf(!existsSync(chromiumPath))(`in headless Chromium (${chromiumPath}; skipped when absent: apt-get install -y chromium)`, () => {
		it('signs in, shows health, switches a plugin off bot-wide, shows logs, signs out and in again; every page fits 360 px; screenshots kept', async () => {
			const { page, close } = await openPhoneBrowser();
			try {
				const fitsWidth = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
				const consoleErrors: string[] = [];
				page.on('console', (message) => {
					if (message.type() === 'error') consoleErrors.push(`${message.location().url}: ${message.text()}`);
				});
				await page.goto(`${base}/dashboard`);
				await page.getByTestId('sandbox-sign-in').click();
				await expect.poll(() => page.getByTestId('user').textContent()).toBe('Camille (admin)');
				await page.getByTestId('health-status').waitFor();
				expect(await page.getByTestId('health-database').textContent()).toContain('OK');
				await page.getByTestId('total-messagesTotal').waitFor();
				expect(await fitsWidth()).toBe(true);
				await page.screenshot({ path: join(screenshotsFolder, 'overview.png'), fullPage: true });

				await page.getByRole('link', { name: 'Plugins' }).click();
				const tasks = page.getByTestId('plugin-tasks');
				await expect.poll(() => tasks.getAttribute('data-state')).toBe('active');
				await page.getByTestId('switch-tasks').click();
				await expect.poll(() => tasks.getAttribute('data-state')).toBe('off');
				expect(container.plugins.stateOf('tasks')?.state).toBe('off');
				expect(await fitsWidth()).toBe(true);
				await page.screenshot({ path: join(screenshotsFolder, 'plugins.png'), fullPage: true });

				await page.getByRole('link', { name: 'Journaux' }).click();
				await page.getByTestId('log-lines').locator('li').first().waitFor();
				// Times as the page's language writes them, not the browser's (this one's is en-US: « 11:53:27 AM »).
				expect(await page.getByTestId('log-lines').locator('time').first().textContent()).toMatch(/^\d{2}:\d{2}:\d{2}$/);
				await page.getByTestId('log-level').selectOption('warn');
				await expect.poll(async () => (await page.getByTestId('log-lines').locator('li .level').allTextContents()).every((level) => ['warn', 'error', 'fatal'].includes(level))).toBe(true);
				expect(await fitsWidth()).toBe(true);
				await page.screenshot({ path: join(screenshotsFolder, 'logs.png'), fullPage: true });
				// Older lines that cannot be fetched (the network fails): the page says so in its language, keeps the lines
				// shown and the button, which fetches them once the network is back.
				for (let number = 1; number <= 150; number++) container.pino.info(`Relevé ${number}`);
				await page.getByTestId('log-level').selectOption('info');
				const shown = page.getByTestId('log-lines').locator('li');
				await expect.poll(() => shown.count()).toBe(100);
				const offline = (url: URL) => url.pathname === '/api/logs' && url.searchParams.has('before');
				await page.route(offline, (route) => route.abort('internetdisconnected'));
				const older = page.getByRole('button', { name: 'Plus anciennes' });
				await older.click();
				await expect.poll(() => page.getByRole('alert').textContent()).toBe('Les plus anciennes n’ont pas pu être chargées : réessayez.');
				expect(await shown.count()).toBe(100);
				await page.unroute(offline);
				await older.click();
				await expect.poll(() => shown.count()).toBeGreaterThan(100);
				expect(await page.getByRole('alert').count()).toBe(0);
				// The same for the first page, refreshed while the network is down: said in French, fetched on Réessayer.
				const down = (url: URL) => url.pathname === '/api/logs';
				await page.route(down, (route) => route.abort('internetdisconnected'));
				await page.getByRole('button', { name: 'Actualiser' }).click();
				await expect.poll(() => page.getByRole('alert').textContent()).toBe('Les journaux n’ont pas pu être chargés. Réessayer');
				await page.unroute(down);
				await page.getByRole('button', { name: 'Réessayer' }).click();
				await expect.poll(() => page.getByRole('alert').count()).toBe(0);
				await expect.poll(() => shown.count()).toBe(100);

				await page.getByRole('button', { name: 'Language: English' }).click();
				await page.getByRole('link', { name: 'Logs' }).waitFor();
				// Plugin descriptions follow the page's language too.
				await page.getByRole('link', { name: 'Plugins' }).click();
				await expect.poll(() => page.getByTestId('plugin-tasks').locator('p').first().textContent()).toBe('Team tasks: /task, /tasks, /done, daily reminders of due dates.');

				// Opened already signed in, the page never saw the sign-ins on offer: signing out still offers them.
				await page.reload();
				await page.getByRole('button', { name: 'Sign out' }).click();
				await page.getByTestId('sandbox-sign-in').click();
				await expect.poll(() => page.getByTestId('user').textContent()).toBe('Camille (admin)');
				// GET /api/session's 401 is how the page learns nobody is signed in, and the older log lines were cut off above;
				// nothing else fails, the browser's icon request included.
				expect(consoleErrors.filter((line) => !line.startsWith(`${base}/api/session: `) && !line.endsWith('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
			} finally {
				await close();
			}
		}, 120_000);
	});
});
