import type { Cache } from './cache/cache.ts';
import type { Db } from './db/client.ts';
import type { Logger } from './log.ts';

/** Safety net for an instance that missed a broadcast (Redis restart): re-read every so often. */
const refreshEveryMs = 30_000;

/**
 * A setting kept in bot_config that every running instance applies within a second, without a
 * restart: a write re-reads it here and announces it on the cache bus, the others re-read on the
 * announcement (and every 30 s in case one was missed). Subclasses say how to read it.
 */
export abstract class SharedSetting<State> {
	protected state: State;
	private readonly listeners = new Set<() => void>();
	private unsubscribe?: () => Promise<void>;
	private refreshTimer?: NodeJS.Timeout;
	/** Reads started and the newest applied: a slow read must not put back a state older than a newer one. */
	private readsStarted = 0;
	private newestApplied = 0;

	protected readonly db: Db;
	private readonly cache: Cache;
	private readonly logger: Logger;
	private readonly channel: string;

	protected constructor(
		db: Db,
		cache: Cache,
		logger: Logger,
		channel: string,
		initial: State
	) {
		this.db = db;
		this.cache = cache;
		this.logger = logger;
		this.channel = channel;
		this.state = initial;
	}

	/** Reads the current state from the database. */
	protected abstract read(): Promise<State>;

	async start(): Promise<void> {
		await this.refresh();
		this.unsubscribe = await this.cache.subscribe(this.channel, () => void this.refresh());
		this.refreshTimer = setInterval(() => void this.refresh(), refreshEveryMs).unref();
	}

	async stop(): Promise<void> {
		clearInterval(this.refreshTimer);
		await this.unsubscribe?.();
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Call after writing: applies the change here, then tells the other instances. */
	protected async written(): Promise<void> {
		await this.refresh();
		await this.cache.publish(this.channel, 'changed');
	}

	/** Reads the stored value again now (the host does before a load, in case a row was written by hand). */
	async refresh(): Promise<void> {
		const read = ++this.readsStarted;
		try {
			const next = await this.read();
			if (read < this.newestApplied) return;
			this.newestApplied = read;
			const changed = JSON.stringify(next) !== JSON.stringify(this.state);
			this.state = next;
			if (changed) for (const listener of this.listeners) listener();
		} catch (error) {
			this.logger.error({ err: error, setting: this.channel }, 'Could not read a shared setting; keeping the previous value');
		}
	}
}
