import type { Db } from '#core/db/client.ts';
import type { Logger } from '#core/log.ts';
import { withoutContent, type MessageRow } from './row.ts';
import { applyEdits, insertMessages, markDeleted, type MessageDeletion, type MessageEdit } from './statements.ts';

export interface MessageLogPolicy {
	/** Log messages written by bots and webhooks. */
	includeBots: boolean;
	/** Log direct messages sent to the bot. */
	includeDMs: boolean;
	/** Channels whose messages are logged without their content (author, time and structure only). */
	contentExcludedChannelIds: ReadonlySet<string>;
}

export type DropReason =
	/** The buffer was full, the database having been unreachable for too long. */
	| 'overflow'
	/** The database refused the row itself (invalid data), so retrying cannot help. */
	| 'rejected'
	/** Still unwritten when `close()` ran out of time, or recorded after `close()`. */
	| 'shutdown';

export interface MessageLogWriterOptions {
	db: Db;
	logger?: Pick<Logger, 'error' | 'warn' | 'info'>;
	/** What to log; a function decides per server (the plugin's settings may differ between servers). */
	policy?: Partial<MessageLogPolicy> | ((guildId: string | null) => MessageLogPolicy);
	/** Events written per statement; reaching it triggers a write at once. Default 1000. */
	batchSize?: number;
	/** Longest time an event waits for its batch to fill. Default 200 ms. */
	flushIntervalMs?: number;
	/**
	 * Batches of new messages written at the same time, so the database works while this process is busy
	 * with the gateway. Batches holding edits or deletions are always written alone, in order. Default 2.
	 */
	maxConcurrentWrites?: number;
	/** Events kept while the database is unreachable; past it new events are dropped and counted. Default 200,000. */
	maxBufferedEvents?: number;
	/** First delay before retrying a failed write; doubles up to `retryMaxDelayMs`. Default 250 ms. */
	retryInitialDelayMs?: number;
	/** Default 30 s. */
	retryMaxDelayMs?: number;
	/** Every event lost, with why: wire it to a metric (see metrics.ts). */
	onDropped?: (count: number, reason: DropReason) => void;
	onWritten?: (count: number) => void;
}

export interface MessageLogStats {
	buffered: number;
	written: number;
	dropped: Record<DropReason, number>;
	/** Failed writes since the last successful one; 0 when the database answers. */
	failedAttempts: number;
}

type LogEvent =
	| { kind: 'create'; row: MessageRow }
	| { kind: 'edit'; edit: MessageEdit }
	| { kind: 'delete'; deletion: MessageDeletion };

/** A batch handed to the database; batches leave the queue in order, whatever order they finish in. */
interface Write {
	size: number;
	/** Holds edits or deletions: nothing runs beside it. */
	exclusive: boolean;
	outcome?: { rejected: number } | { error: unknown };
}

/** How often an ongoing loss is reported in the log while it lasts. */
const dropReportIntervalMs = 10_000;

/**
 * Buffers message events and writes them in batches, in arrival order, one batch at a time.
 * While the database is unreachable the events stay buffered (up to `maxBufferedEvents`) and the write
 * is retried with exponential backoff. Writing a batch twice is harmless, so a retry after an ambiguous
 * failure cannot duplicate rows or history.
 */
export class MessageLogWriter {
	readonly #db: Db;
	readonly #logger: MessageLogWriterOptions['logger'];
	readonly #batchSize: number;
	readonly #flushIntervalMs: number;
	readonly #maxConcurrentWrites: number;
	readonly #maxBufferedEvents: number;
	readonly #retryInitialDelayMs: number;
	readonly #retryMaxDelayMs: number;
	readonly #onDropped: MessageLogWriterOptions['onDropped'];
	readonly #onWritten: MessageLogWriterOptions['onWritten'];
	#policy: MessageLogPolicy | ((guildId: string | null) => MessageLogPolicy);
	/** Set once a newer writer took this one's events over: what arrives here goes to it. */
	#successor: MessageLogWriter | undefined;

