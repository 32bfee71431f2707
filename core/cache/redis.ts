import { Redis } from 'ioredis';
import type { Result } from 'ioredis';
import type { Cache, CacheLogger, MessageHandler } from './interface.ts';
import { ChannelHandlers, countLookup, normalizeTtlMs, parseJsonOrWarn, serializeJson } from './shared.ts';

/** Upper bound for the first connect + PING; startup must fail loudly instead of hanging. */
const CONNECT_TIMEOUT_MS = 5_000;
const PING_TIMEOUT_MS = 2_000;
const QUIT_TIMEOUT_MS = 2_000;
const MAX_RECONNECT_DELAY_MS = 2_000;
/** Commands queued during an outage fail after this many reconnect attempts (~3 s) instead of waiting forever. */
const MAX_RETRIES_PER_REQUEST = 5;
const SCAN_BATCH_SIZE = 500;

/**
 * INCR and PEXPIRE in one script so replicas cannot interleave between them.
 * The TTL is only applied to a key without expiry, which makes it a fixed window.
 * Returns { new value, PTTL } where PTTL -1 means "never expires".
 */
const FIXED_WINDOW_INCREMENT_LUA = `
local value = redis.call('INCR', KEYS[1])
local ttl = tonumber(ARGV[1])
if ttl > 0 and redis.call('PTTL', KEYS[1]) == -1 then
	redis.call('PEXPIRE', KEYS[1], ttl)
end
return { value, redis.call('PTTL', KEYS[1]) }
`;

/** The same for every key given, each by its amount (ARGV[2..]), in one call: { value, PTTL } per key, flattened. */
const FIXED_WINDOW_INCREMENT_MANY_LUA = `
local ttl = tonumber(ARGV[1])
local results = {}
for index, key in ipairs(KEYS) do
	local value = redis.call('INCRBY', key, tonumber(ARGV[index + 1]))
	if ttl > 0 and redis.call('PTTL', key) == -1 then
		redis.call('PEXPIRE', key, ttl)
	end
	table.insert(results, value)
	table.insert(results, redis.call('PTTL', key))
end
return results
`;

declare module 'ioredis' {
	interface RedisCommander<Context> {
		fixedWindowIncrement(key: string, ttlMs: number): Result<[number, number], Context>;
		/** `numberOfKeys`, the keys, the TTL, then each key's amount. */
		fixedWindowIncrementMany(...args: (string | number)[]): Result<number[], Context>;
	}
}

export interface RedisCacheOptions {
	url: string;
	keyPrefix: string;
	logger: CacheLogger;
}

function redactRedisUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password !== '') parsed.password = '***';
		return parsed.toString();
	} catch {
		return '<unparsable Redis URL>';
	}
}

export async function connectRedisCache(options: RedisCacheOptions): Promise<Cache> {
	const client = await openConnection(options, 'cache');
	options.logger.info({ url: redactRedisUrl(options.url), keyPrefix: options.keyPrefix }, 'cache: connected to Redis');
	return new RedisCache(client, options);
}

class RedisCache implements Cache {
	readonly kind = 'redis';
	private readonly handlers: ChannelHandlers;
	/** Per channel: the SUBSCRIBE confirmation every later subscriber of that channel must also await. */
	private readonly subscribeConfirmations = new Map<string, Promise<unknown>>();
	/** Subscribed connections cannot run other commands, so pub/sub gets its own, opened on first use. */
	private subscriberConnection: Promise<Redis> | undefined;
	private closed = false;

	private readonly client: Redis;
	private readonly options: RedisCacheOptions;

	constructor(
		client: Redis,
		options: RedisCacheOptions
	) {
		this.client = client;
		this.options = options;
		this.handlers = new ChannelHandlers(options.logger);
	}

	async get(key: string): Promise<string | null> {
		return countLookup(await this.client.get(this.prefixed(key)));
	}

	async set(key: string, value: string, ttlMs?: number): Promise<void> {
		const ttl = normalizeTtlMs(ttlMs);
		if (ttl === undefined) await this.client.set(this.prefixed(key), value);
		else await this.client.set(this.prefixed(key), value, 'PX', ttl);
	}

	async getJson<T>(key: string): Promise<T | null> {
		return parseJsonOrWarn<T>(await this.get(key), key, this.options.logger);
	}

	async setJson(key: string, value: unknown, ttlMs?: number): Promise<void> {
		await this.set(key, serializeJson(key, value), ttlMs);
	}

	async delete(...keys: string[]): Promise<number> {
		if (keys.length === 0) return 0;
		return this.client.unlink(...keys.map((key) => this.prefixed(key)));
	}

