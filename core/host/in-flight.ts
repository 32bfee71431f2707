/**
 * Counts the calls of one plugin version's pieces that have not finished (a command, a route, a
 * scheduled run, a listener), so a reload can let them end before the old version is cleaned up.
 */
import type { Piece } from '@sapphire/framework';
import type { StoreName } from './piece-kinds.ts';

/** The methods through which Sapphire, plugin-api and the schedulers enter a piece. */
const entryPoints: Record<StoreName, string[]> = {
	commands: ['chatInputRun', 'messageRun', 'contextMenuRun', 'autocompleteRun'],
	listeners: ['run'],
	'interaction-handlers': ['run'],
	routes: ['run'],
	'scheduled-tasks': ['run'],
	preconditions: [],
	arguments: []
};

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';

export class InFlight {
	private running = 0;
	private waiters: (() => void)[] = [];

	/** Wraps the piece's entry points (call after the gates have wrapped them). */
	track(store: StoreName, piece: Piece): void {
		const target = piece as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>;
		for (const method of entryPoints[store]) {
			const original = target[method];
			if (typeof original !== 'function') continue;
			// Still a promise for every caller, as an async wrapper gave, but with one reaction on the piece's own
			// promise instead of an async function's frame and an await: this runs on every API request.
			target[method] = (...args: unknown[]) => {
				this.running++;
				let result: unknown;
				try {
					result = original.apply(piece, args);
				} catch (error) {
					this.finished();
					return Promise.reject(error);
				}
				if (!isThenable(result)) {
					this.finished();
					return Promise.resolve(result);
				}
				return result.then(
					(value) => {
						this.finished();
						return value;
					},
					(error: unknown) => {
						this.finished();
						throw error;
					}
				);
			};
		}
	}

	private finished(): void {
		this.running--;
		if (this.running === 0) for (const wake of this.waiters.splice(0)) wake();
	}

	get count(): number {
		return this.running;
	}

	/** Resolves true once nothing runs, or false after `timeoutMs` with calls still running. */
	drained(timeoutMs: number): Promise<boolean> {
		if (this.running === 0) return Promise.resolve(true);
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.waiters = this.waiters.filter((wake) => wake !== done);
				resolve(false);
			}, timeoutMs);
			const done = () => {
				clearTimeout(timer);
				resolve(true);
			};
			this.waiters.push(done);
		});
	}
}
