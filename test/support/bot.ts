import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { container } from '@sapphire/framework';
import { ApplicationCommandPermissionType } from 'discord.js';
import { startMonster, type Monster } from '../../core/app.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/log.ts';
import { LogRing } from '../../core/log-ring.ts';
import { createTestDatabase, type BackendKind, type TestDatabase } from './databases.ts';
import { startDiscordServer, type DiscordServer } from '../../emulator/index.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface TestBotOptions {
	/** Plugins copied from the project's `plugins/` folder (default: team and admin). */
	plugins?: string[];
	/** Extra plugin folders to copy in, by path (e.g. test fixtures). */
	pluginFolders?: string[];
	database?: BackendKind;
	/** Use the real Redis of TEST_REDIS_URL (cache and BullMQ scheduler) instead of the in-process ones. */
	redis?: boolean;
	/** Watch the plugins folder for changes (off by default: tests then reload explicitly). */
	watch?: boolean;
	env?: Record<string, string>;
	withoutPlugins?: string[];
	/** How often the health is probed for alerts (default 30 s). */
	healthProbeMs?: number;
	/** How long a plugin may take to load before it is refused (default 30 s). */
	pluginLoadTimeoutMs?: number;
	/** How long an HTTP route may take before its caller gets a 503 (default 30 s). */
	routeTimeoutMs?: number;
	/** Sandbox mode's dashboard, as `npm start` without DISCORD_TOKEN: the one-click sign-in as the seeded admin, and the chat page's API. */
	sandboxSignIn?: boolean;
	/** Offer the dashboard's Discord sign-in (OAuth2), against the local Discord server's OAuth2 endpoints. */
	discordSignIn?: boolean;
	/** Receives the bot's log lines (JSON, info and above), for tests that check what was logged. */
	logDestination?: { write(line: string): void };
}

export interface TestBot {
	server: DiscordServer;
	monster: Monster;
	/** A throwaway plugins folder inside the project tree (so plugins resolve the project's packages). */
	pluginsDir: string;
	database: TestDatabase;
	/** Writes a file in the plugins folder, creating folders: `write('probe/commands/x.ts', code)`. */
	write(relativePath: string, content: string): void;
	copyPlugin(sourceFolder: string, name?: string): void;
	removePlugin(name: string): void;
	/** Deletes one file of a plugin: `removePiece('probe/commands/explode.ts')`. */
	removePiece(relativePath: string): void;
	stop(): Promise<void>;
}

/**
 * The bot as a member meets it: the real discord.js client, logged in to the local Discord server,
 * with a real database (PGlite, or PostgreSQL from TEST_DATABASE_URL) and its plugins on disk.
 */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
	const pluginsDir = join(projectRoot, 'test', '.tmp', `plugins-${randomBytes(4).toString('hex')}`);
	mkdirSync(pluginsDir, { recursive: true });
	const copyPlugin = (sourceFolder: string, name?: string) =>
		cpSync(sourceFolder, join(pluginsDir, name ?? sourceFolder.split('/').filter(Boolean).pop()!), { recursive: true });
	for (const plugin of options.plugins ?? ['team', 'admin']) copyPlugin(join(projectRoot, 'plugins', plugin));
	for (const folder of options.pluginFolders ?? []) copyPlugin(folder);

	const logRing = new LogRing();
	const logger = options.logDestination
		? createLogger({ level: 'info', pretty: false, destination: options.logDestination, ring: logRing })
		: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', pretty: false });
	const server = await startDiscordServer();
	const database = await createTestDatabase(options.database ?? 'pglite');
	const redisUrl = process.env.TEST_REDIS_URL;
	if (options.redis && !redisUrl) throw new Error('TEST_REDIS_URL is not set');
	const config = loadConfig({
		API_PORT: '0',
		PLUGINS_DIR: pluginsDir,
		LOG_LEVEL: 'silent',
		...(options.redis ? { REDIS_URL: redisUrl, REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}` } : {}),
		...options.env
	});
	let monster: Monster;
	try {
		monster = await startMonster({
			config,
			logger,
			logRing,
			database,
			discord: { apiUrl: server.apiUrl, token: server.token, guildIds: [server.guild.id] },
			watch: options.watch ?? false,
			withoutPlugins: options.withoutPlugins,
			healthProbeMs: options.healthProbeMs,
			pluginLoadTimeoutMs: options.pluginLoadTimeoutMs,
			routeTimeoutMs: options.routeTimeoutMs,
			sandboxAdmin: options.sandboxSignIn ? { id: server.guild.members.admin!, name: 'Camille (admin)' } : undefined,
			discordSignIn: options.discordSignIn ? { clientId: server.applicationId, clientSecret: server.oauth2.clientSecret } : undefined,
			sandboxServer: options.sandboxSignIn ? server : undefined,
			restRequestsPerSecond: 10_000
		});
		await monster.commandSync.idle();
	} catch (error) {
		await server.stop();
		await database.destroy();
		rmSync(pluginsDir, { recursive: true, force: true });
		throw error;
	}
	return {
		server,
		monster,
		pluginsDir,
		database,
		write(relativePath, content) {
			const file = join(pluginsDir, relativePath);
			mkdirSync(dirname(file), { recursive: true });
			writeFileSync(file, content);
		},
		copyPlugin,
		removePlugin(name) {
			rmSync(join(pluginsDir, name), { recursive: true, force: true });
		},
		removePiece(relativePath) {
			rmSync(join(pluginsDir, relativePath));
		},
		async stop() {
			if (options.redis) {
				// Leave nothing of this test in the shared Redis: its task queue and its prefixed keys.
				await container.tasks.client.obliterate({ force: true });
				await container.cache.deleteByPrefix('');
			}
			await monster.stop();
			await server.stop();
			await database.destroy();
			rmSync(pluginsDir, { recursive: true, force: true });
		}
	};
}

/** Polls until `check` returns a value other than undefined/false (hot reload and broadcasts are asynchronous). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) throw lastError ?? new Error(`condition not met within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

/**
 * Runs `action` while an admin has opened the command to everyone in the server's Integrations settings,
 * so that Discord offers it to members without its default permissions and what the bot refuses reaches it.
 */
export async function withCommandOpenToEveryone<T>(server: DiscordServer, name: string, action: () => Promise<T>): Promise<T> {
	server.setCommandPermissions(name, [{ id: server.guild.id, type: ApplicationCommandPermissionType.Role, permission: true }]);
	try {
		return await action();
	} finally {
		server.setCommandPermissions(name, []);
	}
}
