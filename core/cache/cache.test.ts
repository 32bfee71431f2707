import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Mock } from 'vitest';
import { createCache } from './cache.ts';
import type { Cache, CacheLogger } from './cache.ts';
import { typeScriptLoader } from '../runtime/typescript-loader.ts';

const redisUrl = process.env.TEST_REDIS_URL;
/** Unique per run so parallel test files and runs never share keys or channels. */
const runPrefix = `test:cache:${randomUUID()}:`;
let prefixCounter = 0;

function newTestPrefix(): string {
	return `${runPrefix}${++prefixCounter}:`;
}

type RecordingLogger = { [Level in keyof CacheLogger]: Mock<CacheLogger[Level]> };

function createTestLogger(): RecordingLogger {
	return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

interface Backend {
	kind: 'memory' | 'redis';
	url: string | undefined;
	/** Whether two instances see the same keys and messages (replicas sharing a Redis). */
	sharedAcrossInstances: boolean;
	skipReason: string | undefined;
}

const backends: Backend[] = [
	{ kind: 'memory', url: undefined, sharedAcrossInstances: false, skipReason: undefined },
	{
		kind: 'redis',
		url: redisUrl,
		sharedAcrossInstances: true,
		skipReason: redisUrl === undefined ? 'skipped: set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379) to run' : undefined
	}
];

function collectMessages(cache: Cache, channel: string): Promise<{ messages: string[]; unsubscribe: () => Promise<void> }> {
	const messages: string[] = [];
	return cache.subscribe(channel, (message) => messages.push(message)).then((unsubscribe) => ({ messages, unsubscribe }));
}

/** Spawns a Node process that uses the cache and then simply returns; resolves with its exit code or 'hung'. */
function runScriptThatShouldExit(body: string, timeoutMs: number): Promise<number | 'hung'> {
	const cacheModule = fileURLToPath(new URL('./cache.ts', import.meta.url));
	const script = `const { createCache } = await import(${JSON.stringify(cacheModule)});\n${body}`;
	const child = spawn(process.execPath, ['--import', typeScriptLoader, '--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			resolve('hung');
		}, timeoutMs);
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve(code ?? -1);
		});
	});
}

