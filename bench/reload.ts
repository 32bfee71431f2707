/*
 * What a plugin reload and a plugin switch cost in memory and time, in one run.
 *
 *   node --expose-gc --import tsx bench/reload.ts [--times 40]
 *
 * Node never frees an ES module, so every reload keeps the previous version of the plugin's modules:
 * the host re-imports only when files changed, and switching a plugin on or off only flips a gate.
 * This prints the heap kept per reload of the `team` plugin and per switch of the `tasks` plugin (the
 * baseline: a gate flip stores a row and keeps nothing in memory), and the time of each.
 */
import { parseArgs } from 'node:util';
import { startTestBot } from '../test/support/bot.ts';

const { values: args } = parseArgs({ options: { times: { type: 'string', default: '40' } } });
const times = Number(args.times);
const collect = globalThis.gc;
if (!collect) throw new Error('run with node --expose-gc --import tsx bench/reload.ts');

/** Heap in use after full collections, so only what is still reachable counts. */
function heapUsed(): number {
	for (let round = 0; round < 3; round++) collect!();
	return process.memoryUsage().heapUsed;
}

const bot = await startTestBot({ plugins: ['team', 'admin', 'tasks'] });
try {
	const guildId = bot.server.guild.id;
	// Warm-up: the first reload and switch load code paths once for the process.
	await bot.monster.host.load('team');
	await bot.monster.host.setEnabled('tasks', false, { guildId, actor: 'bench' });
	await bot.monster.host.setEnabled('tasks', true, { guildId, actor: 'bench' });

	const switchesStart = heapUsed();
	let started = performance.now();
	for (let round = 0; round < times; round++) {
		await bot.monster.host.setEnabled('tasks', false, { guildId, actor: 'bench' });
		await bot.monster.host.setEnabled('tasks', true, { guildId, actor: 'bench' });
	}
	const switchMs = (performance.now() - started) / (times * 2);
	const perSwitch = (heapUsed() - switchesStart) / (times * 2);

	const reloadsStart = heapUsed();
	started = performance.now();
	for (let round = 0; round < times; round++) await bot.monster.host.load('team');
	const reloadMs = (performance.now() - started) / times;
	const perReload = (heapUsed() - reloadsStart) / times;

	const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
	console.log(`switching "tasks" off and on in a guild; reloading "team" (${bot.monster.host.get('team')!.pieces.length} pieces); ${times} rounds each`);
	console.log(`  switch (gate only):   ${switchMs.toFixed(2)} ms, heap kept ${kb(perSwitch)} per switch`);
	console.log(`  reload (re-import):   ${reloadMs.toFixed(2)} ms, heap kept ${kb(perReload)} per reload`);
	console.log(`  ratio reload/switch:  ${(reloadMs / switchMs).toFixed(1)}x time, ${perSwitch > 0 ? `${(perReload / perSwitch).toFixed(1)}x` : 'n/a (switches kept nothing)'} heap`);
} finally {
	await bot.stop();
}
