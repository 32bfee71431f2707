import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../support/databases.ts';
import { startDiscordServer, type DiscordServer } from '../../emulator/index.ts';
import { eventually } from '../support/bot.ts';

const projectRoot = join(import.meta.dirname, '../..');
const redisUrl = process.env.TEST_REDIS_URL;

interface Started {
	child: ChildProcess;
	lines: Record<string, unknown>[];
	output: () => string;
	exited: Promise<number | null>;
}

/** Runs `npm start` as a user would (tsx core/main.ts), with the given environment and arguments. */
function startBot(env: Record<string, string>, args: string[] = []): Started {
	const child = spawn(process.execPath, ['--import', 'tsx', 'core/main.ts', ...args], {
		cwd: projectRoot,
		env: { PATH: process.env.PATH, LOG_LEVEL: 'info', API_PORT: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let text = '';
	const lines: Record<string, unknown>[] = [];
	const collect = (chunk: Buffer) => {
		text += chunk.toString();
		const complete = text.split('\n');
		for (const line of complete.slice(lines.length, -1)) {
			try {
				lines.push(JSON.parse(line) as Record<string, unknown>);
			} catch {
				lines.push({ msg: line });
			}
		}
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
	return { child, lines, output: () => text, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

const logged = (bot: Started, message: string) => bot.lines.find((line) => typeof line.msg === 'string' && line.msg.includes(message));
const apiUrlOf = (bot: Started) => logged(bot, 'HTTP API listening')?.api as string | undefined;

describe('starting the bot as a user does', () => {
	let bot: Started | undefined;
	let scratchDir: string | undefined;
	let server: DiscordServer | undefined;
	let database: TestDatabase | undefined;
	afterEach(async () => {
		if (bot && bot.child.exitCode === null) {
			bot.child.kill('SIGKILL');
			await bot.exited;
		}
		await server?.stop();
		await database?.destroy();
		if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
		bot = server = database = scratchDir = undefined;
	});

	it('starts in sandbox mode without a token, says so, and stops cleanly on SIGTERM', async () => {
		scratchDir = mkdtempSync(join(tmpdir(), 'monster-sandbox-'));
		bot = startBot({ DATA_DIR: scratchDir }, ['--without-plugin', 'planning']);
		const api = await eventually(() => apiUrlOf(bot!), 60_000);
		const sandbox = logged(bot, 'SANDBOX MODE')!;
		expect(sandbox.msg).toContain('DISCORD_TOKEN');
		expect(sandbox).toMatchObject({ guild: 'Monster Sandbox', discordApi: expect.stringContaining('http://127.0.0.1:') });
		const health = (await (await fetch(`${api}/health`)).json()) as { plugins: Record<string, string>; database: boolean };
		expect(health).toMatchObject({ database: true, plugins: { planning: 'skipped', team: 'active', admin: 'active' } });
		bot.child.kill('SIGTERM');
		expect(await bot.exited).toBe(0);
	}, 90_000);

	it('refuses a bad configuration with one line naming the variable', async () => {
		bot = startBot({ API_PORT: 'port', LOCALE_DEFAULT: 'de' });
		expect(await bot.exited).toBe(1);
		expect(bot.output()).toMatch(/API_PORT: .*"port"/);
		expect(bot.output()).toMatch(/LOCALE_DEFAULT: /);
		expect(bot.output()).not.toMatch(/at .*\.ts:\d+/);
	}, 30_000);

	it.skipIf(!testPostgresUrl || !redisUrl)(
		'runs for real with DISCORD_TOKEN, DATABASE_URL and REDIS_URL, and reloads a plugin edited on disk with polling',
		async () => {
			server = await startDiscordServer();
			database = await createTestDatabase('postgres', { migrate: false });
			const pluginsDir = mkdtempSync(join(projectRoot, 'test', '.tmp', 'start-up-'));
			scratchDir = pluginsDir;
			for (const plugin of ['team', 'admin']) cpSync(join(projectRoot, 'plugins', plugin), join(pluginsDir, plugin), { recursive: true });
			bot = startBot({
				DISCORD_TOKEN: server.token,
				DISCORD_API_URL: server.apiUrl,
				DISCORD_GUILD_IDS: server.guild.id,
				DATABASE_URL: database.url!,
				REDIS_URL: redisUrl!,
				REDIS_PREFIX: `start-up-${process.pid}`,
				PLUGINS_DIR: pluginsDir,
				PLUGINS_POLLING: 'true'
			});
			await eventually(() => logged(bot!, 'Application commands synced'), 60_000);
			expect(logged(bot, 'SANDBOX MODE')).toBeUndefined();
			expect(logged(bot, 'Database ready')).toMatchObject({ database: 'postgres' });
			const reply = await (await server.sendSlashCommand({ name: 'ping' })).reply();
			expect(reply.embeds[0]?.title).toContain('Pong');

			writeFileSync(join(pluginsDir, 'team', 'text.ts'), (await import('node:fs')).readFileSync(join(pluginsDir, 'team', 'text.ts'), 'utf8').replace("pongTitle: 'Pong !'", "pongTitle: 'Pong v2 !'"));
			await eventually(() => logged(bot!, 'Plugin reloaded'), 10_000);
			expect((await (await server.sendSlashCommand({ name: 'ping' })).reply()).embeds[0]?.title).toContain('Pong v2');
			bot.child.kill('SIGTERM');
			expect(await bot.exited).toBe(0);
		},
		90_000
	);
});
