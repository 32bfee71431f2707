import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['core/**/*.test.ts', 'plugins/**/*.test.ts', 'test/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		fileParallelism: true
	}
});
