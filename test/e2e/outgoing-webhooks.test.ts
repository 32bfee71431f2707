// Outgoing notifications against a local stand-in of Discord's webhooks and n8n: delivery, retry after a 500, grouping, 429s waited out.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { container } from '@sapphire/framework';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually, startTestBot, withCommandOpenToEveryone, type TestBot } from '../support/bot.ts';

interface Received {
	path: string;
	body: { embeds?: { title: string; description?: string; footer?: { text: string } }[]; event?: string; guildId?: string; data?: Record<string, unknown> };
	at: number;
}
interface Answer {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

const apiKey = 'outgoing-webhooks-key-0123456789';

/** Records every POST; answers what a test scripted for that path (first in, first out), else 204 as Discord does. */
function standIn() {
	const received: Received[] = [];
	const scripted = new Map<string, Answer[]>();
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const path = request.url ?? '/';
			received.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Received['body'], at: Date.now() });
			const answer = scripted.get(path)?.shift() ?? { status: 204 };
			response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
			response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
		});
	});
	return { server, received, script: (path: string, ...answers: Answer[]) => scripted.set(path, answers) };
}

/** In process always; through BullMQ too when TEST_REDIS_URL is set. */
const backends = [{ queue: 'in-process', redis: false }, ...(process.env.TEST_REDIS_URL ? [{ queue: 'BullMQ', redis: true }] : [])];

describe.each(backends)('outgoing notifications: Discord webhooks and n8n triggers ($queue queue)', ({ redis }) => {
	let bot: TestBot;
	let root: string;
	const hook = standIn();
	let base: string;
	const on = (path: string) => hook.received.filter((request) => request.path === path);
	/** The requests to `path` once there are `count` of them. */
	const arrived = (path: string, count: number, timeoutMs?: number) => eventually(() => (on(path).length >= count ? on(path) : undefined), timeoutMs);

	beforeAll(async () => {
		hook.server.listen(0, '127.0.0.1');
		await once(hook.server as Server, 'listening');
		base = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}`;
		bot = await startTestBot({
			plugins: ['team', 'admin', 'tasks', 'planning'],
			redis,
			env: {
				API_KEYS: apiKey,
				DISCORD_LOG_WEBHOOK_URL: `${base}/log`,
				DISCORD_ALERTS_WEBHOOK_URL: `${base}/alerts`,
				N8N_EVENTS_URL: `${base}/n8n`,
				NOTIFY_GROUP_WINDOW_SECONDS: '1'
			},
			// Error lines are forwarded as they are logged: the logger must not be silent.
			logDestination: { write: () => undefined }
		});
		root = bot.monster.apiUrl.replace(/\/api$/, '');
	});
	afterAll(async () => {
		await bot?.stop();
		hook.server.close();
	});
	beforeEach(() => void hook.received.splice(0));

	it('triggers n8n on a task created through the API, with what was created', async () => {
		const created = await fetch(`${root}/api/discord/task`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
			body: JSON.stringify({ title: 'Livrer le ciment' })
		});
		expect(created.status).toBe(201);
		const [trigger] = await arrived('/n8n', 1);
		expect(trigger!.body).toMatchObject({ event: 'task.created', guildId: bot.server.guild.id, data: { title: 'Livrer le ciment', status: 'a_faire' } });
	});

	it('posts a refused command to the log webhook', async () => {
		const alice = bot.server.guild.members.alice!;
		await withCommandOpenToEveryone(bot.server, 'plugins', async () => (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'disable', options: { plugin: 'tasks' }, userId: alice })).reply());
		const [posted] = await arrived('/log', 1);
		expect(posted!.body.embeds![0]!.title).toContain('/plugins');
		expect(posted!.body.embeds![0]!.description).toContain(`<@${alice}>`);
	});

	it('retries a delivery that got a 500, and delivers it once', async () => {
		hook.script('/log', { status: 500, body: { message: 'upstream down' } });
		container.pino.error({ err: new Error('disk quota exceeded'), component: 'probe' }, 'Backup failed');
		const [failed, delivered] = await arrived('/log', 2);
		expect(delivered!.body).toEqual(failed!.body);
		expect(delivered!.body.embeds![0]!.title).toContain('Backup failed');
		expect(delivered!.body.embeds![0]!.description).toBe('disk quota exceeded');
	});

	it('groups identical errors: the first at once, the repeats as one "×N" message', async () => {
		for (let i = 0; i < 5; i++) container.pino.fatal({ err: new Error('connection refused') }, 'Cannot reach the database');
		const [first, repeats] = await arrived('/log', 2);
		expect(first!.body.embeds![0]!.title).not.toContain('×');
		expect(repeats!.body.embeds![0]!.title).toContain('Cannot reach the database ×4');
		expect(repeats!.body.embeds![0]!.footer!.text).toContain('4 fois');
	});

	it('waits out a 429 for as long as Discord says before sending to that webhook again', async () => {
		hook.script('/alerts', { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.4, global: false } });
		bot.write('failing/plugin.ts', `import { definePlugin } from '#core/plugin-kit.ts';\nexport default definePlugin({ name: 'failing', version: '1.0.0', description: 'A task that fails.' });\n`);
		bot.write('failing/scheduled-tasks/doomed.ts', `import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
export class DoomedTask extends ScheduledTask {
	public constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options, retry: { attempts: 1 } } as ScheduledTask.Options);
	}

	public override async run() {
		throw new Error('no route to the supplier');
	}
}
`);
		await bot.monster.host.load('failing');
		// No retry of the task (attempts: 1): this failure is its last try, which alerts.
		await bot.monster.scheduler.runNow('failing.doomed');
		const [limited, retried] = await arrived('/alerts', 2, 10_000);
		expect(limited!.body.embeds![0]!.title).toContain('doomed');
		expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(400);
		expect(retried!.body).toEqual(limited!.body);
	});
});
