import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { container } from '@sapphire/framework';
import { GatewayIntentBits, Partials, Routes, type RESTGetAPIGatewayBotResult } from 'discord.js';
import type { DiscordServer } from '../emulator/index.ts';
import { MonsterClient, PinoSapphireLogger } from './bot/client.ts';
import { ApiLogWriter } from './bot/http/api-log-writer.ts';
import { registerCorePieces } from './bot/core-pieces.ts';
import { configureDiscordSignIn } from './bot/http/discord-sign-in.ts';
import { configureSessions } from './bot/http/session.ts';
import { logGatewayHealth } from './bot/gateway-log.ts';
import { reportPieceError } from './bot/piece-errors.ts';
import { coreText } from './bot/text.ts';
import { createCache } from './cache/cache.ts';
import { ConfigError, type Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { Figures } from './figures.ts';
import { coreSettingsSchema } from './guild-settings.ts';
import { CommandSync } from './host/command-sync.ts';
import { PluginHost } from './host/host.ts';
import { coreSettingsOwner, SettingsStore } from './host/settings.ts';
import { PluginSwitches } from './host/switches.ts';
import { PluginWatcher } from './host/watcher.ts';
import { localeOf, setCommandPrefix, setDefaultLocale, setServerLocaleSource, setTextProblemReporter } from './i18n.ts';
import { tapSevereLines, type Logger } from './log.ts';
import { BotEvents } from './outgoing/events.ts';
import { forwardSevereLine, OutgoingNotifier } from './outgoing/notifier.ts';
import { watchHealth } from './health.ts';
import { MemberLocales } from './member-locales.ts';
import { metricSources, metricsRegistry } from './metrics.ts';
import { MemoryTaskScheduler } from './scheduler/memory.ts';
import { publishShardFigures } from './shard-figures.ts';
import { RedisTaskScheduler } from './scheduler/redis.ts';
import type { TaskScheduler } from './scheduler/scheduler.ts';
import { LogRing } from './log-ring.ts';
import './services.ts';
import { refusalEmbed, setBotName } from './ui/embeds.ts';
import { respondWithEmbed } from './ui/respond.ts';
import { fullCollection } from './runtime/full-collection.mjs';
import { installRequestDispatcher, replacedApiListeners } from './bot/http/dispatch.ts';
import { MonsterRequest, MonsterResponse } from './bot/http/request-classes.ts';

export interface StartOptions {
	config: Config;
	logger: Logger;
	/** The logger's in-memory ring of recent lines, served by `GET /api/logs?source=process` (empty when not given). */
	logRing?: LogRing;
	/** Where Discord is: the real one, or the local server in sandbox mode and tests. */
	discord: { apiUrl: string; token: string; guildIds: string[]; shards?: ShardPlan };
	/** Plugins not to load at all (`--without-plugin`), on top of PLUGINS_DISABLED. */
	withoutPlugins?: string[];
	/** The watcher is off in tests that drive reloads themselves. */
	watch?: boolean;
	/** Sandbox mode: the dashboard's one-click sign-in signs in as this seeded admin of the local Discord server. */
	sandboxAdmin?: { id: string; name: string };
	/** The dashboard's Discord sign-in when DISCORD_CLIENT_ID/SECRET are unset: the local Discord server's OAuth2 client (sandbox, tests). */
	discordSignIn?: { clientId: string; clientSecret: string };
	/** Sandbox mode: the local Discord server, shown and driven by the dashboard's chat page (`/api/sandbox/...`). */
	sandboxServer?: DiscordServer;
	/** Raise discord.js's REST limit against the local server (it would stall every 50 calls). */
	restRequestsPerSecond?: number;
	/** An already open database (tests); otherwise opened from DATABASE_URL or DATA_DIR and closed on stop. */
	database?: Database;
	/** How often the health is probed for alerts on change (default HEALTH_PROBE_SECONDS). */
	healthProbeMs?: number;
	/** How long a plugin's import, then its onLoad, may take before it is refused (default 30 s). */
	pluginLoadTimeoutMs?: number;
	/** How long an HTTP route may take before its caller gets a 503 (default 30 s). */
	routeTimeoutMs?: number;
	/** Aborted by a shutdown during start-up: a login that hangs (gateway unreachable) is given up and all is stopped. */
	signal?: AbortSignal;
	/**
	 * Run one full garbage collection once started (`npm start`; tests leave it out, they start many bots).
	 * Start-up leaves tens of MB of garbage (module sources being compiled, migrations, the plugins' first
	 * imports) that V8 only gives back at its next full collection, which a quiet bot can put off for minutes:
	 * about 20 MB of resident memory (bench/footprint.ts, "start" against "start GC"), for one pause of tens of
	 * ms before any work.
	 */
	collectStartUpGarbage?: boolean;
}

/**
 * The gateway shards of this process. discord.js's client options `shards`/`shardCount` are used, not
 * its ShardingManager: a manager forks every shard's process from one parent on one machine, while a
 * process owning a range of shard ids (`SHARD_IDS`) can run anywhere, beside others sharing the same
 * PostgreSQL and Redis, which already carry what the processes share.
 */
export interface ShardPlan {
	/** Shards of the whole bot; `auto`: Discord's recommendation (`GET /gateway/bot`), all run here. */
	count: number | 'auto';
	/** The shard ids this process owns; by default all of them. */
	ids?: number[];
}

/** discord.js's options for a plan: one shard when there is none (tests, the sandbox). */
function shardOptions(plan: ShardPlan | undefined): { shards: number[] | 'auto'; shardCount: number } {
	if (!plan || plan.count === 'auto') return plan ? { shards: 'auto', shardCount: 1 } : { shards: [0], shardCount: 1 };
	return { shards: plan.ids ?? Array.from({ length: plan.count }, (_, id) => id), shardCount: plan.count };
}

/** `0-2`, `0,2`: the shards of a process, as its metrics' `shards` label says them. */
export function describeShards(ids: readonly number[]): string {
	const sorted = [...ids].sort((a, b) => a - b);
	const contiguous = sorted.every((id, index) => index === 0 || id === sorted[index - 1]! + 1);
	return contiguous && sorted.length > 1 ? `${sorted[0]}-${sorted.at(-1)}` : sorted.join(',');
}

export interface Monster {
	client: MonsterClient;
	host: PluginHost;
	commandSync: CommandSync;
	scheduler: TaskScheduler;
	/** Base URL of the HTTP API, e.g. http://127.0.0.1:5000/api */
	apiUrl: string;
	stop(): Promise<void>;
}

/** Start-up order: database → cache → switches → scheduler → client and plugins → Discord → watcher. */
export async function startMonster(options: StartOptions): Promise<Monster> {
	const { config, logger } = options;
	setDefaultLocale(config.LOCALE_DEFAULT);
	setCommandPrefix(config.DISCORD_PREFIX);
	setTextProblemReporter((problem) => logger.warn({ problem }, 'Text problem: a member sees a raw key or placeholder'));
	const database =
		options.database ??
		(await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL, logger } : { dataDir: config.DATA_DIR, logger }));
	const cleanups: (() => Promise<unknown> | unknown)[] = options.database ? [] : [() => database.close()];
	const stop = async () => {
		for (const cleanup of cleanups.reverse()) {
			await Promise.resolve()
				.then(cleanup)
				.catch((error: unknown) => logger.error({ err: error }, 'Shutdown step failed'));
		}
	};
	try {
		await database.migrate();
		logger.info({ database: database.kind, location: database.location }, 'Database ready');
		const cache = await createCache({ url: config.REDIS_URL, keyPrefix: `${config.REDIS_PREFIX}:`, logger: logger.child({ component: 'cache' }) });
		cleanups.push(() => cache.close());

		const switches = new PluginSwitches(database.db, cache, logger);
		await switches.start();
		cleanups.push(() => switches.stop());
		const settings = new SettingsStore(database.db, cache, logger);
		await settings.start();
		cleanups.push(() => settings.stop());
		const coreSettings = coreSettingsSchema({ timeZone: config.TZ_DEFAULT, locale: config.LOCALE_DEFAULT });
		setServerLocaleSource((guildId) => settings.resolve(coreSettingsOwner, coreSettings, guildId).locale);
		const memberLocales = new MemberLocales(database.db, cache, logger);
		await memberLocales.start();
		cleanups.push(() => memberLocales.stop());

		const queueUrl = config.REDIS_QUEUE_URL ?? config.REDIS_URL;
		const scheduler: TaskScheduler = queueUrl
			? new RedisTaskScheduler(queueUrl, config.TZ_DEFAULT, logger, `${config.REDIS_PREFIX}-scheduled-tasks`)
			: new MemoryTaskScheduler(config.TZ_DEFAULT, logger);

		// Its close comes after the HTTP server's (cleanups run in reverse): the last requests' rows are written.
		const apiLog = new ApiLogWriter(database.db, logger);
		cleanups.push(() => apiLog.close());
		const figures = await Figures.start(database, { logger });
		cleanups.push(() => figures.stop());

		// Outgoing webhooks: plugins' events to n8n, error lines to the log webhook; deliveries go through the scheduler's queue.
		const botEvents = new BotEvents();
		const notifier = new OutgoingNotifier(config, scheduler, logger.child({ component: 'outgoing' }), { groupWindowMs: config.NOTIFY_GROUP_WINDOW_SECONDS * 1000 });
		cleanups.push(() => notifier.close());
		cleanups.push(botEvents.listen((event) => notifier.event(event)));
		cleanups.push(tapSevereLines((line) => forwardSevereLine(notifier, line)));

		Object.assign(container, { config, database, db: database.db, cache, scheduler, memberLocales, settings, coreSettings, apiLog, figures, botEvents, notifier, pino: logger, logRing: options.logRing ?? new LogRing() });

		const host = new PluginHost({
			pluginsDir: config.PLUGINS_DIR,
			loadTimeoutMs: options.pluginLoadTimeoutMs,
			logger,
			switches,
			settings,
			skipped: [...config.PLUGINS_DISABLED, ...(options.withoutPlugins ?? [])],
			replyDisabled: async (plugin, interaction) => {
				const locale = localeOf(interaction as { locale?: string });
				await respondWithEmbed(interaction as never, refusalEmbed(locale, coreText(locale)('pluginDisabled', { plugin })));
			},
			reportError: reportPieceError
		});
		container.plugins = host;

		// The HTTP server listens from the start of login, before the stores and the plugins have loaded.
		let starting = true;
		const client = MonsterClient.create(
			{
				intents: [
					GatewayIntentBits.Guilds,
					GatewayIntentBits.GuildMembers,
					GatewayIntentBits.GuildMessages,
					GatewayIntentBits.GuildPresences,
					GatewayIntentBits.MessageContent,
					GatewayIntentBits.DirectMessages
				],
				// GuildMember: a departure is told even for a member the cache never held (large servers).
				partials: [Partials.Channel, Partials.Message, Partials.GuildMember],
				rest: { api: options.discord.apiUrl, globalRequestsPerSecond: options.restRequestsPerSecond ?? 50 },
				...shardOptions(options.discord.shards),
				defaultPrefix: config.DISCORD_PREFIX,
				loadMessageCommandListeners: true,
				loadDefaultErrorListeners: false,
				logger: { instance: new PinoSapphireLogger(logger.child({ component: 'sapphire' })) },
				api: {
					prefix: 'api/',
					listenOptions: { host: config.API_HOST, port: config.API_PORT },
					server: { IncomingMessage: MonsterRequest, ServerResponse: MonsterResponse as typeof ServerResponse },
					// plugin-api answers `*` by default: any web page could then read the API from a browser.
					origin: config.API_CORS_ORIGIN ?? `http://${config.API_HOST}:${config.API_PORT}`
				},
				// Typed as required by plugin-scheduled-tasks, whose client plugin is not used: scheduling is ours.
				tasks: undefined as never
			},
			async () => {
				// plugin-api's Discord OAuth2 cookie and auth middlewares are unused (API keys instead), and the
				// cookie one refuses requests made to an IP address such as 127.0.0.1. Its body middleware only
				// compares Content-Length with a 50 MB default: core.request-input counts the bytes read instead.
				// Its headers middleware is core.cors.
				const middlewares = container.stores.get('middlewares');
				await Promise.all(['cookies', 'auth', 'body', 'headers'].filter((name) => middlewares.has(name)).map((name) => middlewares.unload(name)));
				// Requests go through installRequestDispatcher instead of plugin-api's listeners, which would also
				// send an error's text to the caller.
				const listeners = container.stores.get('listeners');
				await Promise.all(replacedApiListeners.filter((name) => listeners.has(name)).map((name) => listeners.unload(name)));
				try {
					await host.loadAll();
				} finally {
					starting = false;
				}
			}
		);
		installRequestDispatcher(container.server, { starting: () => starting, routeTimeoutMs: options.routeTimeoutMs });
		metricSources.postgresPool = database.poolUse && (() => database.poolUse!());
		metricSources.discord = () => ({
			guilds: client.guilds.cache.map((guild) => ({ id: guild.id, members: guild.memberCount })),
			shards: client.ws.shards.map((shard) => ({ id: shard.id, pingMs: shard.ping }))
		});
		// Stops run in reverse: no new job, then no new event or request, then the plugins write what they hold.
		cleanups.push(() => host.unloadAll());
		cleanups.push(() => new Promise((resolve) => container.server.server.close(resolve)));
		cleanups.push(() => client.destroy());
		cleanups.push(() => scheduler.close());
		configureSessions({ secret: config.DASHBOARD_SECRET, secure: config.DASHBOARD_SECURE_COOKIE, sandboxAdmin: options.sandboxAdmin });
		const oauthClient = config.DISCORD_CLIENT_ID && config.DISCORD_CLIENT_SECRET ? { clientId: config.DISCORD_CLIENT_ID, clientSecret: config.DISCORD_CLIENT_SECRET } : options.discordSignIn;
		configureDiscordSignIn(oauthClient && { ...oauthClient, apiUrl: options.discord.apiUrl, publicUrl: config.DASHBOARD_PUBLIC_URL });
		registerCorePieces();
		if (options.sandboxServer) {
			// Imported only here: sandbox/ and emulator/ are left out of the Docker image.
			const { registerSandboxChat } = await import('../sandbox/chat-api.ts');
			cleanups.push(registerSandboxChat(options.sandboxServer));
		}
		cleanups.push(logGatewayHealth(client, logger.child({ component: 'gateway' })));
		// Unheard, plugin-api's re-emitted server errors would crash the process. One at start-up also
		// rejects the login below and is reported there, in terms of the configuration.
		container.server.on('error', (error: unknown) => {
			if (container.server.server.listening) logger.error({ err: error }, 'HTTP API server error');
		});

		const commandSync = new CommandSync({ host, cache, guildIds: options.discord.guildIds, logger });
		container.commandSync = commandSync;
		cleanups.push(() => commandSync.stop());
		// The permission matrix (a core setting) changes which commands Discord shows to whom.
		settings.onChange(() => commandSync.schedule());
		host.on('changed', () => {
			commandSync.schedule();
			scheduler.reconcile().catch((error: unknown) => logger.error({ err: error }, 'Task schedule reconcile failed'));
		});
		client.once('clientReady', (ready) => {
			client.id ??= ready.user.id;
			setBotName(ready.user.username);
			logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'Connected to Discord');
			commandSync.schedule();
			// Building every command's JSON for Discord is start-up garbage too: collect again once the first push is done.
			if (options.collectStartUpGarbage) commandSync.afterNextSync(fullCollection);
		});

		const apiOnly = config.PROCESS_ROLE === 'api';
		const loggedIn = (apiOnly ? loginWithoutGateway(client, options.discord.token, options.discord.shards) : client.login(options.discord.token)).catch((error: unknown) => {
			throw explainListenFailure(error, config) ?? explainDiscordFailure(error, options.discord.apiUrl) ?? error;
		});
		await (options.signal ? Promise.race([loggedIn, abortion(options.signal)]) : loggedIn);
		if (apiOnly) {
			metricsRegistry.setDefaultLabels({ shards: 'none' });
			logger.info({ user: client.user?.tag, shardCount: client.options.shardCount }, 'HTTP API only: no gateway shard, Discord through its REST API');
		} else {
			const ownedShards = client.options.shards as number[];
			// Several processes: each one's metrics say which shards it holds (Prometheus adds `instance` itself).
			if (options.discord.shards?.ids) metricsRegistry.setDefaultLabels({ shards: describeShards(ownedShards) });
			logger.info({ shards: ownedShards, shardCount: client.options.shardCount }, 'Gateway shards connected');
		}
		await scheduler.start();
		const address = container.server.server.address() as AddressInfo;
		const apiUrl = `http://${config.API_HOST}:${address.port}/api`;
		logger.info({ api: apiUrl }, 'HTTP API listening');
		cleanups.push(watchHealth(logger, options.healthProbeMs ?? config.HEALTH_PROBE_SECONDS * 1000));
		cleanups.push(publishShardFigures(client, cache, logger));

		if (options.watch ?? true) {
			const watcher = new PluginWatcher({
				pluginsDir: host.pluginsDir,
				logger,
				usePolling: config.PLUGINS_POLLING,
				onPluginChanged: (name) => host.load(name)
			});
			await watcher.start();
			cleanups.push(() => watcher.stop());
		}
		if (options.collectStartUpGarbage) fullCollection();
		return { client, host, commandSync, scheduler, apiUrl, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * `PROCESS_ROLE=api`: the plugins and the HTTP API, and Discord through REST only. The shard count the
 * other processes use (`SHARD_COUNT`, or Discord's recommendation for `auto`) tells which shards'
 * figures make the whole bot.
 */
async function loginWithoutGateway(client: MonsterClient, token: string, plan: ShardPlan | undefined): Promise<void> {
	await client.loginWithoutGateway(token);
	setBotName(client.user!.username);
	client.options.shardCount =
		typeof plan?.count === 'number' ? plan.count : ((await client.rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult).shards;
}

/** Rejects when the signal aborts; discord.js retries an unreachable gateway forever, so its login never settles. */
function abortion(signal: AbortSignal): Promise<never> {
	return new Promise((_resolve, reject) => {
		const abort = () => reject(new Error('Start-up interrupted by shutdown'));
		if (signal.aborted) abort();
		else signal.addEventListener('abort', abort, { once: true });
	});
}

/** A Discord that cannot be reached or refuses the token, named by the variable to check. */
function explainDiscordFailure(error: unknown, apiUrl: string): ConfigError | undefined {
	const causes = [error, (error as { cause?: unknown }).cause] as ({ code?: unknown; message?: unknown } | undefined)[];
	const network = causes.find((cause) => typeof cause?.code === 'string' && /^(E[A-Z]+|UND_ERR_\w+)$/.test(cause.code));
	if (network) return new ConfigError(`DISCORD_API_URL: the Discord API at ${apiUrl} cannot be reached (${String(network.message)})`);
	if ((error as { code?: unknown }).code === 'TokenInvalid') {
		return new ConfigError('DISCORD_TOKEN: Discord refused the token; copy it again from the developer portal (Bot > Reset Token)');
	}
	return undefined;
}

/** A busy or forbidden API port, as the user can fix it: the variable, the port, what to do. */
function explainListenFailure(error: unknown, config: Config): ConfigError | undefined {
	const { code, syscall } = error as NodeJS.ErrnoException;
	if (syscall !== 'listen') return undefined;
	const where = `port ${config.API_PORT} on ${config.API_HOST}`;
	if (code === 'EADDRINUSE') {
		return new ConfigError(`API_PORT: ${where} is already in use by another program; stop it or set API_PORT to a free port (0 picks one)`);
	}
	if (code === 'EACCES') return new ConfigError(`API_PORT: no permission to listen on ${where}; use a port above 1023`);
	if (code === 'EADDRNOTAVAIL') return new ConfigError(`API_HOST: ${config.API_HOST} is not an address of this machine`);
	return undefined;
}
