import { Cron } from 'croner';
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { scopes } from './bot/http/scopes.ts';
import { redactSecrets } from './log.ts';

/** Comma-separated list in one variable, e.g. `DISCORD_GUILD_IDS=123,456`. */
const list = (item: z.ZodString) =>
	z
		.string()
		.default('')
		.transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
		.pipe(z.array(item));

/** Whether proxy-addr accepts the list: addresses, subnets, and `loopback`, `linklocal`, `uniquelocal`. */
function isProxyList(value: string[]): boolean {
	try {
		proxyAddr.compile(value);
		return true;
	} catch {
		return false;
	}
}

/**
 * `API_KEYS` entries with their scopes. The list is comma-separated and so are scopes: a bare scope
 * name after `key:scope` adds to that key (keys are 16+ characters, never a scope's name).
 */
function groupKeyScopes(value: string): { key: string; scopes: string[] }[] {
	const entries: { key: string; scopes: string[]; explicit: boolean }[] = [];
	for (const part of value.split(',').map((item) => item.trim()).filter(Boolean)) {
		const last = entries.at(-1);
		if (last?.explicit && (scopes as readonly string[]).includes(part)) last.scopes.push(part);
		else if (part.includes(':')) {
			const at = part.lastIndexOf(':');
			entries.push({ key: part.slice(0, at), scopes: part.slice(at + 1) ? [part.slice(at + 1)] : [], explicit: true });
		} else entries.push({ key: part, scopes: [...scopes], explicit: false });
	}
	return entries.map(({ key, scopes: granted }) => ({ key, scopes: granted }));
}

/** `0,1`, `0-3` or `0-1,4`: the gateway shards one process owns, sorted, each once. */
const shardIds = z
	.string()
	.regex(/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/, 'shard ids such as 0,1 or a range such as 0-3')
	.transform((value, context) => {
		const ids = new Set<number>();
		for (const part of value.split(',')) {
			const [from, to = from] = part.split('-').map((bound) => Number(bound.trim())) as [number, number?];
			if (to < from) {
				context.addIssue({ code: 'custom', message: `a range from low to high (${part.trim()} is reversed)` });
				return z.NEVER;
			}
			for (let id = from; id <= to; id += 1) ids.add(id);
		}
		return [...ids].sort((a, b) => a - b);
	});

const snowflake = z.string().regex(/^\d{17,20}$/, 'a Discord id (17 to 20 digits)');
const booleanFlag = z
	.enum(['true', 'false', '1', '0', 'yes', 'no', ''])
	.default('')
	.transform((value) => value === 'true' || value === '1' || value === 'yes');

