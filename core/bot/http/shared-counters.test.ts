import { describe, expect, it, vi } from 'vitest';
import { MemoryCache } from '../../cache/memory.ts';
import { SharedCounters, type Count } from './shared-counters.ts';

const values = (counts: Count[]) => counts.map((count) => count.value);

/** Two replicas: two SharedCounters on one cache, which plays Redis. */
function replicas(flushMs = 60_000) {
	const cache = new MemoryCache({ debug() {}, info() {}, warn() {}, error() {} });
	const calls = vi.spyOn(cache, 'incrementMany');
	const options = { windowMs: 60_000, flushMs, onFlushError: vi.fn() };
	return { cache, calls, one: new SharedCounters(cache, options), two: new SharedCounters(cache, options), options };
}

describe('SharedCounters', () => {
	it('asks the cache for a window\'s first request only, then counts here, exactly, without waiting', async () => {
		const { calls, one } = replicas();
		const first = await one.count(['ip', 'key']);
		expect(values(first)).toEqual([1, 1]);
		expect(first[0]!.ttlMs).toBeGreaterThan(59_000);
		for (let index = 2; index <= 5; index += 1) {
			const counted = one.count(['ip', 'key']);
			expect(Array.isArray(counted)).toBe(true);
			expect(values(counted as Count[])).toEqual([index, index]);
		}
		expect(calls).toHaveBeenCalledTimes(1);
	});

	it('adds what it counted to the cache in one call for every counter, and learns the other replicas\' counts', async () => {
		const { cache, calls, one, two } = replicas();
		await one.count(['ip', 'key']);
		await two.count(['ip']);
		for (let index = 0; index < 10; index += 1) one.count(['ip', 'key']);
		two.count(['ip']);
		calls.mockClear();
		await one.flush();
		expect(calls).toHaveBeenCalledTimes(1);
		expect(calls.mock.calls[0]![0]).toEqual([{ key: 'ip', by: 10 }, { key: 'key', by: 10 }]);
		expect(await cache.get('key')).toBe('11');
		await two.flush();
		expect(await cache.get('ip')).toBe('13');
		// Two flushed last and knows every request; one learns of two's latest at its next flush.
		expect(values(two.count(['ip']) as Count[])).toEqual([14]);
		await two.flush();
		expect(values(one.count(['ip']) as Count[])).toEqual([13]);
		await one.flush();
		expect(await cache.get('ip')).toBe('15');
		expect(values(one.count(['ip']) as Count[])).toEqual([16]);
	});

	it('sends on its own after flushMs', async () => {
		const { cache, one } = replicas(5);
		await one.count(['ip']);
		one.count(['ip']);
		await vi.waitFor(async () => expect(await cache.get('ip')).toBe('2'));
	});

	it('starts a new window through the cache once the last one ended, dropping counts of the old one not yet sent', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			const { cache, calls, one, options } = replicas();
			await one.count(['ip']);
			one.count(['ip']);
			vi.setSystemTime(Date.now() + options.windowMs + 1);
			await cache.delete('ip'); // Redis would have expired it
			calls.mockClear();
			const counted = one.count(['ip']);
			expect(counted).toBeInstanceOf(Promise);
			expect(values(await counted)).toEqual([1]);
			await one.flush();
			expect(calls).toHaveBeenCalledTimes(1);
			expect(await cache.get('ip')).toBe('1');
		} finally {
			vi.useRealTimers();
		}
	});

	it('keeps counting here when the cache fails to take the counts, and says so', async () => {
		const { cache, one, options } = replicas();
		await one.count(['ip']);
		one.count(['ip']);
		vi.spyOn(cache, 'incrementMany').mockRejectedValueOnce(new Error('down'));
		await one.flush();
		expect(options.onFlushError).toHaveBeenCalledOnce();
		expect(values(one.count(['ip']) as Count[])).toEqual([3]);
	});
});
