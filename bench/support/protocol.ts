/** Messages between a bench's load generator and a bot it runs in a child process (over Node's IPC channel). */

export interface MemoryFigures {
	/** Resident set size now, as the OS sees it (what a container's memory limit counts). */
	rss: number;
	/** Highest resident set size of the process so far (VmHWM). */
	peakRss: number;
	heapUsed: number;
	heapTotal: number;
	/** Memory of C++ objects bound to JS, including ArrayBuffers. */
	external: number;
	arrayBuffers: number;
	/** Resident bytes by kind of mapping (node binary, native addons, anonymous memory …), Linux only. */
	byMapping: Record<string, number>;
	/** PGlite's WebAssembly memory (its whole Postgres heap), when the bot runs on PGlite. */
	wasm?: number;
}

export type ParentRequest =
	| { id: number; kind: 'memory' }
	/** Runs a full garbage collection first (the child runs with --expose-gc). */
	| { id: number; kind: 'memory-after-gc' }
	| { id: number; kind: 'snapshot'; file: string }
	| { id: number; kind: 'stop' };

export type ChildMessage =
	| { kind: 'ready'; botUserId: string; details?: Record<string, unknown> }
	| { kind: 'failed'; error: string }
	| { id: number; kind: 'memory'; memory: MemoryFigures }
	| { id: number; kind: 'snapshot'; file: string }
	| { id: number; kind: 'stopped' };
