// api_logs rows gathered and written in batches: one INSERT per batch, on size or after a short wait, and whatever is left at shutdown.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiLogs } from '../../db/schema.ts';
import type { Logger } from '../../log.ts';

export type ApiLogRow = typeof apiLogs.$inferInsert;

export interface ApiLogWriterOptions {
	/** Rows per statement; reaching it writes at once. */
	batchSize?: number;
	/** Longest a row waits for its batch. */
	flushIntervalMs?: number;
	/** Rows kept while the database does not answer; past it new rows are dropped and counted. */
	maxBufferedRows?: number;
}

/**
 * One statement with one JSON parameter, whatever the batch's size: building a VALUES list of 500 rows through the
 * query builder cost more CPU than the requests' own work under load, and six array parameters still had node-postgres
 * quote every element in JavaScript, where JSON.stringify is one native call.
 */
function insertStatement(rows: ApiLogRow[]) {
	const json = JSON.stringify(
		rows.map((row) => ({ method: row.method, path: row.path, status: row.status, duration_ms: row.durationMs, caller: row.caller ?? null, ip: row.ip ?? null }))
	);
	return sql`INSERT INTO ${apiLogs} (method, path, status, duration_ms, caller, ip)
		SELECT method, path, status, duration_ms, caller, ip
		FROM json_to_recordset(${json}::json) AS row(method text, path text, status smallint, duration_ms integer, caller text, ip text)`;
}

/**
 * A request's row must not cost a statement of its own: under load that is a database round trip per
 * request. Rows wait here (at most `flushIntervalMs`) and leave together. A failed write keeps its
 * rows for the next attempt, within `maxBufferedRows`.
 */
export class ApiLogWriter {
	readonly #batchSize: number;
	readonly #flushIntervalMs: number;
	readonly #maxBufferedRows: number;
	#rows: ApiLogRow[] = [];
	#timer: NodeJS.Timeout | undefined;
	#writing: Promise<void> = Promise.resolve();
	#dropped = 0;
	#closed = false;

	private readonly db: Db;
	private readonly logger: Pick<Logger, 'error' | 'warn'>;

	constructor(
		db: Db,
		logger: Pick<Logger, 'error' | 'warn'>,
		{ batchSize = 500, flushIntervalMs = 1_000, maxBufferedRows = 50_000 }: ApiLogWriterOptions = {}
	) {
		this.db = db;
		this.logger = logger;
		this.#batchSize = batchSize;
		this.#flushIntervalMs = flushIntervalMs;
		this.#maxBufferedRows = maxBufferedRows;
	}

	push(row: ApiLogRow): void {
		if (this.#closed) return;
		if (this.#rows.length >= this.#maxBufferedRows) {
			if (this.#dropped++ === 0) this.logger.warn({ buffered: this.#rows.length }, 'api_logs: buffer full, rows dropped until the database answers');
			return;
		}
		this.#rows.push(row);
		if (this.#rows.length % this.#batchSize === 0) void this.#write('full batches');
		this.#timer ??= setTimeout(() => void this.flush(), this.#flushIntervalMs);
	}

	/** Writes every row pushed so far (one statement per batch), after any write already running. */
	flush(): Promise<void> {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		return this.#write('every row');
	}

	/** Stops accepting rows and writes the rest. */
	async close(): Promise<void> {
		this.#closed = true;
		await this.flush();
	}

	/**
	 * A full batch leaves at once, but not the rows that arrive during its write: they wait for a batch of their own
	 * or for the timer. Written as soon as its predecessor was done, each statement carried only the rows of one
	 * database round trip (about 50 rows, 190 statements a second, under bench/api.ts's load).
	 */
	#write(rows: 'full batches' | 'every row'): Promise<void> {
		const least = rows === 'full batches' ? this.#batchSize : 1;
		this.#writing = this.#writing.then(() => this.#writeAll(least));
		return this.#writing;
	}

	async #writeAll(least: number): Promise<void> {
		while (this.#rows.length >= least) {
			const batch = this.#rows.splice(0, this.#batchSize);
			try {
				await this.db.execute(insertStatement(batch));
			} catch (error) {
				// Kept for the next flush (a later request's timer, or shutdown): the database may be back by then.
				this.#rows.unshift(...batch);
				this.logger.error({ err: error, rows: this.#rows.length }, 'api_logs write failed; rows kept for the next attempt');
				if (!this.#closed) this.#timer ??= setTimeout(() => void this.flush(), this.#flushIntervalMs * 5);
				return;
			}
			if (this.#dropped > 0) {
				this.logger.warn({ dropped: this.#dropped }, 'api_logs: rows were dropped while the database did not answer');
				this.#dropped = 0;
			}
		}
	}
}