/** The one schema of the environment: every variable Monster reads is declared here and in `.env.example`. */
export const configSchema = z.object({
	DISCORD_TOKEN: z.string().min(1).optional(),
	DISCORD_API_URL: z.url().default('https://discord.com/api'),
	DISCORD_GUILD_IDS: list(snowflake),
	DISCORD_PREFIX: z.string().min(1).max(5).default('!'),
	DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
	REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
	/**
	 * The task queue's Redis when it is not REDIS_URL's: BullMQ needs `noeviction`, while a cache may
	 * evict (docker-compose.yml runs an LRU cache Redis beside a `noeviction` queue Redis).
	 */
	REDIS_QUEUE_URL: z.url({ protocol: /^rediss?$/ }).optional(),
	/** Keeps two deployments sharing one Redis apart (keys, channels, task queue). */
	REDIS_PREFIX: z.string().regex(/^[a-z0-9-]{1,32}$/, 'lowercase letters, digits and dashes').default('monster'),
	DATA_DIR: z.string().min(1).default('data'),
	PLUGINS_DIR: z.string().min(1).default('plugins'),
	PLUGINS_POLLING: booleanFlag,
	PLUGINS_DISABLED: list(z.string().regex(/^[a-z][a-z0-9-]*$/, 'a plugin name')),
	API_HOST: z.string().min(1).default('127.0.0.1'),
	API_PORT: z.coerce.number().int().min(0).max(65535).default(5000),
	/** `key` (every scope) or `key:read,write`, comma-separated: `k1,k2:read,k3:read,write,admin`. */
	API_KEYS: z
		.string()
		.default('')
		.transform(groupKeyScopes)
		.pipe(z.array(z.object({ key: z.string().min(16, 'at least 16 characters'), scopes: z.array(z.enum(scopes, 'read, write or admin')).min(1) }))),
	/** The one web origin whose pages may call the API from a browser; by default none but the API's own. */
	API_CORS_ORIGIN: z.url().optional(),
	/** Reverse proxies whose X-Forwarded-For tells the client's address (rate limits, `api_logs`): `loopback`, `uniquelocal`, `172.16.0.0/12`, … */
	API_TRUST_PROXY: list(z.string()).refine(isProxyList, 'addresses or subnets (10.0.0.0/8), or loopback, linklocal, uniquelocal'),
	METRICS_PUBLIC: booleanFlag,
	/** Keys the dashboard's session cookie (AES-256-GCM); unset, a random key per process: sessions end at restart. */
	DASHBOARD_SECRET: z.string().min(32, 'at least 32 characters').optional(),
	/** Marks the session cookie Secure: set it when the dashboard is served over HTTPS (behind a proxy). */
	DASHBOARD_SECURE_COOKIE: booleanFlag,
	/** The dashboard's Discord sign-in (OAuth2): the application's id and secret (Developer Portal > OAuth2); both or neither. */
	DISCORD_CLIENT_ID: snowflake.optional(),
	DISCORD_CLIENT_SECRET: z.string().min(1).optional(),
	/** Where browsers reach the bot (`https://bot.example.com`): the OAuth2 redirect is `<this>/api/session/discord/callback`. */
	DASHBOARD_PUBLIC_URL: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')).optional(),
	/** Requests per window from one address (every route, before the key check) and per API key. */
	API_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(300),
	API_RATE_LIMIT_PER_KEY: z.coerce.number().int().min(1).default(600),
	API_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
	/** Tally's signing secret (form > Integrations > Webhooks): unset, `POST /webhook/tally` answers 503. */
	TALLY_SIGNING_SECRET: z.string().min(1).optional(),
	/** Shared secret n8n sends in `X-Webhook-Secret`: unset, `POST /webhook/n8n` answers 503. */
	N8N_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
	/** The token given when opening a Google Calendar watch channel: unset, `POST /webhook/google` answers 503. */
	GOOGLE_CHANNEL_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
	/** OAuth2 client and refresh token with read access to the watched calendars (the events of a push notification are fetched with them). */
	GOOGLE_CLIENT_ID: z.string().min(1).optional(),
	GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
	GOOGLE_REFRESH_TOKEN: z.string().min(1).optional(),
	/** Root of Google's APIs and its OAuth2 token endpoint: changed only for a proxy or a local stand-in. */
	GOOGLE_API_URL: z.url().default('https://www.googleapis.com/'),
	GOOGLE_TOKEN_URL: z.url().default('https://oauth2.googleapis.com/token'),
	/** Discord webhooks for the log channel (refused commands, error and fatal log lines) and the alerts channel (health changes, failed scheduled tasks; unset: the log one). A server's `logWebhook`/`alertsWebhook` settings override them. */
	DISCORD_LOG_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
	DISCORD_ALERTS_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
	/** n8n Webhook trigger called on bot events (task created or done, planning changed, chantier created or archived); a server's `n8nEventsUrl` setting overrides it. */
	N8N_EVENTS_URL: z.url({ protocol: /^https?$/ }).optional(),
	/** Identical notices within this window go out once, then as one "×N" message. */
	NOTIFY_GROUP_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
	/** Members allowed to switch or reload plugins for every server at once when the bot serves several. */
	BOT_OWNER_IDS: list(snowflake),
	/** Days of api_logs and audit_log kept by the nightly maintenance. */
	API_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
	AUDIT_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
	/** The bot's own daily backup (scheduled task `core.backup`), off by default: same folder as scripts/backup.sh. */
	BACKUP_ENABLED: booleanFlag,
	BACKUP_SCHEDULE: z
		.string()
		.default('0 3 * * *')
		.refine((pattern) => {
			try {
				new Cron(pattern, { paused: true }).stop();
				return true;
			} catch {
				return false;
			}
		}, 'a cron pattern such as 0 3 * * *'),
	BACKUP_DIR: z.string().min(1).default('backups'),
	BACKUP_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
	/**
	 * Gateway shards of the whole bot (every process): `auto` asks Discord for its recommendation.
	 * Unset: `auto` with a Discord token, 1 in the sandbox.
	 */
	SHARD_COUNT: z
		.string()
		.regex(/^(auto|[1-9]\d{0,4})$/, 'auto or a whole number of shards (1 or more)')
		.transform((value) => (value === 'auto' ? ('auto' as const) : Number(value)))
		.optional(),
	/** The shards this process owns (`0,1`, `2-3`); unset, all of SHARD_COUNT's. Needs a number in SHARD_COUNT. */
	SHARD_IDS: shardIds.optional(),
	/**
	 * What this process does: `all` (gateway shards and the HTTP API), `gateway` (shards; its HTTP server
	 * answers only health and metrics) or `api` (the HTTP API only, no gateway connection: servers are read
	 * through Discord's REST API and the shared database). Lets the API scale apart from the shards.
	 */
	PROCESS_ROLE: z.enum(['all', 'gateway', 'api']).default('all'),
	/** How often the health is probed for alerts on change. */
	HEALTH_PROBE_SECONDS: z.coerce.number().min(1).max(3600).default(30),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	/** Also write the JSON log lines to this file, rotated by size; unset: stdout only. */
	LOG_FILE: z.string().min(1).optional(),
	/** Size of one log file before rotation (pino-roll's units: `10m`, `500k`) and how many files are kept in all. */
	LOG_FILE_SIZE: z.string().regex(/^\d+[kmg]?$/i, 'a size such as 10m or 500k').default('10m'),
	LOG_FILE_COUNT: z.coerce.number().int().min(1).max(100).default(5),
	TZ_DEFAULT: z
		.string()
		.default('Europe/Paris')
		.refine((zone) => {
			try {
				new Intl.DateTimeFormat('en', { timeZone: zone });
				return true;
			} catch {
				return false;
			}
		}, 'an IANA time zone such as Europe/Paris'),
	LOCALE_DEFAULT: z.enum(['fr', 'en']).default('fr')
}).superRefine((config, context) => {
	if (Boolean(config.DISCORD_CLIENT_ID) !== Boolean(config.DISCORD_CLIENT_SECRET)) {
		const missing = config.DISCORD_CLIENT_ID ? 'DISCORD_CLIENT_SECRET' : 'DISCORD_CLIENT_ID';
		context.addIssue({ code: 'custom', path: [missing], message: 'set with the other one: the dashboard\'s Discord sign-in needs both DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET' });
	}
	if (config.PROCESS_ROLE === 'api') {
		const issue = (message: string) => context.addIssue({ code: 'custom', path: ['PROCESS_ROLE'], message });
		if (config.SHARD_IDS) issue('api holds no gateway shard: leave SHARD_IDS empty (the shard processes own them)');
		if (!config.DISCORD_TOKEN || !config.DATABASE_URL || !config.REDIS_URL) {
			issue('api needs DISCORD_TOKEN, DATABASE_URL and REDIS_URL, shared with the shard processes (no sandbox, no embedded database)');
		}
		return;
	}
	if (!config.SHARD_IDS) return;
	const issue = (message: string) => context.addIssue({ code: 'custom', path: ['SHARD_IDS'], message });
	const count = config.SHARD_COUNT;
	if (typeof count !== 'number') {
		return issue('only with a number in SHARD_COUNT (every process must agree on the count; `auto` could differ between them)');
	}
	const outside = config.SHARD_IDS.filter((id) => id >= count);
	if (outside.length > 0) return issue(`ids below SHARD_COUNT=${count} (shards count from 0; ${outside.join(', ')} is outside)`);
	// Part of the shards here, the others elsewhere: the processes must share their database and cache.
	if (config.SHARD_IDS.length < count && (!config.DATABASE_URL || !config.REDIS_URL)) {
		issue('owning only some of the shards needs DATABASE_URL and REDIS_URL, shared with the processes owning the others');
	}
});

export type Config = z.infer<typeof configSchema>;

/** Variables whose value is never repeated in an error, even a wrong one (a short key is still half a key). */
const secretVariable = /(SECRET|TOKEN|KEYS)$/;

export class ConfigError extends Error {}

/** Parses the environment; the error names every bad variable and what it expects, one per line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	// `DATABASE_URL=` as left by .env.example means "not set", not "an empty URL".
	const result = configSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
	if (result.success) return result.data;
	const lines = result.error.issues.map((issue) => {
		const [first, index] = issue.path;
		const name = String(first);
		const given = env[name];
		const secret = secretVariable.test(name);
		// An item of a comma-separated list: name the item, not the whole variable.
		if (typeof index === 'number') {
			const item = given?.split(',').map((part) => part.trim()).filter(Boolean)[index] ?? '';
			return `${name}: ${secret ? `item ${index + 1} (${item.length} characters)` : `"${redactSecrets(item)}"`} is not ${issue.message}`;
		}
		const shown = given === undefined ? 'missing' : secret ? `got ${given.length} characters` : `got "${redactSecrets(given)}"`;
		return `${name}: ${issue.message} (${shown})`;
	});
	throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
