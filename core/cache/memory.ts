import type { Cache, CacheLogger, MessageHandler } from './interface.ts';
import { ChannelHandlers, countLookup, normalizeTtlMs, parseJsonOrWarn, serializeJson } from './shared.ts';

interface Entry {
	value: string;
	/** Epoch ms; undefined means the entry never expires. */
	expiresAt: number | undefined;
}

/** Lazy expiry on read keeps results correct; the sweep only bounds memory held by keys nobody reads again. */
const SWEEP_INTERVAL_MS = 30_000;
/** What Redis INCR accepts: no whitespace, exponents or fractions. */
const INTEGER_PATTERN = /^-?\d+$/;

/**
 * In-process backend for single-replica setups and tests. Mirrors Redis semantics
 * (SET clears a previous TTL, INCR fails on non-integers, pub/sub delivers asynchronously).
 * The key prefix is irrelevant here: nothing is shared outside this instance.
 */
export class MemoryCache implements Cache {
	readonly kind = 'memory';
	private readonly entries = new Map<string, Entry>();
	private readonly handlers: ChannelHandlers;
	private readonly sweepTimer: NodeJS.Timeout;
	private closed = false;

	private readonly logger: CacheLogger;

	constructor(logger: CacheLogger) {
		this.logger = logger;
		this.handlers = new ChannelHandlers(logger);
		this.sweepTimer = setInterval(() => this.sweepExpired(), SWEEP_INTERVAL_MS);
		this.sweepTimer.unref();
	}

	async get(key: string): Promise<string | null> {
		this.assertOpen();
		return countLookup(this.liveEntry(key)?.value ?? null);
	}

	async set(key: string, value: string, ttlMs?: number): Promise<void> {
		this.assertOpen();
		const ttl = normalizeTtlMs(ttlMs);
		this.entries.set(key, { value, expiresAt: ttl === undefined ? undefined : Date.now() + ttl });
	}

	async getJson<T>(key: string): Promise<T | null> {
		return parseJsonOrWarn<T>(await this.get(key), key, this.logger);
	}

	async setJson(key: string, value: unknown, ttlMs?: number): Promise<void> {
		await this.set(key, serializeJson(key, value), ttlMs);
	}

	async delete(...keys: string[]): Promise<number> {
		this.assertOpen();
		let deleted = 0;
		for (const key of keys) {
			if (this.liveEntry(key) !== undefined && this.entries.delete(key)) deleted++;
		}
		return deleted;
	}

	async deleteByPrefix(prefix: string): Promise<number> {
		this.assertOpen();
		let deleted = 0;
		for (const key of [...this.entries.keys()]) {
			if (key.startsWith(prefix) && this.liveEntry(key) !== undefined && this.entries.delete(key)) deleted++;
		}
		return deleted;
	}

	async increment(key: string, ttlMs?: number): Promise<{ value: number; ttlMs: number | null }> {
		this.assertOpen();
		return this.incrementBy(key, 1, normalizeTtlMs(ttlMs));
	}

	async incrementMany(counters: readonly { key: string; by?: number }[], ttlMs?: number): Promise<{ value: number; ttlMs: number | null }[]> {
		this.assertOpen();
		const ttl = normalizeTtlMs(ttlMs);
		return counters.map(({ key, by = 1 }) => this.incrementBy(key, by, ttl));
	}

	private incrementBy(key: string, by: number, ttl: number | undefined): { value: number; ttlMs: number | null } {
		const now = Date.now();
		const existing = this.liveEntry(key);
		const current = existing === undefined ? 0 : Number(existing.value);
		if (existing !== undefined && !(INTEGER_PATTERN.test(existing.value) && Number.isSafeInteger(current))) {
			throw new Error(`cache: value of key "${key}" is not an integer, cannot increment`);
		}
		// Like the Redis script: a key without expiry gets the TTL; an existing window is never extended.
		const expiresAt = existing?.expiresAt ?? (ttl === undefined ? undefined : now + ttl);
		const value = current + by;
		this.entries.set(key, { value: String(value), expiresAt });
		return { value, ttlMs: expiresAt === undefined ? null : expiresAt - now };
	}

	async publish(channel: string, message: string): Promise<void> {
		this.assertOpen();
		// Deliver on a later tick, as Redis would, so publishers never run subscriber code inline.
		setImmediate(() => this.handlers.dispatch(channel, message));
	}

	async subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>> {
		this.assertOpen();
		const { remove } = this.handlers.add(channel, handler);
		return async () => {
			remove();
		};
	}

	async ping(): Promise<boolean> {
		return !this.closed;
	}

	async close(): Promise<void> {
		this.closed = true;
		clearInterval(this.sweepTimer);
		this.entries.clear();
		this.handlers.clear();
	}

	private liveEntry(key: string): Entry | undefined {
		const entry = this.entries.get(key);
		if (entry === undefined) return undefined;
		if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
			this.entries.delete(key);
			return undefined;
		}
		return entry;
	}

	private sweepExpired(): void {
		const now = Date.now();
		for (const [key, entry] of this.entries) {
			if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.entries.delete(key);
		}
	}

	private assertOpen(): void {
		if (this.closed) throw new Error('cache: memory backend is closed');
	}
}
