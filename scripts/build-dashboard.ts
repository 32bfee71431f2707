// Builds the web dashboard (dashboard/ → dashboard/dist) with Vite; run by `npm install` (prepare) and by the browser test when the build is stale.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { build as ViteBuild } from 'vite';

const dashboardRoot = fileURLToPath(new URL('../dashboard/', import.meta.url));
const builtPage = join(dashboardRoot, 'dist', 'index.html');

function newestSource(folder: string): number {
	let newest = 0;
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		if (entry.name === 'dist' || entry.name === 'node_modules') continue;
		const path = join(folder, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
	}
	return newest;
}

/** Whether dashboard/dist is missing or older than a source file of dashboard/. */
/** The first load's JavaScript (every script of dashboard/dist/assets), gzip level 9, in bytes: the budget is 300 KB. */
export function dashboardScriptBytes(): { files: number; gzipBytes: number } {
	const assets = join(dashboardRoot, 'dist', 'assets');
	const scripts = readdirSync(assets).filter((file) => file.endsWith('.js'));
	return { files: scripts.length, gzipBytes: scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(assets, file)), { level: 9 }).length, 0) };
}

export const dashboardIsStale = (): boolean => !existsSync(builtPage) || statSync(builtPage).mtimeMs < newestSource(dashboardRoot);

/** Builds the dashboard; false (with a note) when Vite is absent, as in a production install (`npm ci --omit=dev`). */
export async function buildDashboard(): Promise<boolean> {
	let build: typeof ViteBuild;
	try {
		({ build } = await import('vite'));
	} catch {
		console.warn('Dashboard not built: Vite is not installed (production install). The Docker image builds it in its own stage.');
		return false;
	}
	await build({ root: dashboardRoot, configFile: join(dashboardRoot, 'vite.config.ts'), logLevel: 'warn' });
	const { files, gzipBytes } = dashboardScriptBytes();
	console.log(`Dashboard built: ${files} script(s), ${(gzipBytes / 1024).toFixed(1)} KB of JavaScript gzip (budget 300 KB).`);
	return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	await buildDashboard();
}
