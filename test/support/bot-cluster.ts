/** Several bot processes, each owning one gateway shard, on the local Discord server and one real PostgreSQL and Redis (tests and bench/scale.ts). */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { SHARDED_GUILD_COUNT, shardOfGuild, startDiscordServer, type DiscordServer, type SeededGuild } from '../../emulator/index.ts';
import { eventually } from './bot.ts';
import { projectRoot, startBotProcess, type BotProcess } from './bot-process.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

export interface ClusterProcess {
	shard: number;
	bot: BotProcess;
	/** `http://127.0.0.1:PORT/api`, read from its log once it listens. */
	apiUrl: string;
}

export interface BotCluster {
	server: DiscordServer;
	database: TestDatabase;
	redisPrefix: string;
	processes: ClusterProcess[];
	/** The process whose shard receives this guild's events. */
	processOf(guild: SeededGuild): ClusterProcess;
	/** Starts the process of shard `shard` (again, after `stopProcess`), and waits until it is connected. */
	startProcess(shard: number): Promise<ClusterProcess>;
	/** Starts a process holding no shard (`PROCESS_ROLE=api`): the HTTP API only, Discord through REST. */
	startApiProcess(env?: Record<string, string>): Promise<{ bot: BotProcess; apiUrl: string }>;
	/** SIGTERM (a rolling restart, `docker stop`) or SIGKILL (a crash); resolves once it has exited. */
	stopProcess(shard: number, signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
	stop(): Promise<void>;
}

export interface BotClusterOptions {
	processes: number;
	/** Plugins of the project's plugins folder to load, copied into a throwaway plugins folder. */
	plugins?: string[];
	/** Extra plugin folders to copy in, by path (test fixtures). */
	pluginFolders?: string[];
	env?: Record<string, string>;
}

/** Runs `processes` bots against one local Discord seeded with SHARDED_GUILD_COUNT guilds: SHARD_COUNT = processes, one shard each. */
export async function startBotCluster(options: BotClusterOptions): Promise<BotCluster> {
	const redisUrl = process.env.TEST_REDIS_URL;
	if (!redisUrl) throw new Error('TEST_REDIS_URL is not set');
	const server = await startDiscordServer({ seed: { guildCount: SHARDED_GUILD_COUNT } });
	const database = await createTestDatabase('postgres');
	const redisPrefix = `test-${randomBytes(4).toString('hex')}`;
	// Inside the project tree, so plugins resolve the project's packages.
	const pluginsDir = join(projectRoot, 'test', '.tmp', `cluster-plugins-${randomBytes(4).toString('hex')}`);
	mkdirSync(pluginsDir, { recursive: true });
	for (const plugin of options.plugins ?? ['team', 'admin', 'tasks', 'monitoring', 'planning']) cpSync(join(projectRoot, 'plugins', plugin), join(pluginsDir, plugin), { recursive: true });
	for (const folder of options.pluginFolders ?? []) cpSync(folder, join(pluginsDir, folder.split('/').filter(Boolean).pop()!), { recursive: true });
	const env = {
		DISCORD_TOKEN: server.token,
		DISCORD_API_URL: server.apiUrl,
		DISCORD_GUILD_IDS: server.guilds.map((guild) => guild.id).join(','),
		DATABASE_URL: database.url!,
		REDIS_URL: redisUrl,
		REDIS_PREFIX: redisPrefix,
		SHARD_COUNT: String(options.processes),
		PLUGINS_DIR: pluginsDir,
		BOT_OWNER_IDS: server.guild.members.admin!,
		...options.env
	};
	const processes: ClusterProcess[] = [];
	const apiProcesses: BotProcess[] = [];

	/** Processes the test itself stops: any other exit is a crash, and its output is the only trace of why. */
	const stopping = new Set<BotProcess>();
	const launch = async (processEnv: Record<string, string>) => {
		const bot = startBotProcess({ env: processEnv });
		void bot.exited.then((code) => {
			if (!stopping.has(bot)) console.error(`cluster process (${processEnv.SHARD_IDS ? `shard ${processEnv.SHARD_IDS}` : processEnv.PROCESS_ROLE}) exited by itself (code ${code}); its last output:\n${bot.output().slice(-4000)}`);
		});
		try {
			await bot.waitForOutput('HTTP API listening', { timeoutMs: 120_000 });
		} catch (error) {
			stopping.add(bot);
			await bot.kill();
			throw error;
		}
		return { bot, apiUrl: String(bot.logged('HTTP API listening')!.api) };
	};
	const startProcess = async (shard: number): Promise<ClusterProcess> => {
		const started = { shard, ...(await launch({ ...env, SHARD_IDS: String(shard) })) };
		processes[shard] = started;
		return started;
	};

	try {
		// One after the other: the first migrates the database, and two cores are shared by every test.
		for (let shard = 0; shard < options.processes; shard += 1) await startProcess(shard);
		// Every guild has its commands: registered once, by whichever process took the lock.
		await eventually(() => server.guilds.every((guild) => server.state.findCommand('ping', guild.id)), 60_000);
	} catch (error) {
		for (const entry of processes) stopping.add(entry.bot);
		await Promise.all(processes.map((entry) => entry.bot.kill()));
		await server.stop();
		await database.destroy();
		rmSync(pluginsDir, { recursive: true, force: true });
		throw error;
	}

	return {
		server,
		database,
		redisPrefix,
		processes,
		processOf: (guild) => processes[shardOfGuild(guild.id, options.processes)]!,
		startProcess,
		async startApiProcess(extra = {}) {
			const started = await launch({ ...env, PROCESS_ROLE: 'api', ...extra });
			apiProcesses.push(started.bot);
			return started;
		},
		async stopProcess(shard, signal) {
			const entry = processes[shard]!;
			stopping.add(entry.bot);
			entry.bot.child.kill(signal);
			await entry.bot.exited;
		},
		async stop() {
			for (const bot of [...processes.map((entry) => entry.bot), ...apiProcesses]) stopping.add(bot);
			await Promise.all([...processes.map((entry) => entry.bot.kill()), ...apiProcesses.map((bot) => bot.kill())]);
			await server.stop();
			await database.destroy();
			rmSync(pluginsDir, { recursive: true, force: true });
			// Leave nothing of this run in the shared Redis: its prefixed keys and its task queue.
			const redis = new Redis(redisUrl);
			try {
				for (const pattern of [`${redisPrefix}:*`, `bull:${redisPrefix}-*`]) {
					let cursor = '0';
					do {
						const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
						cursor = next;
						if (keys.length > 0) await redis.del(...keys);
					} while (cursor !== '0');
				}
			} finally {
				redis.disconnect();
			}
		}
	};
}
