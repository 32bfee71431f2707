// The dashboard in a real deployment's shape: Discord OAuth2 sign-in against the local Discord server (admins in, others refused), then plugin settings through the form generated from their zod schema, reload; by fetch, then in headless Chromium.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { container } from '@sapphire/framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../core/audit.ts';
import { buildDashboard, dashboardIsStale } from '../../scripts/build-dashboard.ts';
import { chromiumPath, openPhoneBrowser, screenshotsFolder } from '../support/chromium.ts';
import { startTestBot, type TestBot } from '../support/bot.ts';


describe('dashboard: Discord sign-in and plugin settings', () => {
	let bot: TestBot;
	let base: string;

	beforeAll(async () => {
		if (dashboardIsStale()) await buildDashboard();
		bot = await startTestBot({
			plugins: ['team', 'admin', 'tasks'],
			pluginFolders: [join(import.meta.dirname, '../fixtures/plugins/form-probe')],
			discordSignIn: true
		});
		base = new URL(bot.monster.apiUrl).origin;
	});
	afterAll(() => bot?.stop());

	const cookieOf = (response: Response, name: string) =>
		response.headers
			.getSetCookie()
			.map((cookie) => cookie.split(';')[0]!)
			.find((cookie) => cookie.startsWith(`${name}=`) && cookie.length > name.length + 1);

	/** The browser's trip: the bot → Discord's consent page (as `userId`) → the bot's callback. */
	const signInAs = async (userId: string, options: { state?: string } = {}) => {
		const start = await fetch(`${base}/api/session/discord`, { redirect: 'manual' });
		expect(start.status).toBe(302);
		const stateCookie = cookieOf(start, 'monster_oauth_state')!;
		const authorize = new URL(start.headers.get('location')!);
		expect(authorize.href.startsWith(bot.server.apiUrl.replace(/\/api$/, '/oauth2/authorize'))).toBe(true);
		authorize.searchParams.set('login_as', userId);
		if (options.state !== undefined) authorize.searchParams.set('state', options.state);
		const consent = await fetch(authorize, { redirect: 'manual' });
		const callback = await fetch(consent.headers.get('location')!, { redirect: 'manual', headers: { cookie: stateCookie } });
		expect(callback.status).toBe(302);
		return { location: callback.headers.get('location')!, session: cookieOf(callback, 'monster_session') };
	};

	it('offers the Discord sign-in; the server\'s admin gets a session, a plain member is refused', async () => {
		const offers = await (await fetch(`${base}/api/session`)).json();
		expect(offers).toMatchObject({ signIn: { discord: true, sandbox: false } });

		const admin = await signInAs(bot.server.guild.members.admin!);
		expect(admin.location).toBe('/dashboard');
		const session = await fetch(`${base}/api/session`, { headers: { cookie: admin.session! } });
		expect(await session.json()).toMatchObject({ user: { id: bot.server.guild.members.admin, name: 'Camille (admin)' } });

		const alice = await signInAs(bot.server.guild.members.alice!);
		expect(alice).toEqual({ location: '/dashboard?signIn=refused', session: undefined });
	});

	it('refuses a callback whose state is not the one the browser was sent with', async () => {
		const forged = await signInAs(bot.server.guild.members.admin!, { state: 'forged-state' });
		expect(forged).toEqual({ location: '/dashboard?signIn=expired', session: undefined });
	});

	it('admits a member holding a role the permission matrix lets run the admin commands', async () => {
		const bob = bot.server.guild.members.bob!;
		expect((await signInAs(bob)).session).toBeUndefined();
		await container.settings.set('core', container.coreSettings, 'permissions', { groups: { admin: { roles: ['Chef de chantier'] } } }, { guildId: bot.server.guild.id, actor: 'test' });
		expect((await signInAs(bob)).location).toBe('/dashboard');
	});

	it('limits an admin of one of several servers to that server: no bot-wide switch, setting or reload', async () => {
		const { config } = container;
		const guildIds = config.DISCORD_GUILD_IDS;
		const guild = bot.server.guild.id;
		config.DISCORD_GUILD_IDS = [guild, '123456789012345678'];
		try {
			const { session } = await signInAs(bot.server.guild.members.bob!);
			const current = (await (await fetch(`${base}/api/session`, { headers: { cookie: session! } })).json()) as { csrf: string; guildIds: string[] };
			expect(current.guildIds).toEqual([guild]);
			const headers = { cookie: session!, 'content-type': 'application/json', 'x-csrf-token': current.csrf };
			const call = (path: string, method: string, body: unknown) => fetch(`${base}${path}`, { method, headers, body: JSON.stringify(body) });

			expect(await (await fetch(`${base}/api/plugins`, { headers })).json()).toMatchObject({ botWide: false, servers: [{ id: guild }] });
			expect((await call('/api/plugins/tasks', 'PUT', { enabled: false })).status).toBe(403);
			expect((await call('/api/plugins/tasks', 'PUT', { enabled: false, guildId: '123456789012345678' })).status).toBe(403);
			expect((await call('/api/plugins/tasks', 'PUT', { enabled: false, guildId: guild })).status).toBe(200);
			expect(container.plugins.stateOf('tasks', guild)?.state).toBe('off');
			expect(container.plugins.stateOf('tasks')?.state).toBe('active');
			expect((await call('/api/plugins/tasks', 'PUT', { enabled: true, guildId: guild })).status).toBe(200);
			expect((await call('/api/plugins/form-probe/settings', 'PUT', { values: { reminderHour: 5 } })).status).toBe(403);
			expect((await call('/api/plugins/form-probe/settings', 'PUT', { values: { reminderHour: 5 }, guildId: guild })).status).toBe(200);
			expect((await call('/api/plugins/form-probe/reload', 'POST', {})).status).toBe(403);
			await call('/api/plugins/form-probe/settings', 'PUT', { reset: ['reminderHour'], guildId: guild });

			// The audit log shows this admin their server's lines only, even when they ask for the other's.
			await recordAudit({ kind: 'action_admin', guildId: '123456789012345678', actorId: 'system', action: 'other-server.secret' });
			const audit = async (query: string) => ((await (await fetch(`${base}/api/audit${query}`, { headers })).json()) as { entries: { guildId: string | null; action: string }[] }).entries;
			expect((await audit('')).map((entry) => entry.guildId)).toContain(guild);
			expect((await audit('')).every((entry) => entry.guildId === guild)).toBe(true);
			expect(await audit('?guild=123456789012345678')).toEqual([]);
			// A server's data through a plugin route: refused for the other server as for an unknown one.
			expect((await call('/api/tasks', 'POST', { title: 'Hors de mon serveur', guildId: '123456789012345678' })).status).toBe(400);
		} finally {
			config.DISCORD_GUILD_IDS = guildIds;
		}
	});

	it('describes a plugin\'s settings from its schema, masks secrets, refuses a bad value per key, writes a good one', async () => {
		const { session } = await signInAs(bot.server.guild.members.admin!);
		const { csrf } = (await (await fetch(`${base}/api/session`, { headers: { cookie: session! } })).json()) as { csrf: string };
		const headers = { cookie: session!, 'content-type': 'application/json', 'x-csrf-token': csrf };
		const url = `${base}/api/plugins/form-probe/settings`;
		const described = (await (await fetch(url, { headers })).json()) as { settings: { key: string; schema: Record<string, unknown>; secret: boolean; value?: unknown }[] };
		const byKey = Object.fromEntries(described.settings.map((setting) => [setting.key, setting]));
		expect(byKey.reminderHour).toMatchObject({ schema: { type: 'integer', minimum: 0, maximum: 23, default: 7 }, value: 7, secret: false });
		expect(byKey.mode!.schema).toMatchObject({ enum: ['calme', 'bavard'] });
		expect(byKey.apiToken).toMatchObject({ secret: true });

		const bad = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ values: { reminderHour: 30, mode: 'fort' }, locale: 'fr' }) });
		expect(bad.status).toBe(400);
		const { issues } = (await bad.json()) as { issues: { key: string; message: string }[] };
		expect(issues.map((problem) => problem.key).sort()).toEqual(['mode', 'reminderHour']);
		expect(issues.find((problem) => problem.key === 'reminderHour')!.message).toMatch(/23/);
		// Without a locale, in the bot's language (French here), as the other routes' refusals.
		const refusalOf = async (body: unknown) => ((await (await fetch(url, { method: 'PUT', headers, body: JSON.stringify(body) })).json()) as { issues: { message: string }[] }).issues[0]!.message;
		expect(await refusalOf({ values: { reminderHour: 30 } })).toBe('Trop grand : nombre doit être <=23');
		expect(await refusalOf({ values: { nope: 1 } })).toMatch(/^réglage inconnu ; réglages connus : reminderHour/);
		expect(await refusalOf({ values: { nope: 1 }, locale: 'en' })).toMatch(/^unknown setting; known: reminderHour/);

		const good = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ values: { reminderHour: 9, apiToken: 'très-secret-123' } }) });
		expect(good.status).toBe(200);
		const after = (await good.json()) as typeof described;
		expect(after.settings.find((setting) => setting.key === 'apiToken')!.value).toBe('••••••');
		expect(JSON.stringify(after)).not.toContain('très-secret');
		expect(container.settings.resolve('form-probe', container.plugins.get('form-probe')!.manifest!.settings!)).toMatchObject({ reminderHour: 9, apiToken: 'très-secret-123' });

		const reset = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ reset: ['reminderHour'] }) });
		expect(((await reset.json()) as typeof described).settings.find((setting) => setting.key === 'reminderHour')).toMatchObject({ value: 7, source: 'default' });
		expect((await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ values: { nope: 1 } }) })).status).toBe(400);

		// A server the bot is not in (a typo): refused, nothing written for it.
		const elsewhere = '123456789012345678';
		const settingsElsewhere = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ values: { reminderHour: 4 }, guildId: elsewhere }) });
		expect(settingsElsewhere.status).toBe(400);
		expect(await settingsElsewhere.json()).toEqual({ error: 'Invalid request', issues: [{ in: 'body', path: 'guildId', message: 'a server of the bot' }] });
		expect(container.settings.overrides('form-probe').guilds[elsewhere]).toBeUndefined();
		const switchElsewhere = await fetch(`${base}/api/plugins/form-probe`, { method: 'PUT', headers, body: JSON.stringify({ enabled: false, guildId: elsewhere }) });
		expect(switchElsewhere.status).toBe(400);
		expect(container.plugins.stateOf('form-probe', elsewhere)?.state).toBe('active');
		expect((await fetch(`${base}/api/plugins/nope/settings`, { headers })).status).toBe(404);

		const reload = await fetch(`${base}/api/plugins/form-probe/reload`, { method: 'POST', headers, body: '{}' });
		expect(await reload.json()).toMatchObject({ outcome: 'unchanged', plugin: { name: 'form-probe', state: 'active' } });

		const openapi = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, unknown> };
		expect(Object.keys(openapi.paths)).toEqual(
			expect.arrayContaining(['/api/session/discord', '/api/session/discord/callback', '/api/plugins/{name}/settings', '/api/plugins/{name}/reload'])
		);
	});

	describe.skipIf(!existsSync(chromiumPath))(`in headless Chromium (${chromiumPath}; skipped when absent: apt-get install -y chromium)`, () => {
		it('signs in through Discord (a member refused, the admin in), then edits a plugin\'s settings: a bad value shows its error, a good one is applied; switches a plugin in one server; reloads', async () => {
			const { page, close } = await openPhoneBrowser();
			try {
				const fitsWidth = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');

				await page.goto(`${base}/dashboard`);
				await page.getByTestId('discord-sign-in').click();
				await page.getByTestId('consent-alice').click();
				await page.getByTestId('sign-in-outcome').waitFor();
				expect(await page.getByTestId('sign-in-outcome').textContent()).toContain('Accès refusé');
				expect(await fitsWidth()).toBe(true);
				await page.screenshot({ path: join(screenshotsFolder, 'sign-in-refused.png'), fullPage: true });

				await page.getByTestId('discord-sign-in').click();
				await page.getByTestId('consent-camille').click();
				await expect.poll(() => page.getByTestId('user').textContent()).toBe('Camille (admin)');

				await page.getByRole('link', { name: 'Plugins' }).click();
				await page.getByTestId('settings-form-probe').click();
				const hour = page.getByTestId('setting-form-probe-reminderHour');
				await hour.fill('42');
				await page.getByTestId('save-form-probe').click();
				const error = page.getByTestId('setting-error-form-probe-reminderHour');
				await error.waitFor();
				expect(await error.textContent()).toMatch(/23/);
				expect(await fitsWidth()).toBe(true);
				await page.screenshot({ path: join(screenshotsFolder, 'plugin-settings-error.png'), fullPage: true });

				await hour.fill('8');
				await page.getByTestId('save-form-probe').click();
				await page.getByTestId('saved-form-probe').waitFor();
				expect(await error.count()).toBe(0);
				const schema = container.plugins.get('form-probe')!.manifest!.settings!;
				await expect.poll(() => (container.settings.resolve('form-probe', schema) as { reminderHour: number }).reminderHour).toBe(8);
				await page.screenshot({ path: join(screenshotsFolder, 'plugin-settings-saved.png'), fullPage: true });

				// Per server: the scope selector shows and switches the plugin's state in that server only.
				const guild = bot.server.guild.id;
				await page.getByTestId('plugin-scope').selectOption(guild);
				const tasks = page.getByTestId('plugin-tasks');
				await page.getByTestId('switch-tasks').click();
				await expect.poll(() => tasks.getAttribute('data-state')).toBe('off');
				expect(container.plugins.stateOf('tasks', guild)?.state).toBe('off');
				expect(container.plugins.stateOf('tasks')?.state).toBe('active');
				await page.getByTestId('plugin-scope').selectOption('');
				await expect.poll(() => tasks.getAttribute('data-state')).toBe('active');
				await page.getByTestId('reload-tasks').click();
				await expect.poll(() => page.getByTestId('plugin-notice').textContent()).toContain('tasks');
				expect(await fitsWidth()).toBe(true);
			} finally {
				await close();
			}
		}, 120_000);
	});
});
