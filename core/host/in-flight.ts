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

export class InFlight {
	private running = 0;
	private waiters: (() => void)[] = [];

	/** Wraps the piece's entry points (call after the gates have wrapped them). */
	track(store: StoreName, piece: Piece): void {
		const target = piece as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>;
		for (const method of entryPoints[store]) {
			const original = target[method];
			if (typeof original !== 'function') continue;
			target[method] = async (...args: unknown[]) => {
				this.running++;
				try {
					return await original.apply(piece, args);
				} finally {
					this.running--;
					if (this.running === 0) for (const wake of this.waiters.splice(0)) wake();
				}
			};
		}
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
