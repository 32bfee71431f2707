import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache, type Cache } from '../cache/cache.ts';
import { describeRateLimit, hitRateLimit, rateLimitOf } from './rate-limit.ts';

const redisUrl = process.env.TEST_REDIS_URL;
const logger = pino({ level: 'silent' });
const opened: Cache[] = [];

/** Each call is a separate instance: on Redis, two of them are two replicas sharing one Redis. */
async function open(url: string | undefined, keyPrefix: string): Promise<Cache> {
	const cache = await createCache({ url, keyPrefix, logger });
	opened.push(cache);
	return cache;
}

afterEach(async () => {
	await Promise.all(opened.splice(0).map((cache) => cache.close()));
});

const backends = [
	{ kind: 'memory', url: undefined },
	{ kind: 'redis', url: redisUrl }
] as const;

describe.each(backends)('hitRateLimit on $kind', ({ kind, url }) => {
	const prefix = `test:ratelimit:${randomUUID()}:`;

	it.skipIf(kind === 'redis' && !url)('allows `limit` uses per window, then says when the window ends', async () => {
		const cache = await open(url, prefix);
		const limit = { limit: 10, windowMs: 60_000 };
		for (let use = 1; use <= 10; use += 1) expect(await hitRateLimit(cache, 'u1', 'tasks', limit)).toEqual({ allowed: true, remaining: 10 - use });
		const refused = await hitRateLimit(cache, 'u1', 'tasks', limit);
		expect(refused.allowed).toBe(false);
		const retryInMs = refused.allowed ? 0 : refused.retryAt - Date.now();
		expect(retryInMs).toBeGreaterThan(55_000);
		expect(retryInMs).toBeLessThanOrEqual(60_000);
	});

	it.skipIf(kind === 'redis' && !url)('counts each member and each command apart, and starts afresh after the window', async () => {
		const cache = await open(url, prefix);
		const limit = { limit: 1, windowMs: 300 };
		expect((await hitRateLimit(cache, 'u2', 'tasks', limit)).allowed).toBe(true);
		expect((await hitRateLimit(cache, 'u2', 'tasks', limit)).allowed).toBe(false);
		expect((await hitRateLimit(cache, 'u2', 'planning', limit)).allowed).toBe(true);
		expect((await hitRateLimit(cache, 'u3', 'tasks', limit)).allowed).toBe(true);
		// Refused uses count too but never move the window's end: the first use after it is allowed.
		await vi.waitFor(async () => expect((await hitRateLimit(cache, 'u2', 'tasks', limit)).allowed).toBe(true), { timeout: 5_000 });
	});

	it.skipIf(kind !== 'redis' || !url)('holds across replicas: two cache instances share one count', async () => {
		const [replicaA, replicaB] = [await open(url, prefix), await open(url, prefix)];
		const limit = { limit: 10, windowMs: 60_000 };
		// 5 on each replica, concurrently: the Lua increment loses none.
		await Promise.all(Array.from({ length: 10 }, (_, index) => hitRateLimit(index % 2 ? replicaA : replicaB, 'u4', 'tasks', limit)));
		expect((await hitRateLimit(replicaA, 'u4', 'tasks', limit)).allowed).toBe(false);
		expect((await hitRateLimit(replicaB, 'u4', 'tasks', limit)).allowed).toBe(false);
	});
});

describe('rate limit options and text', () => {
	it('merges a command override into the default, and `false` turns the limit off', () => {
		expect(rateLimitOf(undefined)).toEqual({ limit: 10, windowMs: 60_000 });
		expect(rateLimitOf({ limit: 3 })).toEqual({ limit: 3, windowMs: 60_000 });
		expect(rateLimitOf(false)).toBeNull();
	});

	it('says when to retry as a Discord relative timestamp, rounded up to the second', () => {
		expect(describeRateLimit('fr', { command: 'tasks', retryAt: 1_700_000_000_400 })).toBe(
			'Vous avez lancé « tasks » trop souvent. Réessayez <t:1700000001:R>.'
		);
		expect(describeRateLimit('en', { command: 'tasks', retryAt: 1_700_000_000_000 })).toBe('You ran "tasks" too often. Try again <t:1700000000:R>.');
	});
});
