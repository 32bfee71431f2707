import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../support/databases.ts';
import { startDiscordServer, type DiscordServer } from '../../emulator/index.ts';
import { eventually } from '../support/bot.ts';
import { projectRoot, startBotProcess, type BotProcess } from '../support/bot-process.ts';

const redisUrl = process.env.TEST_REDIS_URL;

const startBot = (env: Record<string, string>, args: string[] = []) => startBotProcess({ env, args });
const apiUrlOf = (bot: BotProcess) => bot.logged('HTTP API listening')?.api as string | undefined;

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe('starting the bot as a user does', () => {
	let bot: BotProcess | undefined;
	let scratchDir: string | undefined;
	let server: DiscordServer | undefined;
	let database: TestDatabase | undefined;
	afterEach(async () => {
		await bot?.kill();
		await server?.stop();
		await database?.destroy();
		if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
		bot = server = database = scratchDir = undefined;
	});

	it('starts in sandbox mode without a token, says so, and stops cleanly on SIGTERM', async () => {
		scratchDir = mkdtempSync(join(tmpdir(), 'monster-sandbox-'));
		bot = startBot({ DATA_DIR: scratchDir }, ['--without-plugin', 'planning']);
		const api = await eventually(() => apiUrlOf(bot!), 120_000);
		const sandbox = bot.logged('SANDBOX MODE')!;
		expect(sandbox.msg).toContain('DISCORD_TOKEN');
		expect(sandbox).toMatchObject({ guild: 'Monster Sandbox', discordApi: expect.stringContaining('http://127.0.0.1:') });
		const health = (await (await fetch(`${api}/health`)).json()) as { plugins: Record<string, string>; database: boolean };
		expect(health).toMatchObject({ database: true, plugins: { planning: 'skipped', team: 'active', admin: 'active' } });
		bot.child.kill('SIGTERM');
		expect(await bot.exited).toBe(0);
	}, 180_000);

	it('stops the bot when a process manager sends SIGTERM to `npm start`', async () => {
		scratchDir = mkdtempSync(join(tmpdir(), 'monster-sandbox-'));
		bot = startBotProcess({ npmScript: 'start', env: { DATA_DIR: scratchDir }, args: ['--without-plugin', 'team'] });
		const listening = await eventually(() => bot!.logged('HTTP API listening'), 120_000);
		const botPid = listening.pid as number;
		expect(botPid).not.toBe(bot.child.pid);
		bot.child.kill('SIGTERM');
		await bot.exited;
		try {
			await eventually(() => !isRunning(botPid), 30_000);
		} finally {
			if (isRunning(botPid)) process.kill(botPid, 'SIGKILL');
		}
	}, 180_000);

	it('logs an unreachable gateway a few times, not once per retry, and stops on SIGTERM though login never ends', async () => {
		server = await startDiscordServer();
		server.gateway.refusing = true;
		scratchDir = mkdtempSync(join(tmpdir(), 'monster-gateway-'));
		bot = startBot(
			{ DISCORD_TOKEN: server.token, DISCORD_API_URL: server.apiUrl, DISCORD_GUILD_IDS: server.guild.id, DATA_DIR: scratchDir },
			['--without-plugin', 'team']
		);
		await eventually(() => server!.gateway.refusedConnections >= 32, 90_000);
		const gatewayLines = bot.lines.filter((line) => line.component === 'gateway');
		expect(gatewayLines.map((line) => line.msg)).toContain('Discord gateway connection lost; reconnecting');
		expect(gatewayLines.length).toBeLessThan(server.gateway.refusedConnections / 2);

		bot.child.kill('SIGTERM');
		expect(await bot.exited).toBe(0);
		expect(bot.logged('Shutdown did not finish in time')).toBeUndefined();
	}, 150_000);

	it('first says the mode, guilds and Discord API, and names DISCORD_API_URL when that API cannot be reached', async () => {
		scratchDir = mkdtempSync(join(tmpdir(), 'monster-unreachable-'));
		// Port 9 (discard) is closed on a test machine: the connection is refused.
		const discordApi = 'http://127.0.0.1:9/api';
		bot = startBot({ DISCORD_TOKEN: 'not.a.token', DISCORD_API_URL: discordApi, DISCORD_GUILD_IDS: '123456789012345678', DATA_DIR: scratchDir }, [
			'--without-plugin',
			'team'
		]);
		expect(await bot.exited).toBe(1);
		expect(bot.lines[0]).toMatchObject({ mode: 'discord', discordApi, guilds: ['123456789012345678'] });
		expect(bot.output()).toContain(`DISCORD_API_URL: the Discord API at ${discordApi} cannot be reached (connect ECONNREFUSED 127.0.0.1:9)`);
		expect(bot.output()).not.toMatch(/^\s+at /m);
	}, 180_000);

	it('refuses a bad configuration with one line naming the variable', async () => {
		bot = startBot({ API_PORT: 'port', LOCALE_DEFAULT: 'de' });
		expect(await bot.exited).toBe(1);
		expect(bot.output()).toMatch(/API_PORT: .*"port"/);
		expect(bot.output()).toMatch(/LOCALE_DEFAULT: /);
		expect(bot.output()).not.toMatch(/at .*\.ts:\d+/);
	}, 30_000);

	it('refuses a busy API port with one line naming API_PORT and the port', async () => {
		const squatter = createServer();
		await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
		const { port } = squatter.address() as AddressInfo;
		try {
			scratchDir = mkdtempSync(join(tmpdir(), 'monster-sandbox-'));
			bot = startBot({ DATA_DIR: scratchDir, API_PORT: String(port) });
			expect(await bot.exited).toBe(1);
		} finally {
			squatter.close();
		}
		expect(bot.output()).toContain(`API_PORT: port ${port} on 127.0.0.1 is already in use`);
		expect(bot.output()).not.toMatch(/^\s+at /m);
	}, 90_000);

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
			await eventually(() => bot!.logged('Application commands synced'), 60_000);
			expect(bot.logged('SANDBOX MODE')).toBeUndefined();
			expect(bot.logged('Database ready')).toMatchObject({ database: 'postgres' });
			const reply = await (await server.sendSlashCommand({ name: 'ping' })).reply();
			expect(reply.embeds[0]?.title).toContain('Pong');

			writeFileSync(join(pluginsDir, 'team', 'text.ts'), (await import('node:fs')).readFileSync(join(pluginsDir, 'team', 'text.ts'), 'utf8').replace("pongTitle: 'Pong !'", "pongTitle: 'Pong v2 !'"));
			await eventually(() => bot!.logged('Plugin reloaded'), 10_000);
			expect((await (await server.sendSlashCommand({ name: 'ping' })).reply()).embeds[0]?.title).toContain('Pong v2');
			bot.child.kill('SIGTERM');
			expect(await bot.exited).toBe(0);
		},
		90_000
	);
});
