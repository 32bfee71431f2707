// The dashboard's Overview charts, Tasks and planning, Chantiers and Moderation pages: their API routes by fetch, then the pages in headless Chromium at 360 px.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { container } from '@sapphire/framework';
import { and, eq } from 'drizzle-orm';
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/db/schema.ts';
import { userStats } from '../../plugins/monitoring/schema.ts';
import { openCase } from '../../plugins/moderation/queries.ts';
import { chantiers } from '../../plugins/team/schema.ts';
import { buildDashboard, dashboardIsStale } from '../../scripts/build-dashboard.ts';
import { chromiumPath, openPhoneBrowser, screenshotsFolder } from '../support/chromium.ts';
import { startTestBot, type TestBot } from '../support/bot.ts';


/** `YYYY-MM-DD` of `daysAgo` days before today in the bot's time zone (the test bot's TZ_DEFAULT). */
const dayIn = (timeZone: string, daysAgo = 0) => new Date(Date.now() - daysAgo * 86_400_000).toLocaleDateString('en-CA', { timeZone });

describe('dashboard pages: charts, tasks and planning, chantiers, moderation', () => {
	let bot: TestBot;
	let base: string;
	let session: { cookie: string; csrf: string };
	const member = (key: string) => bot.server.guild.members[key]!;
	const call = async <T = Record<string, unknown>>(path: string, { method = 'GET', body }: { method?: string; body?: unknown } = {}) => {
		const response = await fetch(`${base}${path}`, {
			method,
			headers: { cookie: session.cookie, 'content-type': 'application/json', ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }) },
			...(body === undefined ? {} : { body: JSON.stringify(body) })
		});
		return { status: response.status, body: (await response.json().catch(() => undefined)) as T };
	};

	beforeAll(async () => {
		if (dashboardIsStale()) await buildDashboard();
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks', 'planning', 'monitoring', 'moderation'], sandboxSignIn: true, logDestination: { write: () => undefined } });
		for (const plugin of ['admin', 'tasks', 'planning', 'monitoring', 'moderation']) {
			if (bot.monster.host.get(plugin)?.status !== 'active') throw new Error(`${plugin} did not load: ${bot.monster.host.get(plugin)?.error}`);
		}
		base = new URL(bot.monster.apiUrl).origin;
		const signIn = await fetch(`${base}/api/session/sandbox`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		session = { cookie: signIn.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await signIn.json()) as { csrf: string }).csrf };
		const timeZone = container.config.TZ_DEFAULT;
		const guildId = bot.server.guild.id;
		await bot.database.db.insert(userStats).values([
			{ guildId, userId: member('alice'), day: dayIn(timeZone), messages: 12, activeSeconds: 600 },
			{ guildId, userId: member('alice'), day: dayIn(timeZone, 3), messages: 5, activeSeconds: 300 },
			{ guildId, userId: member('bob'), day: dayIn(timeZone, 1), messages: 7, activeSeconds: 300 },
			{ guildId, userId: member('bob'), day: dayIn(timeZone, 20), messages: 40, activeSeconds: 900 }
		]);
		await openCase(bot.database.db, { guildId, action: 'avertissement', targetId: member('chloe'), moderatorId: member('admin'), reason: 'Casque oublié sur le chantier' });
		await openCase(bot.database.db, { guildId, action: 'note', targetId: member('bob'), moderatorId: member('admin'), reason: 'Retards répétés' });
	});
	afterAll(() => bot?.stop());

	it('GET /api/stats/messages: messages per day (zeros included) and per member, over 7, 30 or 90 days', async () => {
		const week = await call<{ perDay: { day: string; messages: number }[]; perMember: { name: string; messages: number }[] }>('/api/stats/messages?days=7');
		expect(week.status).toBe(200);
		expect(week.body.perDay).toHaveLength(7);
		expect(week.body.perDay.at(-1)).toEqual({ day: dayIn(container.config.TZ_DEFAULT), messages: 12 });
		expect(week.body.perDay.reduce((sum, row) => sum + row.messages, 0)).toBe(24);
		expect(week.body.perMember.map((row) => [row.name, row.messages])).toEqual([
			['Alice Martin', 17],
			['Bob Durand', 7]
		]);
		const month = await call<{ perDay: unknown[]; perMember: { messages: number }[] }>('/api/stats/messages?days=30');
		expect(month.body.perDay).toHaveLength(30);
		expect(month.body.perMember[0]!.messages).toBe(47);
		expect((await call('/api/stats/messages?days=12')).status).toBe(400);
	});

	it('tasks: created from the API with the session as creator, searched, closed once (as /done), counted in GET /api/stats/tasks', async () => {
		const created = await call<{ task: { id: string; code: string; creatorId: string } }>('/api/tasks', { method: 'POST', body: { title: 'Commander le béton', assigneeId: member('alice'), creatorId: member('admin') } });
		expect(created.status).toBe(201);
		const found = await call<{ tasks: { title: string }[] }>('/api/tasks?search=b%C3%A9ton');
		expect(found.body.tasks.map((task) => task.title)).toEqual(['Commander le béton']);
		expect((await call<{ tasks: unknown[] }>('/api/tasks?search=100%25')).body.tasks).toEqual([]);
		const done = await call<{ task: { status: string } }>(`/api/tasks/${created.body.task.id}/done`, { method: 'POST', body: {} });
		expect(done).toMatchObject({ status: 200, body: { task: { status: 'terminee' } } });
		expect((await call(`/api/tasks/${created.body.task.id}/done`, { method: 'POST', body: {} })).status).toBe(409);
		expect((await call('/api/tasks/00000000-0000-4000-8000-000000000000/done', { method: 'POST', body: {} })).status).toBe(404);
		const series = await call<{ perDay: { created: number; done: number }[]; perMember: { name: string; done: number }[] }>('/api/stats/tasks?days=7');
		expect(series.body.perDay).toHaveLength(7);
		expect(series.body.perDay.at(-1)).toMatchObject({ created: 1, done: 1 });
		expect(series.body.perMember).toEqual([{ userId: member('alice'), name: 'Alice Martin', done: 1 }]);
	});

	it('chantiers: created as /creerchantier, archived only once confirmed, both audited with the signed-in admin as actor', async () => {
		const created = await call<{ chantier: { code: string; status: string }; channels: { name: string }[] }>('/api/chantiers', { method: 'POST', body: { code: 'CH-API-1', name: 'Gymnase', client: 'Mairie', startsOn: '2026-03-02' } });
		expect(created.status).toBe(201);
		expect(created.body.chantier).toMatchObject({ code: 'CH-API-1', status: 'actif' });
		expect(created.body.channels.length).toBeGreaterThan(0);
		expect((await call('/api/chantiers', { method: 'POST', body: { code: 'ch-api-1', name: 'Doublon' } })).status).toBe(409);
		const bad = await call<{ reason: string; message: string }>('/api/chantiers', { method: 'POST', body: { code: 'CH API', name: 'Espace' } });
		expect(bad.status).toBe(400);
		expect(bad.body.reason).toBe('input');
		const list = await call<{ chantiers: { code: string; status: string }[] }>('/api/chantiers');
		expect(list.body.chantiers).toContainEqual(expect.objectContaining({ code: 'CH-API-1', status: 'actif' }));
		const question = await call<{ category: string; archivedName: string; channels: number }>('/api/chantiers/CH-API-1/archive');
		expect(question.body).toMatchObject({ category: expect.stringContaining('CH-API-1'), archivedName: expect.stringContaining('Gymnase'), channels: created.body.channels.length });
		expect((await call('/api/chantiers/CH-API-1/archive', { method: 'POST', body: {} })).status).toBe(400);
		const archived = await call<{ chantier: { status: string } }>('/api/chantiers/CH-API-1/archive', { method: 'POST', body: { confirm: true } });
		expect(archived).toMatchObject({ status: 200, body: { chantier: { status: 'archive' } } });
		expect((await call('/api/chantiers/CH-API-1/archive', { method: 'POST', body: { confirm: true } })).status).toBe(409);
		const audits = await bot.database.db.select().from(auditLog).where(and(eq(auditLog.target, 'CH-API-1')));
		expect(audits.map((row) => [row.action, row.actorId]).sort()).toEqual([
			['chantier.archive', member('admin')],
			['chantier.create', member('admin')]
		]);
		const page = await call<{ entries: { action: string }[] }>('/api/audit?action=chantier.&limit=1');
		expect(page.body.entries.map((entry) => entry.action)).toEqual(['chantier.archive']);
		expect(page.body).toHaveProperty('nextCursor');
	});

	it('GET /api/moderation/cases: newest first, searched by reason or number, filtered by member; paged', async () => {
		const all = await call<{ cases: { caseNumber: number; targetName: string }[]; nextCursor?: number }>('/api/moderation/cases?limit=1');
		expect(all.body.cases.map((row) => row.caseNumber)).toEqual([2]);
		const older = await call<{ cases: { caseNumber: number; targetName: string }[] }>(`/api/moderation/cases?limit=1&before=${all.body.nextCursor}`);
		expect(older.body.cases).toMatchObject([{ caseNumber: 1, targetName: 'Chloé' }]);
		expect((await call<{ cases: { caseNumber: number }[] }>('/api/moderation/cases?search=casque')).body.cases.map((row) => row.caseNumber)).toEqual([1]);
		expect((await call<{ cases: { caseNumber: number }[] }>('/api/moderation/cases?search=%232')).body.cases.map((row) => row.caseNumber)).toEqual([2]);
		expect((await call<{ cases: unknown[] }>(`/api/moderation/cases?member=${member('alice')}`)).body.cases).toEqual([]);
	});

	it('documents the new routes in /openapi.json with their scopes', async () => {
		const document = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, Record<string, { security: { bearer: string[] }[] }>> };
		for (const path of ['/api/stats/messages', '/api/stats/tasks', '/api/tasks/{id}/done', '/api/planning', '/api/chantiers', '/api/chantiers/{code}/archive', '/api/moderation/cases', '/api/audit']) {
			expect(document.paths, path).toHaveProperty([path]);
		}
		expect(document.paths['/api/chantiers']!.get!.security).toEqual([{ bearer: ['read'] }]);
		expect(document.paths['/api/chantiers']!.post!.security).toEqual([{ bearer: ['admin'] }]);
		expect(document.paths['/api/chantiers/{code}/archive']!.post!.security).toEqual([{ bearer: ['admin'] }]);
		expect(document.paths['/api/tasks/{id}/done']!.post!.security).toEqual([{ bearer: ['write'] }]);
		expect(document.paths['/api/audit']!.get!.security).toEqual([{ bearer: ['admin'] }]);
	});

	describe.skipIf(!existsSync(chromiumPath))(`in headless Chromium (${chromiumPath}; skipped when absent: apt-get install -y chromium)`, () => {
		it('charts render; a task created from the page shows in the table; a planning entry added, a clash refused; a chantier created and archived after the question; moderation and audit listed; every page fits 360 px', async () => {
			const planned = await call('/api/discord/planning', { method: 'POST', body: { member: member('bob'), type: 'formation', start: dayIn(container.config.TZ_DEFAULT), end: dayIn(container.config.TZ_DEFAULT), note: 'CACES' } });
			expect(planned.status).toBe(201);
			const { page, close } = await openPhoneBrowser();
			try {
				const failures: string[] = [];
				page.on('pageerror', (error) => void failures.push(error.message));
				const fits360 = async (name: string) => {
					expect(await page.evaluate('document.documentElement.scrollWidth'), `${name} fits 360 px`).toBeLessThanOrEqual(360);
					await page.screenshot({ path: join(screenshotsFolder, `${name}.png`), fullPage: true });
				};
				await page.goto(`${base}/dashboard`);
				await page.getByTestId('sandbox-sign-in').click();
				await page.getByTestId('user').waitFor();

				// Overview: the four charts, 30 days by default, then 7.
				await page.getByTestId('chart-messages-day').locator('svg').waitFor();
				await page.getByTestId('chart-tasks-day').locator('svg').waitFor();
				expect(await page.getByTestId('chart-messages-day').locator('rect').count()).toBe(30);
				expect(await page.getByTestId('chart-tasks-day').locator('rect').count()).toBe(60);
				expect(await page.getByTestId('chart-messages-member').locator('li').allTextContents()).toEqual(['Bob Durand47', 'Alice Martin17']);
				await page.getByTestId('period-7').click();
				await expect.poll(() => page.getByTestId('chart-messages-day').locator('rect').count()).toBe(7);
				expect(await page.getByTestId('chart-messages-day').locator('rect').last().getAttribute('data-value')).toBe('12');
				await page.getByTestId('chart-tasks-member').waitFor();
				await fits360('overview-charts');

				// Tasks and planning: create from the page, see it in the table, close it; the week shows the training.
				await page.goto(`${base}/dashboard#/tasks`);
				await page.getByTestId('task-title').fill('Poser les fenêtres du gymnase');
				await page.getByTestId('task-assignee').selectOption({ label: 'Bob Durand' });
				await page.getByTestId('task-due').fill('demain');
				await page.getByTestId('task-create').click();
				await page.getByTestId('task-notice').waitFor();
				const row = page.getByTestId('task-table').locator('tr', { hasText: 'Poser les fenêtres du gymnase' });
				await row.waitFor();
				expect(await row.textContent()).toContain('Bob Durand');
				await page.getByTestId('filter-search').fill('fenêtres');
				await page.getByTestId('filter-search').press('Enter');
				await expect.poll(() => page.getByTestId('task-table').locator('tbody tr').count()).toBe(1);
				await page.getByTestId('calendar-week').getByText('CACES').waitFor();
				// A meeting added from the page as /planifier does; the same again clashes and says so.
				const today = dayIn(container.config.TZ_DEFAULT);
				const plan = async () => {
					await page.getByTestId('planning-member').selectOption({ label: 'Alice Martin' });
					await page.getByTestId('planning-type').selectOption('reunion');
					await page.getByTestId('planning-start').fill(`${today} 09:00`);
					await page.getByTestId('planning-end').fill(`${today} 10:00`);
					await page.getByTestId('planning-note').fill('Point sécurité');
					await page.getByTestId('planning-add').click();
				};
				await plan();
				await page.getByTestId('planning-notice').waitFor();
				await page.getByTestId('calendar-week').getByText('Point sécurité').waitFor();
				await plan();
				await page.getByTestId('planning-problems').waitFor();
				expect(await page.getByTestId('calendar-week').getByText('Point sécurité').count()).toBe(1);
				await fits360('tasks');
				await page.getByTestId('view-month').click();
				await page.getByTestId('calendar-month').getByTestId('calendar-entry').first().waitFor();
				await fits360('planning-month');
				await row.getByRole('button', { name: 'Terminée' }).click();
				await expect.poll(() => page.getByTestId('task-notice').textContent()).toContain('terminée');
				await expect.poll(() => page.getByTestId('task-table').count()).toBe(0);

				// Chantiers: create, then archive after the question.
				await page.getByRole('link', { name: 'Chantiers' }).click();
				await page.getByTestId('chantier-code').fill('CH-WEB-7');
				await page.getByTestId('chantier-name').fill('Crèche des Lilas');
				await page.getByTestId('chantier-client').fill('Ville');
				await page.getByTestId('chantier-create').click();
				await expect.poll(() => page.getByTestId('chantier-notice').textContent()).toContain('CH-WEB-7');
				const card = page.getByTestId('chantier-CH-WEB-7');
				await expect.poll(() => card.getAttribute('data-state')).toBe('actif');
				await fits360('chantiers');
				// The question is modal: it takes the focus on its safe answer, keeps Tab inside it, Escape cancels as Annuler
				// does, and either gives the focus back to the button that asked (once archived: to the notice).
				const focused = () => page.evaluate('document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.textContent');
				const question = page.getByTestId('archive-question');
				await page.getByTestId('archive-CH-WEB-7').click();
				await expect.poll(focused).toBe('Annuler');
				// Tab and Shift+Tab go round its two buttons, passing through the browser's own controls between rounds as a modal
				// dialog does (headless, that is the page's body), never through the page behind it.
				const where = () =>
					page.evaluate(`document.activeElement === document.body ? 'browser' : document.activeElement?.closest('[data-testid="archive-question"]') ? document.activeElement.textContent : 'page behind'`);
				const stops: unknown[] = [];
				for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
					await page.keyboard.press(key);
					stops.push(await where());
				}
				expect(stops).toEqual(['browser', 'Confirmer l’archivage', 'Annuler', 'browser', 'Annuler', 'Confirmer l’archivage', 'browser']);
				// Escape cancels even with the focus on Confirmer.
				await page.keyboard.press('Tab');
				await page.keyboard.press('Escape');
				await expect.poll(() => question.count()).toBe(0);
				await expect.poll(focused).toBe('archive-CH-WEB-7');
				expect(await card.getAttribute('data-state')).toBe('actif');
				await page.getByTestId('archive-CH-WEB-7').click();
				await question.getByRole('button', { name: 'Annuler' }).click();
				await expect.poll(() => question.count()).toBe(0);
				await expect.poll(focused).toBe('archive-CH-WEB-7');
				await page.getByTestId('archive-CH-WEB-7').click();
				await question.getByText('lecture seule').waitFor();
				await fits360('chantiers-archive-question');
				await page.getByTestId('archive-confirm').click();
				await expect.poll(() => card.getAttribute('data-state')).toBe('archive');
				await expect.poll(focused).toBe('chantier-notice');
				const [stored] = await bot.database.db.select().from(chantiers).where(eq(chantiers.code, 'CH-WEB-7'));
				expect(stored?.status).toBe('archive');

				// Moderation: cases searched; the audit log shows the archive just made.
				await page.getByRole('link', { name: 'Modération' }).click();
				await page.getByTestId('case-1').waitFor();
				await page.getByTestId('case-search').fill('retards');
				await page.getByTestId('case-search').press('Enter');
				await expect.poll(() => page.getByTestId('case-list').locator('li').count()).toBe(1);
				await page.getByTestId('case-2').waitFor();
				await page.getByTestId('audit-list').getByText('chantier.archive').first().waitFor();
				await fits360('moderation');
				expect(failures).toEqual([]);
			} finally {
				await close();
			}
		}, 180_000);

		it('says in the page’s language when older cases fail to load, keeps the cases shown and the focus, and loads them once when asked again; the last page in, the focus goes to its first case', async () => {
			const guildId = bot.server.guild.id;
			for (let number = 1; number <= 30; number++) await openCase(bot.database.db, { guildId, action: 'note', targetId: member('bob'), moderatorId: member('admin'), reason: `Relevé ${number}` });
			const { page, close } = await openPhoneBrowser();
			try {
				// The older page answers 500 until the test lets it through, then waits for the test's word.
				let failing = true;
				let asked = 0;
				let letThrough: () => void = () => undefined;
				const through = new Promise<void>((resolve) => (letThrough = resolve));
				await page.route(
					(url) => url.pathname === '/api/moderation/cases' && url.searchParams.has('before'),
					async (route) => {
						asked++;
						if (failing) return route.fulfill({ status: 500, json: { error: 'Internal Server Error' } });
						await through;
						return route.continue();
					}
				);
				await page.goto(`${base}/dashboard#/moderation`);
				await page.getByTestId('sandbox-sign-in').click();
				const section = page.locator('section').filter({ has: page.getByTestId('case-list') });
				const cases = section.getByTestId('case-list').locator('li');
				await expect.poll(() => cases.count()).toBe(25);
				const older = section.getByRole('button', { name: /^(Plus anciennes|Older)$/ });
				await older.focus();
				await page.keyboard.press('Enter');
				await expect.poll(() => section.getByRole('alert').textContent()).toBe('Les plus anciennes n’ont pas pu être chargées : réessayez.');
				expect(await cases.count()).toBe(25);
				expect(await page.evaluate('document.activeElement?.textContent')).toBe('Plus anciennes');
				expect(await older.getAttribute('aria-disabled')).toBe('false');
				await page.screenshot({ path: join(screenshotsFolder, 'moderation-older-failed.png'), fullPage: true });
				await page.getByRole('button', { name: 'Language: English' }).click();
				await expect.poll(() => section.getByRole('alert').textContent()).toBe('The older ones could not be loaded: try again.');

				// Asked again, twice while the page is on its way: one request, the seven older cases once each.
				failing = false;
				await older.focus();
				await page.keyboard.press('Enter');
				await expect.poll(() => older.getAttribute('aria-disabled')).toBe('true');
				expect(await section.getByRole('alert').count()).toBe(0);
				await page.keyboard.press('Enter');
				letThrough();
				await expect.poll(() => cases.count()).toBe(32);
				await page.getByTestId('case-1').waitFor();
				expect(asked).toBe(2);
				expect(await older.count()).toBe(0);
				// The button gone with the last page, the focus is on the first case it brought, not on the page's body; the end
				// of the list is said politely.
				await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('case-7');
				expect(await section.getByRole('status').textContent()).toBe('End of the list.');
			} finally {
				await close();
			}
		}, 120_000);

		it('puts the focus on the last case shown when the last older page turns out empty', async () => {
			const { page, close } = await openPhoneBrowser();
			try {
				// The older page is empty, as the last one is when the list holds a whole number of pages.
				await page.route(
					(url) => url.pathname === '/api/moderation/cases' && url.searchParams.has('before'),
					(route) => route.fulfill({ json: { cases: [] } })
				);
				await page.goto(`${base}/dashboard#/moderation`);
				await page.getByTestId('sandbox-sign-in').click();
				const section = page.locator('section').filter({ has: page.getByTestId('case-list') });
				const cases = section.getByTestId('case-list').locator('li');
				await expect.poll(() => cases.count()).toBe(25);
				expect(await section.getByRole('status').textContent()).toBe('');
				await section.getByRole('button', { name: 'Plus anciennes' }).focus();
				await page.keyboard.press('Enter');
				await expect.poll(() => section.getByRole('status').textContent()).toBe('Fin de la liste.');
				expect(await cases.count()).toBe(25);
				expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe(await cases.last().getAttribute('data-testid'));
			} finally {
				await close();
			}
		}, 120_000);

		it('says in the page’s language when the chantiers or the audit log cannot be loaded, and loads them on Réessayer', async () => {
			expect((await call('/api/chantiers', { method: 'POST', body: { code: 'CH-RETRY', name: 'Préau' } })).status).toBe(201);
			const { page, close } = await openPhoneBrowser();
			try {
				let failing = true;
				await page.route(
					(url) => url.pathname === '/api/chantiers',
					(route) => (failing ? route.fulfill({ status: 500, json: { error: 'Internal Server Error' } }) : route.continue())
				);
				await page.goto(`${base}/dashboard#/chantiers`);
				await page.getByTestId('sandbox-sign-in').click();
				await expect.poll(() => page.getByRole('alert').textContent()).toBe('La liste des chantiers n’a pas pu être chargée. Réessayer');
				failing = false;
				await page.getByRole('button', { name: 'Réessayer' }).click();
				await page.getByTestId('chantier-CH-RETRY').waitFor();
				expect(await page.getByRole('alert').count()).toBe(0);

				const offline = (url: URL) => url.pathname === '/api/audit';
				await page.route(offline, (route) => route.abort('internetdisconnected'));
				await page.getByRole('link', { name: 'Modération' }).click();
				const audit = page.locator('section').filter({ has: page.getByTestId('audit-list') });
				await expect.poll(() => audit.getByRole('alert').textContent()).toBe('Le journal d’audit n’a pas pu être chargé. Réessayer');
				await page.getByRole('button', { name: 'Language: English' }).click();
				await expect.poll(() => audit.getByRole('alert').textContent()).toBe('The audit log could not be loaded. Retry');
				await page.unroute(offline);
				await audit.getByRole('button', { name: 'Retry' }).click();
				await audit.getByText('chantier.create').first().waitFor();
				expect(await audit.getByRole('alert').count()).toBe(0);
			} finally {
				await close();
			}
		}, 120_000);

		it('says whether the cases cannot be read because moderation is off or because loading failed, and loads them on Réessayer', async () => {
			const switchModeration = async (enabled: boolean) => expect((await call('/api/plugins/moderation', { method: 'PUT', body: { enabled } })).status).toBe(200);
			const { page, close } = await openPhoneBrowser();
			try {
				await switchModeration(false);
				await page.goto(`${base}/dashboard#/moderation`);
				await page.getByTestId('sandbox-sign-in').click();
				const section = page.locator('section').filter({ has: page.getByTestId('case-list') });
				await expect.poll(() => section.getByRole('alert').textContent()).toBe('Le plugin moderation est éteint : les sanctions ne sont pas lisibles. Réessayer');
				await switchModeration(true);
				await section.getByRole('button', { name: 'Réessayer' }).click();
				await section.getByTestId('case-list').locator('li').first().waitFor();
				expect(await section.getByRole('alert').count()).toBe(0);

				let failing = true;
				await page.route(
					(url) => url.pathname === '/api/moderation/cases',
					(route) => (failing ? route.fulfill({ status: 500, json: { error: 'Internal Server Error' } }) : route.continue())
				);
				await page.getByRole('button', { name: 'Language: English' }).click();
				await page.getByTestId('case-search').fill('casque');
				await page.getByTestId('case-search').press('Enter');
				await expect.poll(() => section.getByRole('alert').textContent()).toBe('The cases could not be loaded. Retry');
				failing = false;
				await section.getByRole('button', { name: 'Retry' }).click();
				await expect.poll(() => section.getByTestId('case-list').locator('li').count()).toBe(1);
				expect(await section.getByRole('alert').count()).toBe(0);
			} finally {
				await switchModeration(true);
				await close();
			}
		}, 120_000);

		it('says in the page’s language when the health, the plugins or the tasks cannot be loaded, and loads them on Réessayer', async () => {
			const { page, close } = await openPhoneBrowser();
			try {
				const failing = new Set(['/api/health/detailed', '/api/plugins', '/api/tasks']);
				await page.route(
					(url) => failing.has(url.pathname),
					(route) => route.fulfill({ status: 500, json: { error: 'Internal Server Error' } })
				);
				await page.goto(`${base}/dashboard`);
				await page.getByTestId('sandbox-sign-in').click();
				const health = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Santé' }) });
				await expect.poll(() => health.getByRole('alert').textContent()).toBe('L’état du bot n’a pas pu être lu. Réessayer');
				failing.delete('/api/health/detailed');
				await health.getByRole('button', { name: 'Réessayer' }).click();
				await page.getByTestId('health-status').waitFor();
				expect(await health.getByRole('alert').count()).toBe(0);

				await page.getByRole('link', { name: 'Plugins' }).click();
				await expect.poll(() => page.getByRole('alert').textContent()).toBe('La liste des plugins n’a pas pu être chargée. Réessayer');
				// The list is asked again in English (plugin descriptions follow the page's language): refused again, said in English.
				const askedAgain = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/plugins');
				await page.getByRole('button', { name: 'Language: English' }).click();
				await askedAgain;
				await expect.poll(() => page.getByRole('alert').textContent()).toBe('The plugins could not be loaded. Retry');
				failing.delete('/api/plugins');
				await page.getByRole('button', { name: 'Retry' }).click();
				await page.getByTestId('plugin-tasks').waitFor();
				expect(await page.getByRole('alert').count()).toBe(0);

				await page.getByRole('link', { name: 'Tasks' }).click();
				await expect.poll(() => page.getByRole('alert').textContent()).toBe('The tasks could not be loaded. Retry');
				failing.delete('/api/tasks');
				await page.getByRole('button', { name: 'Retry' }).click();
				await page.getByTestId('task-total').waitFor();
				expect(await page.getByRole('alert').count()).toBe(0);
			} finally {
				await close();
			}
		}, 120_000);

		it('says whether the totals, the activity charts and the planning cannot be read because their plugin is off (404) or because loading failed, and loads them on Réessayer', async () => {
			const { page, close } = await openPhoneBrowser();
			try {
				const answers = new Map([
					['/api/stats', 404],
					['/api/stats/messages', 404],
					['/api/stats/tasks', 500],
					['/api/planning', 404]
				]);
				await page.route(
					(url) => answers.has(url.pathname),
					(route) => route.fulfill({ status: answers.get(new URL(route.request().url()).pathname)!, json: { error: 'Not Found' } })
				);
				await page.goto(`${base}/dashboard`);
				await page.getByTestId('sandbox-sign-in').click();
				await expect.poll(() => page.getByTestId('stats-failed').textContent()).toBe('Le plugin monitoring est éteint : les totaux ne sont pas comptés. Réessayer');
				await expect.poll(() => page.getByTestId('messages-failed').textContent()).toBe('Le plugin monitoring est éteint : les messages ne sont pas comptés. Réessayer');
				await expect.poll(() => page.getByTestId('task-series-failed').textContent()).toBe('Les tâches n’ont pas pu être chargées. Réessayer');
				answers.set('/api/stats', 500);
				await page.getByTestId('stats-failed').getByRole('button', { name: 'Réessayer' }).click();
				await expect.poll(() => page.getByTestId('stats-failed').textContent()).toBe('Les totaux n’ont pas pu être chargés. Réessayer');
				answers.delete('/api/stats');
				answers.delete('/api/stats/messages');
				answers.delete('/api/stats/tasks');
				await page.getByTestId('stats-failed').getByRole('button', { name: 'Réessayer' }).click();
				await page.getByTestId('total-messagesTotal').waitFor();
				await page.getByTestId('messages-failed').getByRole('button', { name: 'Réessayer' }).click();
				await page.getByTestId('chart-messages-day').locator('svg').waitFor();
				await page.getByTestId('task-series-failed').getByRole('button', { name: 'Réessayer' }).click();
				await page.getByTestId('chart-tasks-day').locator('svg').waitFor();
				expect(await page.getByRole('alert').count()).toBe(0);

				await page.getByRole('button', { name: 'Language: English' }).click();
				await page.getByRole('link', { name: 'Tasks' }).click();
				await expect.poll(() => page.getByTestId('planning-failed').textContent()).toBe('The planning plugin is off: the planning cannot be read. Retry');
				answers.set('/api/planning', 500);
				await page.getByTestId('planning-failed').getByRole('button', { name: 'Retry' }).click();
				await expect.poll(() => page.getByTestId('planning-failed').textContent()).toBe('The planning could not be loaded. Retry');
				answers.delete('/api/planning');
				await page.getByTestId('planning-failed').getByRole('button', { name: 'Retry' }).click();
				await expect.poll(() => page.getByTestId('planning-failed').count()).toBe(0);
			} finally {
				await close();
			}
		}, 120_000);

		it('says in the page’s language why switching or reloading a plugin is refused or fails (from the 409’s reason, the status, the reload’s outcome), not the API’s English', async () => {
			const { page, close } = await openPhoneBrowser();
			try {
				let refusal: ((route: Route) => Promise<void>) | undefined;
				await page.route(
					(url) => url.pathname.startsWith('/api/plugins/moderation'),
					(route) => (refusal && route.request().method() !== 'GET' ? refusal(route) : route.continue())
				);
				await page.goto(`${base}/dashboard#/plugins`);
				await page.getByTestId('sandbox-sign-in').click();
				const alert = page.getByTestId('plugin-error');

				await page.getByTestId('reload-moderation').click();
				await expect.poll(() => page.getByTestId('plugin-notice').textContent()).toBe('Rechargement de moderation : inchangé (ses fichiers n’ont pas changé)');
				refusal = (route) => route.fulfill({ status: 200, json: { outcome: 'refused' } });
				await page.getByTestId('reload-moderation').click();
				await expect.poll(() => alert.textContent()).toBe('moderation n’a pas été rechargé : la nouvelle version est refusée, l’ancienne continue (raison dans sa fiche).');
				refusal = (route) => route.fulfill({ status: 404, json: { error: 'No plugin named "moderation"' } });
				await page.getByTestId('reload-moderation').click();
				await expect.poll(() => alert.textContent()).toBe('Le bot n’a plus de plugin moderation.');
				refusal = (route) => route.fulfill({ status: 409, json: { error: 'required: moderation', reason: 'required', dependencies: [] } });
				await page.getByTestId('switch-moderation').click();
				await expect.poll(() => alert.textContent()).toBe('moderation est requis : il ne peut pas être éteint.');

				await page.getByRole('button', { name: 'Language: English' }).click();
				refusal = (route) => route.fulfill({ status: 409, json: { error: 'dependencies: moderation needs team, tasks', reason: 'dependencies', dependencies: ['team', 'tasks'] } });
				await page.getByTestId('switch-moderation').click();
				await expect.poll(() => alert.textContent()).toBe('moderation cannot be switched on while these plugins are off: team, tasks.');
				refusal = (route) => route.abort('internetdisconnected');
				await page.getByTestId('switch-moderation').click();
				await expect.poll(() => alert.textContent()).toBe('Switching moderation did not go through: try again.');
				await page.getByTestId('reload-moderation').click();
				await expect.poll(() => alert.textContent()).toBe('Reloading moderation did not go through: try again.');
				refusal = undefined;
				await page.getByTestId('reload-moderation').click();
				await expect.poll(() => page.getByTestId('plugin-notice').textContent()).toBe('Reload of moderation: unchanged (its files did not change)');
				expect(await alert.count()).toBe(0);
			} finally {
				await close();
			}
		}, 120_000);

		it('says in the page’s language, as an alert, when a chantier was archived behind its back or archiving fails', async () => {
			for (const code of ['CH-STALE-1', 'CH-STALE-2', 'CH-STALE-3', 'CH-STALE-4']) expect((await call('/api/chantiers', { method: 'POST', body: { code, name: 'Atelier' } })).status).toBe(201);
			const archiveElsewhere = async (code: string) => expect((await call(`/api/chantiers/${code}/archive`, { method: 'POST', body: { confirm: true } })).status).toBe(200);
			const { page, close } = await openPhoneBrowser();
			try {
				await page.goto(`${base}/dashboard#/chantiers`);
				await page.getByTestId('sandbox-sign-in').click();
				await page.getByTestId('archive-CH-STALE-1').waitFor();
				const notice = page.getByTestId('chantier-notice');
				const focused = () => page.evaluate('document.activeElement?.getAttribute("data-testid")');

				// Archived (as /archiverchantier does) since the page read the list: nothing to ask, and its button goes.
				await archiveElsewhere('CH-STALE-1');
				await page.getByTestId('archive-CH-STALE-1').click();
				await expect.poll(() => notice.textContent()).toBe('Le chantier CH-STALE-1 est déjà archivé.');
				expect(await notice.getAttribute('role')).toBe('alert');
				expect(await page.getByTestId('archive-question').count()).toBe(0);
				await expect.poll(() => page.getByTestId('chantier-CH-STALE-1').getAttribute('data-state')).toBe('archive');
				await expect.poll(focused).toBe('chantier-notice');

				// Archived between the question and its confirmation.
				await page.getByTestId('archive-CH-STALE-2').click();
				await page.getByTestId('archive-question').waitFor();
				await archiveElsewhere('CH-STALE-2');
				await page.getByTestId('archive-confirm').click();
				await expect.poll(() => notice.textContent()).toBe('Le chantier CH-STALE-2 est déjà archivé.');
				expect(await notice.getAttribute('role')).toBe('alert');

				// The network fails: said in the page's language; the button stays to try again.
				await page.route((url) => url.pathname === '/api/chantiers/CH-STALE-3/archive', (route) => route.abort('internetdisconnected'));
				await page.getByRole('button', { name: 'Language: English' }).click();
				await page.getByTestId('archive-CH-STALE-3').click();
				await expect.poll(() => notice.textContent()).toBe('Archiving CH-STALE-3 did not go through: try again.');
				expect(await page.getByTestId('archive-CH-STALE-3').isEnabled()).toBe(true);

				// Discord refuses a step: the command's words, in the page's language.
				await page.getByTestId('archive-CH-STALE-4').click();
				await page.getByTestId('archive-question').waitFor();
				bot.server.failNext('PATCH', '/channels/:channelId', { after: 2 });
				await page.getByTestId('archive-confirm').click();
				await expect.poll(() => notice.textContent()).toBe('Discord refused: Missing Permissions. What had changed was put back; the work site is not archived.');
				expect(await notice.getAttribute('role')).toBe('alert');
				expect(await page.getByTestId('chantier-CH-STALE-4').getAttribute('data-state')).toBe('actif');
			} finally {
				await close();
			}
		}, 120_000);

		it('shows the tasks of the latest search when the answer to an earlier one comes last', async () => {
			for (const title of ['Tailler la girafe', 'Peindre le zèbre']) expect((await call('/api/tasks', { method: 'POST', body: { title, creatorId: member('admin') } })).status).toBe(201);
			const { page, close } = await openPhoneBrowser();
			try {
				// The earlier search's answer is held until the later one is shown.
				let letThrough: () => void = () => undefined;
				const through = new Promise<void>((resolve) => (letThrough = resolve));
				const slow = (url: URL) => url.pathname === '/api/tasks' && url.searchParams.get('search') === 'girafe';
				await page.route(slow, async (route) => {
					await through;
					await route.continue();
				});
				await page.goto(`${base}/dashboard#/tasks`);
				await page.getByTestId('sandbox-sign-in').click();
				const titles = page.getByTestId('task-table').locator('.task-title');
				await titles.first().waitFor();
				const asked = page.waitForRequest((request) => slow(new URL(request.url())));
				await page.getByTestId('filter-search').fill('girafe');
				await page.getByTestId('filter-search').press('Enter');
				await asked;
				await page.getByTestId('filter-search').fill('zèbre');
				await page.getByTestId('filter-search').press('Enter');
				await expect.poll(() => titles.allTextContents()).toEqual(['Peindre le zèbre']);
				const late = page.waitForResponse((response) => slow(new URL(response.url())));
				letThrough();
				await (await late).finished();
				// Two frames: the late answer read and, unguarded, rendered.
				await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
				expect(await titles.allTextContents()).toEqual(['Peindre le zèbre']);
			} finally {
				await close();
			}
		}, 120_000);

		it('says in English why a task, a planning entry or a chantier is refused once the page is in English', async () => {
			const { page, close } = await openPhoneBrowser();
			try {
				await page.goto(`${base}/dashboard`);
				await page.getByTestId('sandbox-sign-in').click();
				await page.getByRole('button', { name: 'Language: English' }).click();
				await page.getByRole('link', { name: 'Tasks' }).click();
				await page.getByTestId('task-title').fill('Order the windows');
				await page.getByTestId('task-due').fill('whenever');
				await page.getByTestId('task-create').click();
				await expect.poll(() => page.getByTestId('task-problems').textContent()).toBe('Due date "whenever" not understood: write e.g. tomorrow, monday, 25/12 or 2026-12-25.');
				await page.getByTestId('planning-member').selectOption({ label: 'Alice Martin' });
				await page.getByTestId('planning-start').fill('never');
				await page.getByTestId('planning-end').fill('never');
				await page.getByTestId('planning-add').click();
				await expect.poll(() => page.getByTestId('planning-problems').textContent()).toMatch(/^Start: "never" is not a date I understand\./);
				await page.getByRole('link', { name: 'Chantiers' }).click();
				await page.getByTestId('chantier-code').fill('CH BAD');
				await page.getByTestId('chantier-name').fill('Gym');
				await page.getByTestId('chantier-create').click();
				await expect.poll(() => page.getByTestId('chantier-problems').textContent()).toBe('The code "CH BAD" does not fit: letters, digits, "-", "_" or ".", at most 32 characters, no space.');
			} finally {
				await close();
			}
		}, 120_000);

		it('writes the first of a month « 1er » in French, in the charts, the calendar’s day titles and a chantier’s dates, and « 1 » in English, no space before a tooltip’s colon; the arrows name what they move', async () => {
			expect((await call('/api/chantiers', { method: 'POST', body: { code: 'CH-DATES', name: 'Halle', startsOn: '2026-12-01', endsOn: '2027-03-15' } })).status).toBe(201);
			const { page, close } = await openPhoneBrowser();
			try {
				// The page's today (the server keeps its own): a Wednesday whose week starts on Monday 1 March 2027.
				await page.clock.setFixedTime(new Date('2027-03-03T10:00:00Z'));
				await page.goto(`${base}/dashboard`);
				await page.getByTestId('sandbox-sign-in').click();
				await page.getByTestId('user').waitFor();
				// The server's last 90 days hold the first of two months at least; each column's tooltip names its day.
				await page.getByTestId('period-90').click();
				const chart = page.getByTestId('chart-messages-day');
				await expect.poll(() => chart.locator('rect').count()).toBe(90);
				const firsts = (await chart.locator('rect title').allTextContents()).filter((tip) => /^1(er)? /.test(tip));
				expect(firsts.length).toBeGreaterThanOrEqual(2);
				expect(firsts.filter((tip) => !tip.startsWith('1er '))).toEqual([]);

				await page.goto(`${base}/dashboard#/tasks`);
				const titles = page.getByTestId('calendar-week').locator('h3');
				await expect.poll(() => titles.allTextContents()).toEqual(['lundi 1er mars', 'mardi 2 mars', 'mercredi 3 mars', 'jeudi 4 mars', 'vendredi 5 mars', 'samedi 6 mars', 'dimanche 7 mars']);
				// The calendar's arrows name what they move, apart from the task table's « Suivantes »: a week here.
				await page.getByRole('button', { name: 'Semaine suivante' }).click();
				await expect.poll(() => titles.first().textContent()).toBe('lundi 8 mars');
				await page.getByRole('button', { name: 'Semaine précédente' }).click();

				// A chantier's dates in words, each with its day for machines.
				await page.getByRole('link', { name: 'Chantiers' }).click();
				const dates = page.getByTestId('chantier-CH-DATES').locator('time');
				await expect.poll(() => dates.allTextContents()).toEqual(['1er décembre 2026', '15 mars 2027']);
				expect(await dates.evaluateAll((times) => times.map((time) => time.getAttribute('datetime')))).toEqual(['2026-12-01', '2027-03-15']);

				await page.getByRole('button', { name: 'Language: English' }).click();
				await expect.poll(() => dates.allTextContents()).toEqual(['1 December 2026', '15 March 2027']);
				await page.getByRole('link', { name: 'Tasks' }).click();
				await expect.poll(() => titles.first().textContent()).toBe('Monday 1 Mar');
				// English tooltips put no space before the colon, as English writes it.
				await page.getByRole('link', { name: 'Overview' }).click();
				await expect.poll(() => chart.locator('rect title').first().textContent()).toMatch(/^\d{1,2} [A-Z][a-z]+ · Messages: \d+$/);
			} finally {
				await close();
			}
		}, 120_000);
	});
});
