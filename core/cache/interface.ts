// What every cache backend implements; apart from cache.ts, which picks a backend, so the backends import no module that imports them.
type LogFn = (context: object, message: string) => void;

/** The subset of a pino logger the cache uses, so any pino (child) logger can be passed. */
export interface CacheLogger {
	debug: LogFn;
	info: LogFn;
	warn: LogFn;
	error: LogFn;
}

export type MessageHandler = (message: string) => void;

export interface Cache {
	readonly kind: 'redis' | 'memory';
	get(key: string): Promise<string | null>;
	set(key: string, value: string, ttlMs?: number): Promise<void>;
	/** Null when the key is missing or its value is not valid JSON (the latter is logged as a warning). */
	getJson<T>(key: string): Promise<T | null>;
	setJson(key: string, value: unknown, ttlMs?: number): Promise<void>;
	/** Returns how many of the keys existed. */
	delete(...keys: string[]): Promise<number>;
	/** Returns how many keys were deleted. */
	deleteByPrefix(prefix: string): Promise<number>;
	/**
	 * Atomic increment; the TTL is set when the key is created (fixed window) and not extended by later increments.
	 * Returns the new value and the ms left before the key expires (null when it never expires).
	 */
	increment(key: string, ttlMs?: number): Promise<{ value: number; ttlMs: number | null }>;
	/**
	 * `increment` of several keys at once, each by `by` (1 by default), atomically and in one round trip (each key
	 * its own window); results in the counters' order.
	 */
	incrementMany(counters: readonly { key: string; by?: number }[], ttlMs?: number): Promise<{ value: number; ttlMs: number | null }[]>;
	publish(channel: string, message: string): Promise<void>;
	/**
	 * Returns an unsubscribe function. Handlers of one channel are isolated:
	 * one throwing handler is logged and does not stop the others.
	 */
	subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>>;
	/** False (never throws) when the backend is down or closed. */
	ping(): Promise<boolean>;
	/** Closes every connection and timer it opened, so the process can exit afterwards. */
	close(): Promise<void>;
}
