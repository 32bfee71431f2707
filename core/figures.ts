// Figures summarised from the database (dashboards' totals, /stats), kept in memory until a write they summarise commits.
import type { Database } from './db/client.ts';
import type { Listening } from './db/listen.ts';
import type { Logger } from './log.ts';

/** The channel migration 0012's statement triggers notify, with the written table's name as payload. */
export const figuresChannel = 'figures_changed';

export interface RememberOptions {
	/** Tables whose writes leave these figures valid (e.g. the raw message log, for figures read from its roll-up). */
	ignores?: readonly string[];
}

interface Entry {
	value: unknown;
	ignores: readonly string[];
	expiresAt: number;
}

/**
 * A computed value stays until a committed write to a table it may summarise (PostgreSQL NOTIFY from
 * statement triggers: every write path, every replica, and only once committed), or until `ttlMs` for
 * figures that slide with the clock (last 24 hours, overdue today). Concurrent misses share one
 * computation; a computation that a write overtook is returned but not kept. While notifications cannot
 * be heard (connection lost), nothing is kept: every read computes afresh.
 */
export class Figures {
	readonly #entries = new Map<string, Entry>();
	readonly #computing = new Map<string, Promise<unknown>>();
	readonly #ttlMs: number;
	readonly #maxEntries: number;
	#listening: Listening | undefined;
	#live = false;
	/** Bumped by every change; `#changedAt` has the epoch of each table's last change (and `*` of a reset). */
	#epoch = 0;
	readonly #changedAt = new Map<string, number>();
	/** How many computations ran: what the cache did not serve. */
	computations = 0;

	private constructor(options: { ttlMs: number; maxEntries: number }) {
		this.#ttlMs = options.ttlMs;
		this.#maxEntries = options.maxEntries;
	}

	static async start(database: Pick<Database, 'listen'>, { ttlMs = 60_000, maxEntries = 2_000, logger }: { ttlMs?: number; maxEntries?: number; logger?: Logger } = {}): Promise<Figures> {
		const figures = new Figures({ ttlMs, maxEntries });
		figures.#listening = await database.listen(figuresChannel, {
			notify: (table) => figures.changed(table),
			live: (live) => {
				figures.#live = live;
				figures.#forgetAll();
				if (live) logger?.info('Figures cache listening to database writes again');
			}
		});
		return figures;
	}

	/** The value under `key`, computed by `compute` when missing, expired or made stale by a write. */
	async remember<T>(key: string, compute: () => Promise<T>, options: RememberOptions = {}): Promise<T> {
		const entry = this.#entries.get(key);
		if (entry && entry.expiresAt > Date.now()) return entry.value as T;
		const running = this.#computing.get(key);
		if (running) return running as Promise<T>;
		const epoch = this.#epoch;
		const computation = (async () => {
			this.computations++;
			const value = await compute();
			const ignores = options.ignores ?? [];
			if (this.#live && !this.#changedSince(epoch, ignores)) this.#keep(key, { value, ignores, expiresAt: Date.now() + this.#ttlMs });
			return value;
		})();
		this.#computing.set(key, computation);
		try {
			return await computation;
		} finally {
			this.#computing.delete(key);
		}
	}

	/** A committed write to `table`: figures that may summarise it are dropped. */
	changed(table: string): void {
		this.#changedAt.set(table, ++this.#epoch);
		for (const [key, entry] of this.#entries) if (!entry.ignores.includes(table)) this.#entries.delete(key);
	}

	async stop(): Promise<void> {
		await this.#listening?.stop();
		this.#listening = undefined;
		this.#live = false;
		this.#forgetAll();
	}

	/** Whether a table these figures may summarise changed after `epoch` (the computation may have read older rows). */
	#changedSince(epoch: number, ignores: readonly string[]): boolean {
		for (const [table, at] of this.#changedAt) if (at > epoch && !ignores.includes(table)) return true;
		return false;
	}

	#keep(key: string, entry: Entry): void {
		// Oldest first in a Map: past the limit (members × periods × languages of /stats), the oldest goes.
		this.#entries.delete(key);
		if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
		this.#entries.set(key, entry);
	}

	#forgetAll(): void {
		this.#changedAt.set('*', ++this.#epoch);
		this.#entries.clear();
	}
}