	#queue: LogEvent[] = [];
	/** Events ever accepted, and events that left the queue (written or dropped): flush targets compare them. */
	#accepted = 0;
	#settled = 0;
	/** Write everything accepted up to this count without waiting for a full batch. */
	#writeUpTo = 0;
	#flushWaiters: { target: number; resolve: () => void }[] = [];

	/** Oldest first; their events are the first `#dispatched` of the queue. */
	#writes: Write[] = [];
	#dispatched = 0;
	#closed = false;
	/** `close()` gave up: no more retries. */
	#abandoned = false;
	#flushTimer: NodeJS.Timeout | undefined;
	#retryTimer: NodeJS.Timeout | undefined;
	#failedAttempts = 0;

	#written = 0;
	#dropped: Record<DropReason, number> = { overflow: 0, rejected: 0, shutdown: 0 };
	#unreportedOverflow = 0;
	#lastOverflowReport = -Infinity;

	constructor(options: MessageLogWriterOptions) {
		this.#db = options.db;
		this.#logger = options.logger;
		this.#batchSize = options.batchSize ?? 1000;
		this.#flushIntervalMs = options.flushIntervalMs ?? 200;
		this.#maxConcurrentWrites = Math.max(1, options.maxConcurrentWrites ?? 2);
		this.#maxBufferedEvents = options.maxBufferedEvents ?? 200_000;
		this.#retryInitialDelayMs = options.retryInitialDelayMs ?? 250;
		this.#retryMaxDelayMs = options.retryMaxDelayMs ?? 30_000;
		this.#onDropped = options.onDropped;
		this.#onWritten = options.onWritten;
		this.#policy = typeof options.policy === 'function' ? options.policy : resolvePolicy(options.policy);
	}

	/**
	 * A new writer (built from a reloaded plugin's code) that takes every event `previous` has not yet
	 * settled, written or not, and writes them first, in order; `previous` forwards to it from then on.
	 * Events that `previous` had in flight are written again: writes are idempotent, so nothing doubles.
	 */
	static takeOver(previous: MessageLogWriter, options: MessageLogWriterOptions): MessageLogWriter {
		const next = new MessageLogWriter(options);
		const { events, flushWaiters } = previous.handOver(next);
		next.#queue = events as LogEvent[];
		next.#accepted = events.length;
		next.#writeUpTo = events.length;
		if (events.length > 0) next.#startWriting();
		// Whoever waits for a flush of the previous writer now waits for this one to write the same events.
		for (const waiter of flushWaiters) void next.flush().then(waiter.resolve);
		return next;
	}

	setPolicy(policy: Partial<MessageLogPolicy>): void {
		this.#policy = resolvePolicy({ ...(typeof this.#policy === 'function' ? {} : this.#policy), ...policy });
	}

	/** Returns false when the policy skips the message or the buffer is full. */
	recordCreate(row: MessageRow): boolean {
		if (this.#successor) return this.#successor.recordCreate(row);
		const stored = this.#admit(row);
		return stored !== null && this.#enqueue({ kind: 'create', row: stored });
	}

	/** `row` is the message after the edit; the content it replaces is kept in `metadata.edits`. */
	recordEdit(row: MessageRow): boolean {
		if (this.#successor) return this.#successor.recordEdit(row);
		const stored = this.#admit(row);
		if (stored === null) return false;
		const { edits: _history, ...metadata } = stored.metadata;
		return this.#enqueue({
			kind: 'edit',
			edit: { messageId: stored.messageId, content: stored.content, editedAt: stored.editedAt, metadata }
		});
	}

