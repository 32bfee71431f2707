/**
 * Monster as production starts it (core/app.ts `startMonster`, the project's plugins, configuration from the
 * environment), logged in to the bench's local Discord server, in its own process (bench/footprint.ts).
 */
import { container } from '@sapphire/framework';
import { startMonster } from '../../core/app.ts';
import { loadConfig } from '../../core/config.ts';
import { processLogger } from '../../core/log.ts';
import { serveBench } from '../support/child.ts';

/** PGlite's WebAssembly memory: the whole embedded Postgres (shared buffers, caches, its C heap) lives in it. */
function pgliteWasmBytes(): number | undefined {
	const client = (container.db as unknown as { $client?: { mod?: { HEAPU8?: Uint8Array } } }).$client;
	return client?.mod?.HEAPU8?.byteLength;
}

await serveBench(async () => {
	const config = loadConfig({ API_PORT: '0', ...process.env });
	// The logger of `npm start` (stdout, which the bench writes to a file, and the ring of recent lines).
	const { logger, logRing } = processLogger(config, false);
	const monster = await startMonster({
		config,
		logger,
		logRing,
		discord: { apiUrl: process.env.BENCH_API_URL!, token: process.env.BENCH_TOKEN!, guildIds: [process.env.BENCH_GUILD_ID!] },
		watch: false,
		restRequestsPerSecond: 10_000,
		collectStartUpGarbage: true
	});
	await monster.commandSync.idle();
	const database = container.database.kind;
	return {
		botUserId: monster.client.user!.id,
		details: {
			apiUrl: monster.apiUrl,
			database,
			api: monster.apiUrl,
			cache: config.REDIS_URL ? 'redis' : 'memory',
			plugins: monster.host.list().map((plugin) => `${plugin.name}:${plugin.status}`)
		},
		wasmBytes: database === 'pglite' ? pgliteWasmBytes : undefined,
		async stop() {
			if (config.REDIS_URL) {
				// Leave nothing of the bench in Redis: its task queue and its prefixed keys.
				await container.tasks.client.obliterate({ force: true });
				await container.cache.deleteByPrefix('');
			}
			await monster.stop();
		}
	};
});
