// The dashboard's sandbox chat end to end: its API (/api/sandbox/...) by fetch, live feed included, then the chat page in headless Chromium at 360 px.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { container } from '@sapphire/framework';
import { Validator } from '@seriousme/openapi-schema-validator';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard, dashboardIsStale } from '../../scripts/build-dashboard.ts';
import { tasks } from '../../plugins/tasks/schema.ts';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';
import { chromiumPath, openPhoneBrowser, screenshotsFolder } from '../support/chromium.ts';


interface ChatMessage {
	id: string;
	channelId: string;
	author: { id: string; name: string; bot: boolean };
	content: string;
	ephemeral: boolean;
	loading: boolean;
	embeds: { title?: string; description?: string }[];
	components: { type: number; components?: { type: number; custom_id?: string; label?: string }[] }[];
}
type FeedEvent = { kind: 'create' | 'update'; message: ChatMessage } | { kind: 'delete'; id: string } | { kind: 'channels' };

/** Reads a Server-Sent Events stream, keeping every event received. */
async function openFeed(url: string, cookie: string) {
	const controller = new AbortController();
	const response = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
	const events: FeedEvent[] = [];
	const reading = (async () => {
		const decoder = new TextDecoder();
		let buffer = '';
		for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
			buffer += decoder.decode(chunk, { stream: true });
			let end: number;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const data = block.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
				if (data) events.push(JSON.parse(data) as FeedEvent);
			}
		}
	})().catch(() => undefined);
	return { response, events, close: () => controller.abort(), reading };
}

