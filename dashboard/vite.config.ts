// Builds the dashboard into dashboard/dist, served by the bot at /dashboard (see core/bot/http/dashboard-route.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
	root: fileURLToPath(new URL('.', import.meta.url)),
	base: '/dashboard/',
	// Preact's JSX through Vite's own transform (oxc): no Babel preset needed. Never its development form, which
	// Vite picks when NODE_ENV is not `production` (a build by a browser test under vitest: +3 KB gzip of source locations).
	oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
	build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
	logLevel: 'warn'
});