describe.each(backends)('$kind cache backend', (backend) => {
	describe.skipIf(backend.skipReason !== undefined)(backend.skipReason ?? 'shared behaviour', () => {
		const openCaches: Cache[] = [];
		let logger = createTestLogger();
		let keyPrefix = '';

		async function openCache(options: { keyPrefix?: string } = {}): Promise<Cache> {
			const cache = await createCache({ url: backend.url, keyPrefix: options.keyPrefix ?? keyPrefix, logger });
			openCaches.push(cache);
			return cache;
		}

		afterEach(async () => {
			// Clean up through each cache's own prefix, then close everything the test opened.
			for (const cache of openCaches.splice(0)) {
				if (await cache.ping()) await cache.deleteByPrefix('');
				await cache.close();
			}
			logger = createTestLogger();
		});

		/** Opens the first cache of a test, under a key prefix no other test uses. */
		async function freshCache(): Promise<Cache> {
			keyPrefix = newTestPrefix();
			return openCache();
		}

		it('reports its kind', async () => {
			const cache = await freshCache();
			expect(cache.kind).toBe(backend.kind);
			expect(await cache.ping()).toBe(true);
		});

		it('round-trips strings and JSON, and returns null for missing keys', async () => {
			const cache = await freshCache();
			await cache.set('greeting', 'héllo 👋');
			await cache.setJson('page', { page: 2, ids: ['a', 'b'], nested: { ok: true } });
			expect(await cache.get('greeting')).toBe('héllo 👋');
			expect(await cache.getJson('page')).toEqual({ page: 2, ids: ['a', 'b'], nested: { ok: true } });
			expect(await cache.get('missing')).toBeNull();
			expect(await cache.getJson('missing')).toBeNull();
		});

		it('returns null and logs a warning for a value that is not JSON', async () => {
			const cache = await freshCache();
			await cache.set('broken', '{not json');
			expect(await cache.getJson('broken')).toBeNull();
			expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ key: 'broken' }), expect.any(String));
		});

		it('expires values after their TTL, and a plain set clears an earlier TTL', async () => {
			const cache = await freshCache();
			// Set first, so its 100 ms have passed by the time the later short values are gone.
			await cache.set('becomesPermanent', 'v1', 100);
			await cache.set('becomesPermanent', 'v2');
			await cache.set('short', 'v', 100);
			await cache.setJson('shortJson', { a: 1 }, 100);
			await cache.set('long', 'v', 60_000);
			expect(await cache.get('short')).toBe('v');
			await vi.waitFor(async () => expect(await cache.getJson('shortJson')).toBeNull(), { timeout: 5_000 });
			expect(await cache.get('short')).toBeNull();
			expect(await cache.get('becomesPermanent')).toBe('v2');
			expect(await cache.get('long')).toBe('v');
		});

		it('rejects a TTL that is not a positive number', async () => {
			const cache = await freshCache();
			await expect(cache.set('k', 'v', 0)).rejects.toThrow(/TTL/);
			await expect(cache.increment('k', -5)).rejects.toThrow(/TTL/);
		});

		it('deletes keys and reports how many existed', async () => {
			const cache = await freshCache();
			await cache.set('a', '1');
			await cache.set('b', '2');
			expect(await cache.delete('a', 'b', 'never-existed')).toBe(2);
			expect(await cache.delete()).toBe(0);
			expect(await cache.get('a')).toBeNull();
		});

		it('deletes by prefix without touching other keys, treating glob characters literally', async () => {
			const cache = await freshCache();
			await cache.set('page:1', 'x');
			await cache.set('page:2', 'x');
			await cache.set('pager', 'keep');
			await cache.set('other:page:1', 'keep');
			await cache.set('odd*[x]:1', 'x');
			await cache.set('oddZZ[x]:1', 'keep');
			expect(await cache.deleteByPrefix('page:')).toBe(2);
			expect(await cache.deleteByPrefix('odd*[x]:')).toBe(1);
			expect(await cache.get('page:1')).toBeNull();
			expect(await cache.get('pager')).toBe('keep');
			expect(await cache.get('other:page:1')).toBe('keep');
			expect(await cache.get('oddZZ[x]:1')).toBe('keep');
		});

		it('deletes by prefix across many keys (more than one SCAN page)', async () => {
			const cache = await freshCache();
			await Promise.all(Array.from({ length: 1_200 }, (_, index) => cache.set(`bulk:${index}`, 'x')));
			expect(await cache.deleteByPrefix('bulk:')).toBe(1_200);
			expect(await cache.get('bulk:0')).toBeNull();
		});

		it('increments atomically under 200 concurrent callers', async () => {
			const cache = await freshCache();
			const results = await Promise.all(Array.from({ length: 200 }, () => cache.increment('hits')));
			const values = results.map((result) => result.value).sort((a, b) => a - b);
			expect(values).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
			expect(results.every((result) => result.ttlMs === null)).toBe(true);
			expect(await cache.get('hits')).toBe('200');
		});

		it('keeps a fixed window: the TTL starts at the first increment and is not extended', async () => {
			const cache = await freshCache();
			const first = await cache.increment('window', 150);
			expect(first.value).toBe(1);
			expect(first.ttlMs).toBeGreaterThan(0);
			expect(first.ttlMs).toBeLessThanOrEqual(150);
			// Were each increment to restart the TTL, it would never shrink below the first one, nor the count restart.
			await vi.waitFor(async () => {
				const later = await cache.increment('window', 150);
				expect(later.value).toBeGreaterThan(1);
				expect(later.ttlMs).toBeLessThan(first.ttlMs ?? 0);
			}, { timeout: 5_000 });
			await vi.waitFor(async () => expect((await cache.increment('window', 150)).value).toBe(1), { timeout: 5_000 });
		});

		it('increments several keys in one call, each by its amount and in its own fixed window', async () => {
			const cache = await freshCache();
			await cache.increment('b', 60_000);
			const [a, b] = await cache.incrementMany([{ key: 'a' }, { key: 'b' }], 60_000);
			expect(a!.value).toBe(1);
			expect(b!.value).toBe(2);
			expect(a!.ttlMs).toBeGreaterThan(0);
			expect(b!.ttlMs).toBeLessThanOrEqual(60_000);
			const again = await cache.incrementMany([{ key: 'a', by: 5 }, { key: 'b' }, { key: 'c', by: 3 }], 60_000);
			expect(again.map((result) => result.value)).toEqual([6, 3, 3]);
			expect(await cache.incrementMany([], 60_000)).toEqual([]);
		});

		it('increments an existing integer and refuses a non-integer value', async () => {
			const cache = await freshCache();
			await cache.set('counter', '41');
			expect((await cache.increment('counter')).value).toBe(42);
			await cache.set('text', 'abc');
			await expect(cache.increment('text')).rejects.toThrow();
		});

		it('delivers published messages to local subscribers asynchronously, in order', async () => {
			const cache = await freshCache();
			const { messages } = await collectMessages(cache, 'toggles');
			const publishing = cache.publish('toggles', 'first');
			expect(messages).toEqual([]); // never delivered inline, inside the publisher's call
			await publishing;
			await cache.publish('toggles', 'second');
			await cache.publish('unrelated', 'ignored');
			await vi.waitFor(() => expect(messages).toEqual(['first', 'second']));
		});

		it('stops delivering to a handler after it unsubscribes, while others keep receiving', async () => {
			const cache = await freshCache();
			const leaving = await collectMessages(cache, 'ch');
			const staying = await collectMessages(cache, 'ch');
			await cache.publish('ch', 'before');
			await vi.waitFor(() => expect(leaving.messages).toEqual(['before']));
			await leaving.unsubscribe();
			await leaving.unsubscribe(); // idempotent
			await cache.publish('ch', 'after');
			await vi.waitFor(() => expect(staying.messages).toEqual(['before', 'after']));
			expect(leaving.messages).toEqual(['before']);
		});

		it('resubscribes a channel after all its handlers left', async () => {
			const cache = await freshCache();
			const first = await collectMessages(cache, 'ch');
			await first.unsubscribe();
			const second = await collectMessages(cache, 'ch');
			await cache.publish('ch', 'hello');
			await vi.waitFor(() => expect(second.messages).toEqual(['hello']));
			expect(first.messages).toEqual([]);
		});

		it('isolates a throwing handler: it is logged and other handlers still receive', async () => {
			const cache = await freshCache();
			await cache.subscribe('ch', () => {
				throw new Error('handler bug');
			});
			await cache.subscribe('ch', async () => {
				throw new Error('async handler bug');
			});
			const healthy = await collectMessages(cache, 'ch');
			await cache.publish('ch', 'one');
			await cache.publish('ch', 'two');
			await vi.waitFor(() => expect(healthy.messages).toEqual(['one', 'two']));
			await vi.waitFor(() => expect(logger.error).toHaveBeenCalledTimes(4));
			expect(logger.error).toHaveBeenCalledWith(
				expect.objectContaining({ channel: 'ch', err: expect.any(Error) }),
				expect.any(String)
			);
		});

		it('reports ping false and rejects further use after close', async () => {
			const cache = await freshCache();
			await cache.subscribe('ch', () => undefined);
			await cache.close();
			expect(await cache.ping()).toBe(false);
			await expect(cache.get('k')).rejects.toThrow();
			await cache.close(); // idempotent
		});

		it('lets the process exit after close, even with an active subscription', async () => {
			const body = `
				const cache = await createCache({ url: ${JSON.stringify(backend.url)}, keyPrefix: ${JSON.stringify(`${runPrefix}exit:`)} });
				await cache.subscribe('ch', () => undefined);
				await cache.set('k', 'v', 60_000);
				await cache.deleteByPrefix('');
				await cache.close();
			`;
			expect(await runScriptThatShouldExit(body, 15_000)).toBe(0);
		});

		describe.runIf(backend.sharedAcrossInstances)('between two instances (replicas) on one server', () => {
			it('shares keys and counters', async () => {
				const replicaA = await freshCache();
				const replicaB = await openCache();
				await replicaA.setJson('state', { page: 3 });
				expect(await replicaB.getJson('state')).toEqual({ page: 3 });
				await Promise.all(
					Array.from({ length: 100 }, (_, index) => (index % 2 === 0 ? replicaA : replicaB).increment('shared', 10_000))
				);
				expect((await replicaA.increment('shared')).value).toBe(101);
			});

			it('delivers a publish from one instance to subscribers on the other', async () => {
				const replicaA = await freshCache();
				const replicaB = await openCache();
				const onA = await collectMessages(replicaA, 'plugin-toggles');
				const onB = await collectMessages(replicaB, 'plugin-toggles');
				await replicaA.publish('plugin-toggles', JSON.stringify({ plugin: 'weather', enabled: false }));
				await vi.waitFor(() => expect(onB.messages).toEqual(['{"plugin":"weather","enabled":false}']));
				await vi.waitFor(() => expect(onA.messages).toHaveLength(1));
			});

			it('keeps deployments with different key prefixes apart (keys and channels)', async () => {
				const deploymentA = await freshCache();
				const deploymentB = await openCache({ keyPrefix: newTestPrefix() });
				await deploymentA.set('k', 'from A');
				await deploymentB.set('k', 'from B');
				const onA = await collectMessages(deploymentA, 'ch');
				const onB = await collectMessages(deploymentB, 'ch');
				await deploymentA.publish('ch', 'for A only');
				// Published after A's: once B has it, B would have had A's too (Redis delivers in publishing order).
				await deploymentB.publish('ch', 'for B');
				await vi.waitFor(() => expect(onA.messages).toEqual(['for A only']));
				await vi.waitFor(() => expect(onB.messages).toEqual(['for B']));
				expect(await deploymentA.deleteByPrefix('')).toBe(1);
				expect(await deploymentB.get('k')).toBe('from B');
			});

			it('recovers after its connections are killed: commands work and subscriptions are restored', async () => {
				const replica = await freshCache();
				const publisher = await openCache();
				const received = await collectMessages(replica, 'ch');
				const admin = new Redis(backend.url ?? '', { lazyConnect: true, maxRetriesPerRequest: 1 });
				try {
					await admin.connect();
					// Only this test's connections: CLIENT LIST names carry the unique key prefix.
					const clients = String(await admin.client('LIST')).split('\n');
					const ownIds = clients
						.filter((line) => line.includes(`name=${keyPrefix}cache`))
						.map((line) => /\bid=(\d+)/.exec(line)?.[1])
						.filter((id): id is string => id !== undefined);
					expect(ownIds.length).toBeGreaterThanOrEqual(3);
					for (const id of ownIds) await admin.client('KILL', 'ID', id);
				} finally {
					await admin.quit();
				}
				// Messages published while the subscriber is still reconnecting are lost (pub/sub is fire-and-forget), so keep publishing.
				await vi.waitFor(
					async () => {
						await publisher.publish('ch', 'after reconnect');
						expect(received.messages).toContain('after reconnect');
					},
					{ timeout: 10_000, interval: 100 }
				);
				await vi.waitFor(async () => expect(await replica.ping()).toBe(true), { timeout: 10_000 });
				await replica.set('k', 'v');
				expect(await replica.get('k')).toBe('v');
			});
		});
	});
});

