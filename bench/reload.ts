/*
 * What plugin reloads and switches cost in memory and time, in one run.
 *
 *   node --expose-gc --import ./core/runtime/typescript.mjs bench/reload.ts [--times 100]
 *
 * Node never frees an ES module, so a reload that re-imports a plugin keeps its previous modules for the
 * life of the process. Three ways a plugin gets reloaded, each `--times` rounds, on a copy of `team` (its
 * dependent `tasks` reloads with it):
 *   - touch: the files are saved without a change (an editor's save, a `/plugins reload` of nothing new);
 *     the host should not re-import at all, so nothing may be kept;
 *   - change: a file's content really changes (a comment line added each round): a new version is
 *     imported, and what it keeps is the price of hot reload;
 *   - switch (baseline): `tasks` is switched off and on in a guild, which only flips a gate.
 * Printed: heap kept after full collections and RSS growth, in total and per round, and the time of each.
 */
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startTestBot } from '../test/support/bot.ts';

const { values: args } = parseArgs({ options: { times: { type: 'string', default: '100' } } });
const times = Number(args.times);
const collect = globalThis.gc;
if (!collect) throw new Error('run with node --expose-gc --import ./core/runtime/typescript.mjs bench/reload.ts');

/** Heap in use after full collections, so only what is still reachable counts; and RSS then. */
function memory(): { heap: number; rss: number } {
	for (let round = 0; round < 3; round++) collect!();
	const usage = process.memoryUsage();
	return { heap: usage.heapUsed, rss: usage.rss };
}

interface Measured {
	label: string;
	ms: number;
	heap: number;
	rss: number;
}

async function measure(label: string, round: (index: number) => Promise<unknown>): Promise<Measured> {
	const before = memory();
	const started = performance.now();
	for (let index = 0; index < times; index++) await round(index);
	const ms = (performance.now() - started) / times;
	const after = memory();
	return { label, ms, heap: after.heap - before.heap, rss: after.rss - before.rss };
}

const bot = await startTestBot({ plugins: ['team', 'admin', 'tasks'] });
try {
	const host = bot.monster.host;
	const guildId = bot.server.guild.id;
	const teamFolder = join(bot.pluginsDir, 'team');
	const teamFiles = (readdirSync(teamFolder, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts')).map((file) => join(teamFolder, file));
	const changedFile = join(teamFolder, 'commands', 'ping.ts');
	const original = readFileSync(changedFile, 'utf8');
	const reloads = () => host.get('team')!.reloads;

	// Warm-up: the first reload and switch load code paths once for the process.
	writeFileSync(changedFile, `${original}// warm-up\n`);
	await host.load('team');
	await host.setEnabled('tasks', false, { guildId, actor: 'bench' });
	await host.setEnabled('tasks', true, { guildId, actor: 'bench' });

	const switches = await measure('switch (gate only)', async () => {
		await host.setEnabled('tasks', false, { guildId, actor: 'bench' });
		await host.setEnabled('tasks', true, { guildId, actor: 'bench' });
	});
	const reloadsBeforeTouch = reloads();
	const touches = await measure('touch, no change', async (index) => {
		const stamp = new Date(Date.now() + index * 1000);
		for (const file of teamFiles) utimesSync(file, stamp, stamp);
		await host.load('team');
	});
	const reImportsOnTouch = reloads() - reloadsBeforeTouch;
	const reloadsBeforeChange = reloads();
	const changes = await measure('real change', async (index) => {
		writeFileSync(changedFile, `${original}// bench change ${index}\n`);
		await host.load('team');
	});
	const reImportsOnChange = reloads() - reloadsBeforeChange;

	const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
	const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
	console.log(`"team" (${host.get('team')!.pieces.length} pieces, dependent "tasks" reloads with it); ${times} rounds each`);
	for (const run of [switches, touches, changes]) {
		console.log(
			`  ${run.label.padEnd(20)} ${run.ms.toFixed(2).padStart(8)} ms per round   heap kept ${mb(run.heap).padStart(8)} in all, ${kb(run.heap / times).padStart(9)} per round   RSS ${mb(run.rss).padStart(8)}`
		);
	}
	console.log(`  host's reload count: +${reImportsOnTouch} for ${times} touches, +${reImportsOnChange} for ${times} changes`);
	const touchBounded = touches.heap / times < 10 * 1024;
	console.log(`  touch without change keeps nothing (< 10 KB heap per round): ${touchBounded ? 'yes' : 'NO'}`);
	console.log(`  real change: ${kb(changes.heap / times)} per reload kept for good, ${mb((changes.heap / times) * 1000)} after 1,000 edits`);
} finally {
	await bot.stop();
}
