// Behaviour both backends must share exactly, so it lives in one place.
import { cacheMetrics } from '../metrics.ts';
import type { CacheLogger, MessageHandler } from './interface.ts';

/** Counts a read as a hit or a miss (`cache_lookups_total`) and passes its value on. */
export function countLookup(value: string | null): string | null {
	cacheMetrics.lookups.inc({ result: value === null ? 'miss' : 'hit' });
	return value;
}

/** Undefined means "no expiry"; Redis only accepts whole positive milliseconds. */
export function normalizeTtlMs(ttlMs: number | undefined): number | undefined {
	if (ttlMs === undefined) return undefined;
	if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
		throw new RangeError(`cache TTL must be a positive number of milliseconds, got ${ttlMs}`);
	}
	return Math.ceil(ttlMs);
}

export function parseJsonOrWarn<T>(raw: string | null, key: string, logger: CacheLogger): T | null {
	if (raw === null) return null;
	try {
		return JSON.parse(raw) as T;
	} catch (error) {
		logger.warn({ key, err: error }, 'cache: stored value is not valid JSON, treating it as missing');
		return null;
	}
}

export function serializeJson(key: string, value: unknown): string {
	const json = JSON.stringify(value) as string | undefined;
	if (json === undefined) throw new TypeError(`cache: value for key "${key}" is not JSON-serializable`);
	return json;
}

/** Handlers per channel; each subscription gets its own entry so the same function may subscribe twice. */
export class ChannelHandlers {
	private readonly byChannel = new Map<string, Set<{ handler: MessageHandler }>>();

	private readonly logger: CacheLogger;

	constructor(logger: CacheLogger) {
		this.logger = logger;
	}

	/** Returns the removal function and whether this is the channel's first handler. */
	add(channel: string, handler: MessageHandler): { remove: () => boolean; isFirst: boolean } {
		let subscriptions = this.byChannel.get(channel);
		const isFirst = subscriptions === undefined;
		if (subscriptions === undefined) {
			subscriptions = new Set();
			this.byChannel.set(channel, subscriptions);
		}
		const subscription = { handler };
		subscriptions.add(subscription);
		const channelSubscriptions = subscriptions;
		/** Returns true when this removal left the channel without handlers (calling it again is a no-op). */
		const remove = (): boolean => {
			if (!channelSubscriptions.delete(subscription) || channelSubscriptions.size > 0) return false;
			this.byChannel.delete(channel);
			return true;
		};
		return { remove, isFirst };
	}

	has(channel: string): boolean {
		return this.byChannel.has(channel);
	}

	dispatch(channel: string, message: string): void {
		const subscriptions = this.byChannel.get(channel);
		if (subscriptions === undefined) return;
		for (const { handler } of [...subscriptions]) {
			try {
				const result: unknown = handler(message);
				// Handlers are typed sync, but an async one must not become an unhandled rejection.
				if (result instanceof Promise) {
					result.catch((error: unknown) => this.logHandlerError(channel, error));
				}
			} catch (error) {
				this.logHandlerError(channel, error);
			}
		}
	}

	clear(): void {
		this.byChannel.clear();
	}

	private logHandlerError(channel: string, error: unknown): void {
		this.logger.error({ channel, err: error }, 'cache: subscription handler failed');
	}
}
