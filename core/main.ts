import { parseArgs } from 'node:util';
import { startMonster, type Monster } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './log.ts';

const { values: args } = parseArgs({
	options: {
		'without-plugin': { type: 'string', multiple: true, default: [] },
		sandbox: { type: 'boolean', default: false }
	}
});

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
const logger = createLogger({ level: config.LOG_LEVEL });

async function main(): Promise<void> {
	let monster: Monster;
	let stopSandbox = async () => {};
	if (config.DISCORD_TOKEN) {
		monster = await startMonster({
			config,
			logger,
			discord: { apiUrl: config.DISCORD_API_URL, token: config.DISCORD_TOKEN, guildIds: config.DISCORD_GUILD_IDS },
			withoutPlugins: args['without-plugin']
		});
	} else {
		// Sandbox: no Discord token, so the bot talks to the project's own Discord-compatible server.
		const { startDiscordServer } = await import('./testing/discord-server/index.ts');
		const server = await startDiscordServer({ logger: logger.child({ component: 'sandbox-discord' }) });
		logger.warn(
			{ guild: server.guild.name, guildId: server.guild.id, discordApi: server.apiUrl },
			'SANDBOX MODE: no DISCORD_TOKEN, so Monster runs against a local Discord-compatible server. Set DISCORD_TOKEN (and DATABASE_URL, REDIS_URL) in .env to run on real Discord.'
		);
		monster = await startMonster({
			config,
			logger,
			discord: { apiUrl: server.apiUrl, token: server.token, guildIds: [server.guild.id] },
			withoutPlugins: args['without-plugin'],
			restRequestsPerSecond: 10_000
		});
		stopSandbox = () => server.stop();
		if (args.sandbox || process.stdin.isTTY) {
			const { startTerminalChat } = await import('./sandbox/terminal.ts');
			const chat = startTerminalChat({ server, locale: config.LOCALE_DEFAULT });
			chat.closed.then(() => process.kill(process.pid, 'SIGINT'));
		}
	}

	let stopping = false;
	const shutdown = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		logger.info({ signal }, 'Shutting down');
		await monster.stop();
		await stopSandbox();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown('SIGINT'));
	process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'Unhandled promise rejection'));

main().catch((error: unknown) => {
	logger.fatal({ err: error }, 'Monster could not start');
	process.exit(1);
});