	recordDelete(messageId: string, deletedAt = new Date()): boolean {
		if (this.#successor) return this.#successor.recordDelete(messageId, deletedAt);
		return this.#enqueue({ kind: 'delete', deletion: { messageId, deletedAt } });
	}

	recordBulkDelete(messageIds: Iterable<string>, deletedAt = new Date()): void {
		for (const messageId of messageIds) this.recordDelete(messageId, deletedAt);
	}

	/** Resolves once every event recorded before the call is written (or dropped); waits through retries. */
	flush(): Promise<void> {
		if (this.#successor) return this.#successor.flush();
		const target = this.#accepted;
		if (this.#settled >= target) return Promise.resolve();
		this.#writeUpTo = Math.max(this.#writeUpTo, target);
		const done = new Promise<void>((resolve) => this.#flushWaiters.push({ target, resolve }));
		this.#startWriting();
		return done;
	}

	/**
	 * Stops accepting events and writes the buffer. Past `timeoutMs` (the database still down), whatever is
	 * left is counted as dropped and logged, so that shutdown never hangs.
	 */
	async close({ timeoutMs = 10_000 } = {}): Promise<void> {
		// Handed over: the successor owns the events and is closed by whoever owns it.
		if (this.#successor) return;
		this.#closed = true;
		let deadline: NodeJS.Timeout | undefined;
		const timedOut = new Promise<'timeout'>((resolve) => {
			deadline = setTimeout(() => resolve('timeout'), timeoutMs);
		});
		const outcome = await Promise.race([this.flush(), timedOut]);
		clearTimeout(deadline);
		clearTimeout(this.#flushTimer);
		this.#flushTimer = undefined;
		if (outcome !== 'timeout') return;
		this.#abandoned = true;
		clearTimeout(this.#retryTimer);
		this.#retryTimer = undefined;
		this.#writes = [];
		this.#dispatched = 0;
		// A write still in progress may yet commit part of these: counting them as lost errs on the side of telling.
		const lost = this.#queue.length;
		this.#logger?.error(
			{ lost, timeoutMs },
			'Message log closed with unwritten messages: the database did not answer in time'
		);
		this.#settle(lost, 'shutdown');
	}

	get stats(): MessageLogStats {
		return {
			buffered: this.#queue.length,
			written: this.#written,
			dropped: { ...this.#dropped },
			failedAttempts: this.#failedAttempts
		};
	}

	/**
	 * Gives every unsettled event to `successor` and stops: no timer, no retry, late write outcomes ignored.
	 * Public, with plain data only: the successor is usually of another version of this class, which
	 * cannot reach this one's private fields.
	 */
	handOver(successor: MessageLogWriter): { events: readonly unknown[]; flushWaiters: { resolve: () => void }[] } {
		this.#successor = successor;
		this.#abandoned = true;
		clearTimeout(this.#flushTimer);
		clearTimeout(this.#retryTimer);
		this.#flushTimer = undefined;
		this.#retryTimer = undefined;
		const events = this.#queue;
		this.#queue = [];
		this.#writes = [];
		this.#dispatched = 0;
		return { events, flushWaiters: this.#flushWaiters.splice(0) };
	}

	#policyFor(guildId: string | null): MessageLogPolicy {
		return typeof this.#policy === 'function' ? this.#policy(guildId) : this.#policy;
	}

	#admit(row: MessageRow): MessageRow | null {
		if (Number.isNaN(row.createdAt.getTime()) || Number.isNaN(row.editedAt?.getTime())) {
			// Caught here: the statement could not even be built, and the batch would fail forever.
			this.#logger?.error({ messageId: row.messageId }, 'Message log: message with an invalid date, not recorded');
			this.#countDropped(1, 'rejected');
			return null;
		}
		const policy = this.#policyFor(row.guildId);
		if (row.authorIsBot && !policy.includeBots) return null;
		if (row.guildId === null && !policy.includeDMs) return null;
		return policy.contentExcludedChannelIds.has(row.channelId) ? withoutContent(row) : row;
	}

	#enqueue(event: LogEvent): boolean {
		if (this.#closed) {
			this.#logger?.error({ event: event.kind }, 'Message event recorded after the message log was closed');
			this.#countDropped(1, 'shutdown');
			return false;
		}
		if (this.#queue.length >= this.#maxBufferedEvents) {
			this.#reportOverflow();
			return false;
		}
		this.#queue.push(event);
		this.#accepted++;
		if (this.#queue.length - this.#dispatched >= this.#batchSize) this.#startWriting();
		else this.#flushTimer ??= setTimeout(() => this.#onFlushTimer(), this.#flushIntervalMs);
		return true;
	}

	#onFlushTimer(): void {
		this.#flushTimer = undefined;
		this.#writeUpTo = Math.max(this.#writeUpTo, this.#accepted);
		this.#startWriting();
	}

	#startWriting(): void {
		// A pending retry is waited for rather than hammering a database that is down.
		if (this.#retryTimer || this.#writes.some((write) => write.outcome && 'error' in write.outcome)) return;
		while (this.#writes.length < this.#maxConcurrentWrites && !this.#writes.at(-1)?.exclusive) {
			const waiting = this.#queue.length - this.#dispatched;
			const due = waiting >= this.#batchSize || (waiting > 0 && this.#settled + this.#dispatched < this.#writeUpTo);
			if (!due) break;
			const batch = this.#queue.slice(this.#dispatched, this.#dispatched + this.#batchSize);
			// An edit or deletion must not overtake the insert of its message, which may be in flight.
			const exclusive = batch.some((event) => event.kind !== 'create');
			if (exclusive && this.#writes.length > 0) break;
			const write: Write = { size: batch.length, exclusive };
			this.#writes.push(write);
			this.#dispatched += batch.length;
			void this.#writeBatch(batch).then((outcome) => this.#finish(write, outcome));
		}
		if (this.#queue.length > this.#dispatched) this.#flushTimer ??= setTimeout(() => this.#onFlushTimer(), this.#flushIntervalMs);
	}

	#finish(write: Write, outcome: NonNullable<Write['outcome']>): void {
		if (this.#abandoned) return;
		write.outcome = outcome;
		// Settle finished writes from the oldest, up to the first one still running or failed.
		for (let first = this.#writes[0]; first?.outcome && 'rejected' in first.outcome; first = this.#writes[0]) {
			this.#writes.shift();
			this.#dispatched -= first.size;
			const written = first.size - first.outcome.rejected;
			if (written > 0) this.#settleWritten(written);
			this.#settle(first.outcome.rejected, 'rejected');
		}
		const failed = this.#writes.find((pending) => pending.outcome && 'error' in pending.outcome);
		if (failed?.outcome && 'error' in failed.outcome) {
			if (this.#writes.some((pending) => !pending.outcome)) return;
			// Every write has ended: retry from the failed batch on. Batches after it that did succeed are
			// written again, which changes nothing.
			this.#writes = [];
			this.#dispatched = 0;
			this.#scheduleRetry(failed.outcome.error);
			return;
		}
		this.#startWriting();
	}

	/** Writes `batch`; a row the database refuses is isolated so that the rest of the batch still goes in. */
	async #writeBatch(batch: LogEvent[]): Promise<NonNullable<Write['outcome']>> {
		try {
			await writeEvents(this.#db, batch);
			return { rejected: 0 };
		} catch (error) {
			if (!isRowError(error)) return { error };
		}
		// A row the database refuses would block the log forever: find it by writing the batch one by one.
		let rejected = 0;
		for (const event of batch) {
			try {
				await writeEvents(this.#db, [event]);
			} catch (error) {
				if (!isRowError(error)) return { error };
				this.#logger?.error({ err: error, event: eventSummary(event) }, 'Message log: the database refused a row');
				rejected++;
			}
		}
		return { rejected };
	}

	#settleWritten(count: number): void {
		if (this.#failedAttempts > 0) {
			this.#logger?.info({ failedAttempts: this.#failedAttempts }, 'Message log: the database answers again');
			this.#failedAttempts = 0;
			this.#reportOverflowNow();
		}
		this.#written += count;
		this.#onWritten?.(count);
		this.#settle(count);
	}

	/** Removes `count` events from the head of the queue, counted as written or dropped for `reason`. */
	#settle(count: number, reason?: DropReason): void {
		if (count === 0) return;
		this.#queue.splice(0, count);
		this.#settled += count;
		if (reason) this.#countDropped(count, reason);
		const waiting = this.#flushWaiters;
		this.#flushWaiters = waiting.filter((waiter) => waiter.target > this.#settled);
		for (const waiter of waiting) if (waiter.target <= this.#settled) waiter.resolve();
	}

	#scheduleRetry(error: unknown): void {
		if (this.#abandoned) return;
		this.#failedAttempts++;
		const backoff = Math.min(this.#retryInitialDelayMs * 2 ** (this.#failedAttempts - 1), this.#retryMaxDelayMs);
		// Jitter: replicas that lost the same database do not all come back at the same instant.
		const delay = Math.round(backoff * (0.75 + Math.random() / 4));
		this.#logger?.warn(
			{ err: error, failedAttempts: this.#failedAttempts, retryInMs: delay, buffered: this.#queue.length },
			'Message log: write failed, keeping the messages and retrying'
		);
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = undefined;
			this.#startWriting();
		}, delay);
	}

	#countDropped(count: number, reason: DropReason): void {
		this.#dropped[reason] += count;
		this.#onDropped?.(count, reason);
	}

	#reportOverflow(): void {
		this.#countDropped(1, 'overflow');
		this.#unreportedOverflow++;
		if (performance.now() - this.#lastOverflowReport >= dropReportIntervalMs) this.#reportOverflowNow();
	}

	#reportOverflowNow(): void {
		if (this.#unreportedOverflow === 0) return;
		this.#logger?.error(
			{ dropped: this.#unreportedOverflow, totalDropped: this.#dropped.overflow, maxBufferedEvents: this.#maxBufferedEvents },
			'Message log buffer full: messages dropped while the database is unreachable'
		);
		this.#unreportedOverflow = 0;
		this.#lastOverflowReport = performance.now();
	}
}

function resolvePolicy(policy: Partial<MessageLogPolicy> = {}): MessageLogPolicy {
	return {
		includeBots: policy.includeBots ?? false,
		includeDMs: policy.includeDMs ?? false,
		contentExcludedChannelIds: new Set(policy.contentExcludedChannelIds ?? [])
	};
}

/** One batch, in one transaction when it takes several statements. */
async function writeEvents(db: Db, events: readonly LogEvent[]): Promise<void> {
	const creates: MessageRow[] = [];
	// The n-th edit of a message goes to round n: one statement can update a row only once.
	const editRounds: MessageEdit[][] = [];
	const editsSeen = new Map<string, number>();
	const deletions: MessageDeletion[] = [];
	for (const event of events) {
		if (event.kind === 'create') creates.push(event.row);
		else if (event.kind === 'delete') deletions.push(event.deletion);
		else {
			const round = editsSeen.get(event.edit.messageId) ?? 0;
			editsSeen.set(event.edit.messageId, round + 1);
			(editRounds[round] ??= []).push(event.edit);
		}
	}
	// Inserts first, then edits, then deletions: within a batch this is the only order events can have.
	const statements = [
		...(creates.length > 0 ? [insertMessages(creates)] : []),
		...editRounds.map((round) => applyEdits(round)),
		...(deletions.length > 0 ? [markDeleted(deletions)] : [])
	];
	const [only] = statements;
	if (statements.length === 1 && only) {
		await db.execute(only);
		return;
	}
	await db.transaction(async (tx) => {
		for (const statement of statements) await tx.execute(statement);
	});
}

/** Invalid data (class 22) or a violated constraint (class 23): the row's fault, not the database's. */
function isRowError(error: unknown): boolean {
	const code = sqlState(error);
	return code !== undefined && (code.startsWith('22') || code.startsWith('23'));
}

function sqlState(error: unknown): string | undefined {
	// drizzle wraps the driver's error in `cause`.
	for (let current = error; current instanceof Object; current = (current as { cause?: unknown }).cause) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
	}
	return undefined;
}

function eventSummary(event: LogEvent): { kind: LogEvent['kind']; messageId: string } {
	const messageId =
		event.kind === 'create' ? event.row.messageId : event.kind === 'edit' ? event.edit.messageId : event.deletion.messageId;
	return { kind: event.kind, messageId };
}
