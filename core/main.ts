import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startMonster } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { localeOf } from './i18n.ts';
import { watchStrayErrors } from './host/stray-errors.ts';
import { processLogger } from './log.ts';

const { values: args } = parseArgs({
	options: {
		'without-plugin': { type: 'string', multiple: true, default: [] },
		sandbox: { type: 'boolean', default: false }
	}
});

// Variables already set in the environment win over the file (Node's rule for loadEnvFile).
if (existsSync('.env')) process.loadEnvFile('.env');

/** A bad environment stops start-up with one clear line per variable, not a stack trace. */
function readConfig(): Config {
	try {
		return loadConfig();
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		console.error(error.message);
		process.exit(1);
	}
}

const config = readConfig();
const { logger, logRing } = processLogger(config);

/** What to stop on a signal, in order; filled as start-up progresses. */
const stopSteps: (() => Promise<void>)[] = [];
/** Aborted by a signal: start-up stops waiting (for a gateway that never answers) and stops what it started. */
const startUp = new AbortController();
let stopping = false;
/** Past this, a stop that hangs (a stuck connection) no longer keeps the process alive. */
const SHUTDOWN_LIMIT_MS = 15_000;

/** A signal during start-up interrupts it, then stops what has started: nothing is left half-open. */
async function shutdown(signal: string, starting: Promise<void>, exitCode = 0): Promise<void> {
	if (stopping) return;
	stopping = true;
	logger.info({ signal }, 'Shutting down');
	setTimeout(() => {
		logger.error({ limitMs: SHUTDOWN_LIMIT_MS }, 'Shutdown did not finish in time; exiting anyway');
		process.exit(1);
	}, SHUTDOWN_LIMIT_MS);
	startUp.abort();
	await starting.catch(() => undefined);
	for (const step of stopSteps.reverse()) await step();
	process.exit(exitCode);
}

async function main(): Promise<void> {
	if (config.DISCORD_TOKEN) {
		logger.info(
			{
				mode: 'discord',
				discordApi: config.DISCORD_API_URL,
				guilds: config.DISCORD_GUILD_IDS.length > 0 ? config.DISCORD_GUILD_IDS : 'every guild the bot is in (commands registered globally)'
			},
			'Starting on Discord'
		);
		const monster = await startMonster({
			config,
			logger,
			logRing,
			discord: {
				apiUrl: config.DISCORD_API_URL,
				token: config.DISCORD_TOKEN,
				guildIds: config.DISCORD_GUILD_IDS,
				shards: { count: config.SHARD_COUNT ?? 'auto', ...(config.SHARD_IDS ? { ids: config.SHARD_IDS } : {}) }
			},
			withoutPlugins: args['without-plugin'],
			signal: startUp.signal,
			collectStartUpGarbage: true
		});
		stopSteps.push(() => monster.stop());
		return;
	}
	// Sandbox: no Discord token, so the bot talks to the project's own Discord-compatible server.
	// The production image leaves that server out (it runs with a token): say so instead of a module error.
	if (!existsSync(new URL('../emulator/index.ts', import.meta.url))) {
		console.error('DISCORD_TOKEN is not set, and this installation has no sandbox (emulator/ is left out of the Docker image): set DISCORD_TOKEN in .env.');
		process.exit(1);
	}
	const { startDiscordServer } = await import('../emulator/index.ts');
	const { keepChannels, sandboxWorld, saveSandboxWorld, seedExampleChantiers } = await import('../sandbox/world.ts');
	const world = sandboxWorld(config.DATA_DIR);
	const server = await startDiscordServer({ logger: logger.child({ component: 'sandbox-discord' }), worldCreatedAt: world.createdAt });
	keepChannels(server, config.DATA_DIR, world);
	stopSteps.push(() => server.stop());
	logger.warn(
		{ guild: server.guild.name, guildId: server.guild.id, discordApi: server.apiUrl },
		'SANDBOX MODE: no DISCORD_TOKEN, so Monster runs against a local Discord-compatible server. Set DISCORD_TOKEN (and DATABASE_URL, REDIS_URL) in .env to run on real Discord.'
	);
	const monster = await startMonster({
		config,
		logger,
		logRing,
		discord: { apiUrl: server.apiUrl, token: server.token, guildIds: [server.guild.id], shards: { count: config.SHARD_COUNT ?? 1 } },
		withoutPlugins: args['without-plugin'],
		sandboxAdmin: sandboxAdminOf(server.guild.members.admin, server.state.users),
		discordSignIn: { clientId: server.applicationId, clientSecret: server.oauth2.clientSecret },
		sandboxServer: server,
		restRequestsPerSecond: 10_000,
		signal: startUp.signal,
		collectStartUpGarbage: true
	});
	stopSteps.push(() => monster.stop());
	// The example chantiers are made with /creerchantier, and the first line piped into the terminal chat is sent at once: both need the commands registered.
	await monster.commandSync.idle();
	if (!world.chantiersSeeded) {
		try {
			const codes = await seedExampleChantiers(server);
			if (codes.length > 0) {
				world.chantiersSeeded = true;
				saveSandboxWorld(config.DATA_DIR, world);
				logger.info({ chantiers: codes }, 'Sandbox: example chantiers created (once per data folder)');
			}
		} catch (error) {
			// The sandbox still works without them: the admin can create chantiers with /creerchantier.
			logger.warn({ err: error }, 'Sandbox: the example chantiers could not be created');
		}
	}
	if (args.sandbox || process.stdin.isTTY) {
		const { startTerminalChat } = await import('../sandbox/terminal.ts');
		// A member who chose English with /langue reads English dates and fields, not the French of the sandbox's Discord.
		const readerLocale = (userId: string) => localeOf({ user: { id: userId }, locale: config.LOCALE_DEFAULT });
		const chat = startTerminalChat({ server, locale: config.LOCALE_DEFAULT, readerLocale, timeZone: config.TZ_DEFAULT, prefix: config.DISCORD_PREFIX });
		void chat.closed.then(() => process.kill(process.pid, 'SIGINT'));
	}
}

/** The seeded admin the dashboard's sandbox sign-in signs in as (the guild's owner when the world has no `admin`). */
function sandboxAdminOf(adminId: string | undefined, users: Map<string, { id: string; username: string; global_name?: string | null }>): { id: string; name: string } | undefined {
	const user = adminId ? users.get(adminId) : undefined;
	return user ? { id: user.id, name: user.global_name ?? user.username } : undefined;
}

// An error the core threw outside any piece stops the bot as a signal does, so buffered messages are still written.
watchStrayErrors({ logger, pluginsDir: config.PLUGINS_DIR, stop: () => void shutdown('uncaughtException', starting, 1) });

const starting = main();
process.on('SIGINT', () => void shutdown('SIGINT', starting));
process.on('SIGTERM', () => void shutdown('SIGTERM', starting));
starting.catch((error: unknown) => {
	// Interrupted by a signal: shutdown() stops what has started and exits.
	if (stopping) return;
	// A setting to change is said in one line; anything else needs its stack.
	if (error instanceof ConfigError) logger.fatal(error.message);
	else logger.fatal({ err: error }, 'Monster could not start');
	process.exit(1);
});
