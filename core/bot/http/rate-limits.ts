// Requests per window per client IP (before the key check, so guessing keys is limited too) and per API key, counted in the cache: Redis shares the count across replicas.
import { container } from '@sapphire/framework';
import { Middleware, type ApiRequest, type ApiResponse, type MiddlewareOptions } from '@sapphire/plugin-api';
import { rateLimitMetrics } from '../../metrics.ts';
import { apiCallers } from './api-callers.ts';

/**
 * One fixed window counted by the cache's atomic increment (a Lua script on Redis, a map without it).
 * Answers 429 with `Retry-After`; every counted answer carries `RateLimit-Limit`, `-Remaining`, `-Reset`.
 */
async function countRequest(request: ApiRequest, response: ApiResponse, counter: string, limit: number): Promise<void> {
	const windowMs = container.config.API_RATE_LIMIT_WINDOW_SECONDS * 1000;
	let count: { value: number; ttlMs: number | null };
	try {
		count = await container.cache.increment(`api-rate.${counter}`, windowMs);
	} catch (error) {
		// A cache outage must not take the API down with it: the request goes through, uncounted.
		container.pino.warn({ err: error }, 'API rate limit not checked: cache unavailable');
		return;
	}
	const resetSeconds = Math.max(1, Math.ceil((count.ttlMs ?? windowMs) / 1000));
	response.setHeader('RateLimit-Limit', String(limit));
	response.setHeader('RateLimit-Remaining', String(Math.max(0, limit - count.value)));
	response.setHeader('RateLimit-Reset', String(resetSeconds));
	if (count.value <= limit) return;
	rateLimitMetrics.refusals.inc({ scope: 'api' });
	container.pino.warn({ path: request.url?.split('?')[0], counter: counter.replace(/^ip\..*/, 'ip') }, 'API request refused: rate limit');
	response.setHeader('Retry-After', String(resetSeconds));
	response.status(429).json({ error: `Too many requests: at most ${limit} per ${container.config.API_RATE_LIMIT_WINDOW_SECONDS} s`, retryAfterSeconds: resetSeconds });
}

export class IpRateLimit extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 12 });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		if (request.method === 'OPTIONS') return;
		return countRequest(request, response, `ip.${request.socket.remoteAddress ?? 'unknown'}`, container.config.API_RATE_LIMIT_PER_IP);
	}
}

/** After the key check (position 15): the key's own allowance, whatever address it calls from. */
export class KeyRateLimit extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 16 });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const key = apiCallers.get(request);
		if (!key || request.method === 'OPTIONS') return;
		return countRequest(request, response, `key.${key}`, container.config.API_RATE_LIMIT_PER_KEY);
	}
}
