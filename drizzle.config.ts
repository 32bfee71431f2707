import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from the TypeScript schema of the core and of each plugin.
export default defineConfig({
	dialect: 'postgresql',
	schema: ['./core/db/schema.ts', './plugins/*/schema.ts'],
	out: './migrations'
});