	async deleteByPrefix(prefix: string): Promise<number> {
		// SCAN instead of KEYS so a large keyspace never blocks Redis for other replicas.
		const pattern = `${escapeGlob(this.prefixed(prefix))}*`;
		let cursor = '0';
		let deleted = 0;
		do {
			const [nextCursor, keys] = await this.client.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH_SIZE);
			cursor = nextCursor;
			if (keys.length > 0) deleted += await this.client.unlink(...keys);
		} while (cursor !== '0');
		return deleted;
	}

	async increment(key: string, ttlMs?: number): Promise<{ value: number; ttlMs: number | null }> {
		const ttl = normalizeTtlMs(ttlMs) ?? 0;
		const [value, remainingMs] = await this.client.fixedWindowIncrement(this.prefixed(key), ttl);
		return { value, ttlMs: remainingMs < 0 ? null : remainingMs };
	}

	async incrementMany(counters: readonly { key: string; by?: number }[], ttlMs?: number): Promise<{ value: number; ttlMs: number | null }[]> {
		if (counters.length === 0) return [];
		const ttl = normalizeTtlMs(ttlMs) ?? 0;
		const flat = await this.client.fixedWindowIncrementMany(counters.length, ...counters.map(({ key }) => this.prefixed(key)), ttl, ...counters.map(({ by = 1 }) => by));
		return counters.map((_, index) => ({ value: flat[index * 2]!, ttlMs: flat[index * 2 + 1]! < 0 ? null : flat[index * 2 + 1]! }));
	}

	async publish(channel: string, message: string): Promise<void> {
		await this.client.publish(this.prefixed(channel), message);
	}

	async subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>> {
		const subscriber = await this.openSubscriber();
		const prefixedChannel = this.prefixed(channel);
		const { remove, isFirst } = this.handlers.add(channel, handler);
		if (isFirst) this.subscribeConfirmations.set(channel, subscriber.subscribe(prefixedChannel));
		try {
			await this.subscribeConfirmations.get(channel);
		} catch (error) {
			if (remove()) this.subscribeConfirmations.delete(channel);
			throw error;
		}
		return async () => {
			if (!remove() || this.closed) return;
			this.subscribeConfirmations.delete(channel);
			await subscriber.unsubscribe(prefixedChannel);
		};
	}

	async ping(): Promise<boolean> {
		if (this.closed || this.client.status !== 'ready') return false;
		try {
			return (await withTimeout(this.client.ping(), PING_TIMEOUT_MS, 'PING')) === 'PONG';
		} catch {
			return false;
		}
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.handlers.clear();
		this.subscribeConfirmations.clear();
		const subscriber = await this.subscriberConnection?.catch(() => undefined);
		await Promise.all([closeConnection(this.client), subscriber && closeConnection(subscriber)]);
	}

	private openSubscriber(): Promise<Redis> {
		if (this.closed) return Promise.reject(new Error('cache: Redis backend is closed'));
		if (this.subscriberConnection === undefined) {
			const opening = openConnection(this.options, 'cache-subscriber').then((subscriber) => {
				subscriber.on('message', (channel: string, message: string) => {
					this.handlers.dispatch(channel.slice(this.options.keyPrefix.length), message);
				});
				return subscriber;
			});
			this.subscriberConnection = opening;
			// A failed connect must not poison later subscribe attempts.
			opening.catch(() => {
				if (this.subscriberConnection === opening) this.subscriberConnection = undefined;
			});
		}
		return this.subscriberConnection;
	}

	private prefixed(keyOrChannel: string): string {
		return this.options.keyPrefix + keyOrChannel;
	}
}

async function openConnection({ url, keyPrefix, logger }: RedisCacheOptions, role: string): Promise<Redis> {
	const safeUrl = redactRedisUrl(url);
	let connectedOnce = false;
	const client = new Redis(url, {
		lazyConnect: true,
		// Visible in CLIENT LIST, so operators can tell deployments and connections apart.
		connectionName: `${keyPrefix}${role}`.replace(/[^\x21-\x7e]/g, '_'),
		connectTimeout: CONNECT_TIMEOUT_MS,
		maxRetriesPerRequest: MAX_RETRIES_PER_REQUEST,
		// Give up at once on the first connect (the caller reports it); afterwards ride out restarts with backoff.
		retryStrategy: (attempt) => (connectedOnce ? Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS) : null),
		scripts: { fixedWindowIncrement: { lua: FIXED_WINDOW_INCREMENT_LUA, numberOfKeys: 1 }, fixedWindowIncrementMany: { lua: FIXED_WINDOW_INCREMENT_MANY_LUA } }
	});
	// One warning when an outage starts and one info when it ends; the retries in between go to debug.
	let inOutage = false;
	client.on('error', (error: Error) => {
		if (!connectedOnce) return; // the first connect reports its failure to the caller instead
		if (inOutage) logger.debug({ url: safeUrl, role, err: error }, 'cache: Redis connection error');
		else logger.warn({ url: safeUrl, role, err: error }, 'cache: Redis connection error');
	});
	client.on('reconnecting', (delayMs: number) => {
		if (inOutage) logger.debug({ url: safeUrl, role, delayMs }, 'cache: reconnecting to Redis');
		else logger.warn({ url: safeUrl, role, delayMs }, 'cache: lost connection to Redis, reconnecting');
		inOutage = true;
	});
	client.on('ready', () => {
		if (inOutage) logger.info({ url: safeUrl, role }, 'cache: reconnected to Redis');
		inOutage = false;
	});
	try {
		await withTimeout(
			client.connect().then(() => client.ping()),
			CONNECT_TIMEOUT_MS,
			'connect + PING'
		);
		connectedOnce = true;
		return client;
	} catch (error) {
		client.disconnect();
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`cache: Redis at ${safeUrl} did not answer within ${CONNECT_TIMEOUT_MS} ms (${reason})`, {
			cause: error
		});
	}
}

async function closeConnection(client: Redis): Promise<void> {
	if (client.status === 'ready') {
		try {
			await withTimeout(client.quit(), QUIT_TIMEOUT_MS, 'QUIT');
			return;
		} catch {
			// Fall through: a connection that cannot quit politely is dropped.
		}
	}
	client.disconnect();
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, operation: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => reject(new Error(`${operation} timed out after ${timeoutMs} ms`)), timeoutMs);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** SCAN MATCH treats *, ?, [ ] and \ as glob syntax; a prefix must match literally. */
function escapeGlob(literal: string): string {
	return literal.replace(/[*?[\]\\]/g, '\\$&');
}
