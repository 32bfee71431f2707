// Fixed-window counters kept in the cache (Redis shares them across replicas) without a cache round trip on every request.
import type { Cache } from '../../cache/interface.ts';

export interface CounterOptions {
	windowMs: number;
	/** Longest a count waits before it is added to the cache's: across replicas, a limit can be overshot by what the others admitted meanwhile. */
	flushMs: number;
	onFlushError(error: unknown): void;
}

export interface Count {
	/** Requests counted in this window on every replica, this one included, as far as this replica knows. */
	value: number;
	/** Ms before the window ends. */
	ttlMs: number;
}

interface Window {
	/** The cache's count when it last answered. */
	shared: number;
	/** Counted here and not yet sent; `sending`: sent, not yet answered. */
	pending: number;
	sending: number;
	endsAt: number;
}

/**
 * A counter's first request in a window asks the cache (one round trip, as with `increment`), which tells the
 * count so far on every replica and when the window ends. Later requests in the window are counted here at once,
 * on top of that, and sent to the cache every `flushMs` as one `incrementMany` for all counters; each answer
 * brings the other replicas' counts back. On one replica the count is exact; across replicas, one replica learns
 * of the others' requests within `flushMs` plus a round trip. Throws when the cache does not answer a first request.
 */
export class SharedCounters {
	readonly #windows = new Map<string, Window>();
	#timer: NodeJS.Timeout | undefined;
	#flushing: Promise<void> = Promise.resolve();

	private readonly cache: Pick<Cache, 'incrementMany'>;
	private readonly options: CounterOptions;

	constructor(
		cache: Pick<Cache, 'incrementMany'>,
		options: CounterOptions
	) {
		this.cache = cache;
		this.options = options;
	}

	/** Counts one request on every counter named; a known window answers without waiting. */
	count(keys: readonly string[]): Count[] | Promise<Count[]> {
		const now = Date.now();
		let known = true;
		for (const key of keys) {
			const window = this.#windows.get(key);
			if (!window || window.endsAt <= now) known = false;
		}
		if (!known) return this.#countInCache(keys);
		return keys.map((key) => {
			const window = this.#windows.get(key)!;
			window.pending += 1;
			this.#schedule();
			return { value: window.shared + window.sending + window.pending, ttlMs: window.endsAt - now };
		});
	}

	/** Sends every count not yet sent (tests, shutdown). */
	flush(): Promise<void> {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#flushing = this.#flushing.then(() => this.#send());
		return this.#flushing;
	}

	async #countInCache(keys: readonly string[]): Promise<Count[]> {
		const answers = await this.cache.incrementMany(
			keys.map((key) => ({ key })),
			this.options.windowMs
		);
		const now = Date.now();
		if (this.#windows.size > 10_000) this.#forgetEnded(now);
		return keys.map((key, index) => {
			const answer = answers[index]!;
			const ttlMs = answer.ttlMs ?? this.options.windowMs;
			const window = this.#windows.get(key);
			// A window already known here keeps what it counted and not yet sent; the cache's count includes this request.
			if (window && window.endsAt > now) {
				window.shared = Math.max(window.shared, answer.value);
				return { value: window.shared + window.sending + window.pending, ttlMs: window.endsAt - now };
			}
			this.#windows.set(key, { shared: answer.value, pending: 0, sending: 0, endsAt: now + ttlMs });
			return { value: answer.value, ttlMs };
		});
	}

	#schedule(): void {
		this.#timer ??= setTimeout(() => void this.flush(), this.options.flushMs).unref();
	}

	async #send(): Promise<void> {
		const now = Date.now();
		const batch: { key: string; window: Window; by: number }[] = [];
		for (const [key, window] of this.#windows) {
			// Counts of a window that has ended would open the next one with requests it never saw.
			if (window.endsAt <= now) window.pending = 0;
			if (window.pending === 0) continue;
			batch.push({ key, window, by: window.pending });
			window.sending += window.pending;
			window.pending = 0;
		}
		this.#forgetEnded(now);
		if (batch.length === 0) return;
		try {
			const answers = await this.cache.incrementMany(
				batch.map(({ key, by }) => ({ key, by })),
				this.options.windowMs
			);
			batch.forEach(({ window, by }, index) => {
				window.sending -= by;
				window.shared = Math.max(window.shared, answers[index]!.value);
			});
		} catch (error) {
			// These requests were answered already; their counts are lost for the other replicas, not for this one.
			for (const { window, by } of batch) {
				window.sending -= by;
				window.shared += by;
			}
			this.options.onFlushError(error);
		}
	}

	#forgetEnded(now: number): void {
		for (const [key, window] of this.#windows) {
			if (window.endsAt <= now && window.pending === 0 && window.sending === 0) this.#windows.delete(key);
		}
	}
}