describe('dashboard sandbox chat', () => {
	let bot: TestBot;
	let base: string;
	let cookie: string;
	let csrf: string;

	beforeAll(async () => {
		if (dashboardIsStale()) await buildDashboard();
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks'], sandboxSignIn: true, logDestination: { write: () => undefined } });
		base = new URL(bot.monster.apiUrl).origin;
		const response = await fetch(`${base}/api/session/sandbox`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		cookie = response.headers.get('set-cookie')!.split(';')[0]!;
		csrf = ((await response.json()) as { csrf: string }).csrf;
	});
	afterAll(() => bot?.stop());

	const call = async <T>(path: string, body?: unknown): Promise<{ status: number; json: T }> => {
		const response = await fetch(`${base}${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			...(body === undefined ? {} : { body: JSON.stringify(body) })
		});
		return { status: response.status, json: (await response.json()) as T };
	};

	it('lists the server, posts as a member, runs commands, clicks buttons and answers forms; the feed sends every change', async () => {
		const { server } = bot;
		const alice = server.guild.members.alice!;
		const general = server.guild.channels.general!;
		const world = await call<{ channels: { id: string; name: string }[]; members: { id: string; key?: string }[]; commands: { name: string }[] }>('/api/sandbox');
		expect(world.status).toBe(200);
		expect(world.json.channels.map((channel) => channel.id)).toContain(general);
		expect(world.json.members.find((member) => member.key === 'alice')?.id).toBe(alice);
		expect(world.json.commands.map((command) => command.name)).toEqual(expect.arrayContaining(['tache', 'taches']));

		const feed = await openFeed(`${base}/api/sandbox/events`, cookie);
		expect(feed.response.headers.get('content-type')).toContain('text/event-stream');
		try {
			const posted = await call<ChatMessage>('/api/sandbox/messages', { channelId: general, userId: alice, content: `Salut <@${server.guild.members.admin}>` });
			expect(posted.status).toBe(201);
			expect(posted.json.author.id).toBe(alice);
			await eventually(() => feed.events.some((event) => event.kind === 'create' && event.message.id === posted.json.id));

			const help = await call<{ help: string }>('/api/sandbox/commands', { channelId: general, userId: alice, line: '/tach titre:x' });
			expect(help.json.help).toContain('/tache');
			// The names a French Discord client shows are taken as it takes them; a wrong one points to a name that works.
			const localized = await call<{ answered: boolean }>('/api/sandbox/commands', { channelId: general, userId: alice, line: '/aide commande:tache' });
			expect(localized.json.answered).toBe(true);
			await eventually(() => feed.events.some((event) => event.kind === 'create' && event.message.embeds.some((embed) => embed.title === 'ℹ️ Aide : /tache')));
			const unknown = await call<{ help: string }>('/api/sandbox/commands', { channelId: general, userId: alice, line: '/xyz' });
			expect(unknown.json.help).toBe('/xyz n’est pas une commande ici (/aide les liste).');
			const english = await call<{ help: string }>('/api/sandbox/commands', { channelId: general, userId: alice, locale: 'en', line: '/xyz' });
			expect(english.json.help).toBe('/xyz is not a command here (/help lists them).');
			const created = await call<{ interactionId: string; answered: boolean }>('/api/sandbox/commands', {
				channelId: general,
				userId: alice,
				line: '/tache titre:"Poser le placo" priorite:haute'
			});
			expect(created.status).toBe(200);
			expect(created.json.answered).toBe(true);
			await eventually(() => feed.events.some((event) => (event.kind === 'create' || event.kind === 'update') && event.message.author.bot && JSON.stringify(event.message).includes('Poser le placo')));

			// What Discord's client would not send is refused, and said in the member's language with the names their client shows.
			const refused = await call<{ error: string }>('/api/sandbox/commands', { channelId: general, userId: alice, line: '/tache titre:x priorite:moyenne' });
			expect(refused.status).toBe(400);
			expect(refused.json.error).toBe('/tache : « moyenne » n’est pas un choix de l’option « priorite » (au choix : Basse, Normale, Haute, Urgente)');
			const refusedInEnglish = await call<{ error: string }>('/api/sandbox/commands', { channelId: general, userId: alice, locale: 'en', line: '/tache titre:x priorite:moyenne' });
			expect(refusedInEnglish.json.error).toBe('/task: "moyenne" is not a choice of option "priority" (one of: Low, Normal, High, Urgent)');
			const missing = await call<{ error: string }>('/api/sandbox/commands', { channelId: general, userId: alice, locale: 'en', line: '/done' });
			expect(missing.json.error).toBe('/done: the required option task is missing');
			// A choice is typed by the name the member's client shows.
			const chosen = await call<{ answered: boolean }>('/api/sandbox/commands', { channelId: general, userId: alice, locale: 'en', line: '/task title:"Poser la porte" priority:high' });
			expect(chosen.json.answered).toBe(true);
			expect(await eventually(() => container.db.select().from(tasks).where(eq(tasks.title, 'Poser la porte')).then(([task]) => task?.priority))).toBe('haute');
			// A command Discord hides from the member is refused when run, and not listed for them.
			const hidden = await call<{ error: string }>('/api/sandbox/commands', { channelId: general, userId: alice, line: '/creerchantier code:CH-9 nom:Essai' });
			expect(hidden.json.error).toBe('/creerchantier demande la permission « Gérer les salons » : Discord ne vous la propose pas');
			const commandsOf = async (query: string) => (await call<{ commands: { name: string }[] }>(`/api/sandbox?${query}`)).json.commands.map((command) => command.name);
			expect(await commandsOf(`userId=${alice}&channelId=${general}`)).toEqual(expect.arrayContaining(['tache', 'taches']));
			expect(await commandsOf(`userId=${alice}&channelId=${general}`)).not.toContain('creerchantier');
			expect(await commandsOf('')).toContain('creerchantier');
			expect(await commandsOf(`userId=${server.guild.members.admin}&channelId=${general}&locale=en`)).toEqual(expect.arrayContaining(['task', 'newsite']));
			// What a member's Discord would not let them do is refused, and said in the page's language.
			const outsider = await call<{ error: string }>('/api/sandbox/commands', { channelId: general, userId: '123456789012345678', line: '/taches' });
			expect(outsider).toEqual({ status: 400, json: { error: `Vous n’êtes pas membre de ${server.guild.name} : Discord ne vous en montre pas les salons` } });
			const gone = await call<{ error: string }>('/api/sandbox/messages/123456789012345678/buttons', { customId: 'nope', userId: alice });
			expect(gone).toEqual({ status: 400, json: { error: 'Ce message n’existe plus' } });
			const inCategory = await call<{ error: string }>('/api/sandbox/messages', { channelId: server.guild.channels.generalCategory, userId: alice, locale: 'en', content: 'ici ?' });
			expect(inCategory).toEqual({ status: 400, json: { error: '#Général is a category: Discord lets nobody post or run a command there' } });
			// A channel changed (as when a chantier's channels are made): the page is told to read the server again.
			await server.dispatch('CHANNEL_UPDATE', { ...server.state.channels.get(general)! });
			await eventually(() => feed.events.some((event) => event.kind === 'channels'));
			const history = await call<{ messages: ChatMessage[] }>(`/api/sandbox/channels/${general}/messages?limit=10`);
			expect(history.json.messages.map((message) => message.id)).toContain(posted.json.id);
		} finally {
			feed.close();
			await feed.reading;
		}

		// Without the session, or without its CSRF token, nothing moves.
		expect((await fetch(`${base}/api/sandbox/messages`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' })).status).toBe(403);
		const openapi = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, unknown> };
		const validation = await new Validator().validate(openapi as unknown as Record<string, unknown>);
		expect(validation.errors, JSON.stringify(validation.errors)).toBeUndefined();
		expect(Object.keys(openapi.paths)).toEqual(
			expect.arrayContaining(['/api/sandbox', '/api/sandbox/events', '/api/sandbox/commands', '/api/sandbox/messages', '/api/sandbox/messages/{messageId}/buttons', '/api/sandbox/modals'])
		);
	});

	describe.skipIf(!existsSync(chromiumPath))(`in headless Chromium (${chromiumPath}; skipped when absent: apt-get install -y chromium)`, () => {
		it('runs /ping, creates a task through its form, pages /taches, and sees a switched-off plugin refused; fits 360 px; screenshots kept', async () => {
			const { server } = bot;
			// Enough open tasks for two pages of /taches (8 a page), made as a member would.
			for (let index = 1; index <= 9; index += 1) {
				const handle = await server.sendSlashCommand({ name: 'tache', options: { titre: `Tâche de remplissage ${index}` }, userId: server.guild.members.admin });
				await handle.reply(15_000);
			}
			const { page, close } = await openPhoneBrowser();
			try {
				const fitsWidth = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
				await page.goto(`${base}/dashboard`);
				await page.getByTestId('sandbox-sign-in').click();
				await page.getByRole('link', { name: 'Chat (bac à sable)' }).click();
				await expect.poll(() => page.getByTestId('chat-live').textContent()).toBe('En direct');
				const messages = page.getByTestId('chat-message');
				const input = page.getByTestId('chat-input');
				const say = async (text: string) => {
					await input.fill(text);
					await input.press('Enter');
				};

				// The admin (the composer's default member) pings; the bot's answer arrives on the feed.
				// Sent with the button (disabled once the line is empty), the focus stays on the line.
				await input.fill('/ping');
				await page.getByTestId('chat-send').click();
				await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('chat-input');
				await messages.filter({ hasText: 'Pong' }).first().waitFor();
				expect(await messages.filter({ hasText: 'Pong' }).first().getAttribute('data-author')).toBe(server.botUser.username);
				expect(await fitsWidth()).toBe(true);
				await page.screenshot({ path: join(screenshotsFolder, 'chat-ping.png'), fullPage: true });

				// /tache without a title opens the bot's form in a dialog; submitting it creates the task.
				await say('/tache');
				const form = page.getByTestId('chat-modal');
				await form.waitFor();
				await form.getByLabel('Intitulé').fill('Commander les fenêtres');
				await page.screenshot({ path: join(screenshotsFolder, 'chat-modal.png'), fullPage: true });
				await page.getByTestId('chat-modal-submit').click();
				await messages.filter({ hasText: 'Tâche créée : Commander les fenêtres' }).first().waitFor();
				await form.waitFor({ state: 'detached' });
				// The answered form gives the focus back to the composer it was opened from.
				await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('chat-input');
				expect(await eventually(() => container.db.select().from(tasks).where(eq(tasks.title, 'Commander les fenêtres')).then((rows) => rows.length === 1))).toBe(true);

				// /taches answers with its first page; "Suivant" edits the same message to page 2.
				await say('/taches');
				const list = messages.filter({ hasText: 'Page 1/2' }).last();
				await list.waitFor();
				const listId = await list.getAttribute('data-id');
				await list.getByRole('button', { name: 'Suivant' }).click();
				await expect.poll(() => page.locator(`[data-id="${listId}"]`).textContent()).toContain('Page 2/2');
				expect(await fitsWidth()).toBe(true);
				await page.screenshot({ path: join(screenshotsFolder, 'chat-pages.png'), fullPage: true });

				// A value Discord would refuse is not sent: the page says why, in its language.
				await say('/tache priorite:moyenne');
				await page.getByTestId('chat-note').filter({ hasText: 'Non envoyé : /tache : « moyenne » n’est pas un choix de l’option « priorite » (au choix : Basse, Normale, Haute, Urgente)' }).waitFor();

				// The composer offers a member only the commands their client shows them: Camille may create a chantier, Alice may not.
				await input.fill('/creer');
				await page.getByTestId('command-suggestions').getByText('/creerchantier').waitFor();
				await page.getByTestId('chat-member').selectOption(server.guild.members.alice!);
				await page.getByTestId('command-suggestions').waitFor({ state: 'detached' });
				await page.getByTestId('chat-member').selectOption(server.guild.members.admin!);
				await page.getByTestId('command-suggestions').getByText('/creerchantier').waitFor();
				// In English a command is listed by its English name, and found by its own name too, as it runs by it: /tache offers /task.
				await page.getByRole('button', { name: 'Language: English' }).click();
				await input.fill('/tache');
				await page.getByTestId('command-suggestions').getByText('/task', { exact: true }).waitFor();
				await page.getByRole('button', { name: 'Langue : français' }).click();
				await input.fill('');

				// The task made in the chat is in the dashboard's task table too, beside the others.
				await page.getByRole('link', { name: 'Tâches' }).click();
				await page.getByTestId('task-table').locator('tr', { hasText: 'Commander les fenêtres' }).waitFor();
				await page.screenshot({ path: join(screenshotsFolder, 'chat-task-in-table.png'), fullPage: true });

				// Switched off on the Plugins page, the tasks plugin's command is refused in the chat.
				await page.getByRole('link', { name: 'Plugins' }).click();
				await page.getByTestId('switch-tasks').click();
				await expect.poll(() => page.getByTestId('plugin-tasks').getAttribute('data-state')).toBe('off');
				await page.getByRole('link', { name: 'Chat (bac à sable)' }).click();
				await expect.poll(() => page.getByTestId('chat-live').textContent()).toBe('En direct');
				await say('/taches');
				const refusal = page.locator('[data-testid="chat-note"], [data-testid="chat-message"].is-ephemeral').filter({ hasText: /désactivé|n’est pas une commande|is not a command/ });
				await refusal.last().waitFor();
				expect(await fitsWidth()).toBe(true);
				await page.screenshot({ path: join(screenshotsFolder, 'chat-refused.png'), fullPage: true });
			} finally {
				await close();
			}
		}, 180_000);
	});
});