describe('createCache', () => {
	it('uses the in-process backend when no URL is given', async () => {
		const cache = await createCache({ logger: createTestLogger() });
		expect(cache.kind).toBe('memory');
		await cache.close();
	});

	it('rejects within a few seconds with the URL (password redacted) when Redis does not answer', async () => {
		const startedAt = Date.now();
		const attempt = createCache({ url: 'redis://user:s3cret@127.0.0.1:1', logger: createTestLogger() });
		await expect(attempt).rejects.toThrow(/redis:\/\/user:\*\*\*@127\.0\.0\.1:1/);
		await expect(attempt).rejects.not.toThrow(/s3cret/);
		expect(Date.now() - startedAt).toBeLessThan(7_000);
	});

	it('gives up within a few seconds when the port accepts connections but never answers', async () => {
		const openSockets = new Set<Socket>();
		const silentServer = createServer((socket) => openSockets.add(socket));
		await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
		const { port } = silentServer.address() as AddressInfo;
		try {
			const startedAt = Date.now();
			await expect(createCache({ url: `redis://127.0.0.1:${port}`, logger: createTestLogger() })).rejects.toThrow(
				`redis://127.0.0.1:${port}`
			);
			expect(Date.now() - startedAt).toBeLessThan(8_000);
		} finally {
			for (const socket of openSockets) socket.destroy();
			await new Promise((resolve) => silentServer.close(resolve));
		}
	});
});
