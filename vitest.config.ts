import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['core/**/*.test.ts', 'plugins/**/*.test.ts', 'emulator/**/*.test.ts', 'sandbox/**/*.test.ts', 'test/**/*.test.ts'],
		exclude: ['**/node_modules/**', 'test/.tmp/**'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		globalSetup: ['test/global-setup.ts'],
		// The bot's own code runs as in production: native Node ESM under tsx, not through Vite's
		// module runner, so the plugin host's module hook and versioned plugin imports behave for real.
		execArgv: ['--import', 'tsx'],
		server: { deps: { external: [/\/core\//, /\/plugins\//, /\/emulator\//, /\/sandbox\//, /\/scripts\//, /\/test\/support\//, /\/test\/\.tmp\//, /\/test\/fixtures\//] } }
	}
});
