// Requests per window per client IP (before the key check, so guessing keys is limited too) and per API key, counted in the cache: Redis shares the count across replicas.
import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import type { Cache } from '../../cache/interface.ts';
import { rateLimitMetrics } from '../../metrics.ts';
import { SharedCounters, type Count } from './shared-counters.ts';
import { clientAddress } from './client-address.ts';

export interface Allowance {
	/** The count in this window, this request included. */
	value: number;
	limit: number;
	resetSeconds: number;
}

/** How long a count waits before it is added to the other replicas' (see SharedCounters). */
const flushMs = 50;

let counters: { cache: Cache; windowMs: number; counters: SharedCounters } | undefined;

function sharedCounters(windowMs: number): SharedCounters {
	if (counters?.cache !== container.cache || counters.windowMs !== windowMs) {
		let warnedAt = 0;
		counters = {
			cache: container.cache,
			windowMs,
			counters: new SharedCounters(container.cache, {
				windowMs,
				flushMs,
				onFlushError(error) {
					// At most one line a minute through an outage: a flush fails every flushMs under load.
					if (Date.now() - warnedAt < 60_000) return;
					warnedAt = Date.now();
					container.pino.warn({ err: error }, 'API rate limits: counts not shared with other replicas, cache unavailable');
				}
			})
		};
	}
	return counters.counters;
}

/**
 * Counts the request against its address and, when the caller is known, against its key. A window's first
 * request asks the cache (one Redis round trip for both); later ones are counted here at once and added to
 * Redis in batches (SharedCounters). Null when the cache does not answer: a cache outage must not take the API
 * down with it, the request goes through uncounted.
 */
export function countRequest(request: ApiRequest, caller: string | undefined): { ip: Allowance; key?: Allowance } | null | Promise<{ ip: Allowance; key?: Allowance } | null> {
	const windowMs = container.config.API_RATE_LIMIT_WINDOW_SECONDS * 1000;
	const keys = [`api-rate.ip.${clientAddress(request)}`];
	if (caller) keys.push(`api-rate.key.${caller}`);
	const allowances = (counts: Count[]) => ({
		ip: allowance(counts[0]!, container.config.API_RATE_LIMIT_PER_IP),
		...(caller ? { key: allowance(counts[1]!, container.config.API_RATE_LIMIT_PER_KEY) } : {})
	});
	const counted = sharedCounters(windowMs).count(keys);
	if (Array.isArray(counted)) return allowances(counted);
	return counted.then(allowances, (error: unknown) => {
		container.pino.warn({ err: error }, 'API rate limit not checked: cache unavailable');
		return null;
	});
}

const allowance = (count: Count, limit: number): Allowance => ({ value: count.value, limit, resetSeconds: Math.max(1, Math.ceil(count.ttlMs / 1000)) });

/**
 * Sets `RateLimit-Limit`, `-Remaining`, `-Reset` (the key's allowance replaces the address's when both are
 * counted); past the limit, answers 429 with `Retry-After` and returns true.
 */
export function applyAllowance(request: ApiRequest, response: ApiResponse, allowance: Allowance, counter: string): boolean {
	response.setHeader('RateLimit-Limit', String(allowance.limit));
	response.setHeader('RateLimit-Remaining', String(Math.max(0, allowance.limit - allowance.value)));
	response.setHeader('RateLimit-Reset', String(allowance.resetSeconds));
	if (allowance.value <= allowance.limit) return false;
	rateLimitMetrics.refusals.inc({ scope: 'api' });
	container.pino.warn({ path: request.url?.split('?')[0], counter }, 'API request refused: rate limit');
	response.setHeader('Retry-After', String(allowance.resetSeconds));
	response
		.status(429)
		.json({ error: `Too many requests: at most ${allowance.limit} per ${container.config.API_RATE_LIMIT_WINDOW_SECONDS} s`, retryAfterSeconds: allowance.resetSeconds });
	return true;
}
