// Rows inserted one by one by concurrent callers, written together: one statement and one commit for the rows that arrive while the last batch is being written.

export interface InsertBatcherOptions {
	/** Rows per statement at most. */
	maxRows?: number;
	/**
	 * Statements running at once at most; rows arriving meanwhile wait for the next. One by default: at 2,500 to
	 * 4,000 tasks a second through the API, two at once cost more CPU per row (smaller batches) and longer waits.
	 */
	maxInFlight?: number;
}

interface Waiting<Values, Row> {
	values: Values;
	resolve(row: Row): void;
	reject(error: unknown): void;
}

/**
 * Each caller still gets its own row (matched by the `id` it chose) or its own error: when a batch fails, its
 * rows are written again one by one, so one bad row fails alone. Under load, a commit per row is what limits an
 * insert-per-request API (each waits for the write-ahead log); alone, a row waits one event-loop turn.
 */
export class InsertBatcher<Values extends { id: string }, Row extends { id: string }> {
	readonly #maxRows: number;
	readonly #maxInFlight: number;
	#waiting: Waiting<Values, Row>[] = [];
	#inFlight = 0;
	#scheduled = false;

	private readonly insertMany: (values: Values[]) => Promise<Row[]>;

	constructor(
		insertMany: (values: Values[]) => Promise<Row[]>,
		{ maxRows = 200, maxInFlight = 1 }: InsertBatcherOptions = {}
	) {
		this.insertMany = insertMany;
		this.#maxRows = maxRows;
		this.#maxInFlight = maxInFlight;
	}

	insert(values: Values): Promise<Row> {
		return new Promise<Row>((resolve, reject) => {
			this.#waiting.push({ values, resolve, reject });
			this.#schedule();
		});
	}

	#schedule(): void {
		if (this.#scheduled || this.#inFlight >= this.#maxInFlight || this.#waiting.length === 0) return;
		this.#scheduled = true;
		// After the current turn's I/O callbacks: the requests that arrived together leave together.
		setImmediate(() => {
			this.#scheduled = false;
			void this.#write();
		});
	}

	async #write(): Promise<void> {
		if (this.#inFlight >= this.#maxInFlight) return;
		const batch = this.#waiting.splice(0, this.#maxRows);
		if (batch.length === 0) return;
		this.#inFlight += 1;
		try {
			await this.#writeBatch(batch);
		} finally {
			this.#inFlight -= 1;
			this.#schedule();
		}
	}

	async #writeBatch(batch: Waiting<Values, Row>[]): Promise<void> {
		let rows: Row[];
		try {
			rows = await this.insertMany(batch.map((waiting) => waiting.values));
		} catch (error) {
			if (batch.length === 1) {
				batch[0]!.reject(error);
				return;
			}
			await Promise.all(batch.map((waiting) => this.#writeBatch([waiting])));
			return;
		}
		const byId = new Map(rows.map((row) => [row.id, row]));
		for (const waiting of batch) {
			const row = byId.get(waiting.values.id);
			if (row) waiting.resolve(row);
			else waiting.reject(new Error(`insert returned no row for ${waiting.values.id}`));
		}
	}
}
