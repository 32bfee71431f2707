import { availableParallelism, totalmem } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * A test process peaks at 0.45-0.8 GB on PGlite (its WebAssembly memory; measured per file without PostgreSQL).
 * Vitest's default, one process per core but one, can then ask for more memory than the machine (or its
 * container) has, and the kernel kills a process in the middle of a file: "Worker exited unexpectedly".
 * One process per core but one, as long as each has 1 GB and 1 GB is left for Vitest and the system.
 */
const memoryBytes = Math.min(totalmem(), process.constrainedMemory?.() || Number.POSITIVE_INFINITY);
const maxWorkers = Math.max(1, Math.min(availableParallelism() - 1, Math.floor(memoryBytes / 2 ** 30) - 1));

export default defineConfig({
	test: {
		include: ['core/**/*.test.ts', 'plugins/**/*.test.ts', 'emulator/**/*.test.ts', 'sandbox/**/*.test.ts', 'test/**/*.test.ts'],
		exclude: ['**/node_modules/**', 'test/.tmp/**'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		maxWorkers,
		globalSetup: ['test/global-setup.ts'],
		// The bot's own code runs as in production: native Node ESM under the project's TypeScript loader, not through Vite's
		// module runner, so the plugin host's module hook and versioned plugin imports behave for real.
		execArgv: ['--import', new URL('./core/runtime/typescript.mjs', import.meta.url).href],
		server: { deps: { external: [/\/core\//, /\/plugins\//, /\/emulator\//, /\/sandbox\//, /\/scripts\//, /\/test\/support\//, /\/test\/\.tmp\//, /\/test\/fixtures\//] } }
	}
});
