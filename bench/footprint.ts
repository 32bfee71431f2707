/*
 * Memory and `!ping` latency of Monster beside a bare discord.js bot (and a bare Sapphire bot), in one run.
 *
 *   npx tsx bench/footprint.ts [--commands 1000] [--backend postgres|pglite|none] [--without-sapphire] [--snapshot]
 *                              [--monster-node-option=--max-semi-space-size=1 …] [--monster-env=MALLOC_ARENA_MAX=2 …]
 *
 * This process is the load generator: it runs the local Discord server (emulator/) and, for each bot in turn,
 * a fresh server and the bot in its own child process (bench/bots/*), cross-process as with the real Discord.
 * A member posts `!ping` and waits for the bot's reply, one command at a time: the round trip runs from the
 * post to the bot's reply reaching the server. RSS is the bot process's, as the OS sees it, right after
 * start-up (logged in, commands synced) and after the commands.
 * Monster runs on PostgreSQL + Redis (a throwaway database and a key prefix, from TEST_DATABASE_URL and
 * TEST_REDIS_URL, else DATABASE_URL and REDIS_URL) and on PGlite (a data folder created by a first start,
 * then measured on a second start, as a restarted bot would be; the first start is printed too).
 * `--snapshot` writes a heap snapshot of Monster after the commands and prints where its heap goes
 * (bench/heap-summary.ts). `--monster-node-option` and `--monster-env` try Node flags and environment
 * variables on Monster's processes only, the bare bots staying as they are; by default Monster runs with the
 * flags and variables of package.json's start script (bench/support/start-command.ts), and
 * `--monster-node-option= --monster-env=` (empty) measures it on Node's defaults.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startDiscordServer, type BotMessageEvent, type DiscordServer } from '../emulator/index.ts';
import { startBotProcess, type BotProcess } from './support/bot-process.ts';
import { monsterSettingOptions, monsterSettings } from './support/start-command.ts';
import { formatHeapSummary, summarizeHeapSnapshot } from './heap-summary.ts';
import type { MemoryFigures } from './support/protocol.ts';

const { values: args } = parseArgs({
	options: {
		commands: { type: 'string', default: '1000' },
		warmup: { type: 'string', default: '50' },
		backend: { type: 'string' },
		'without-sapphire': { type: 'boolean', default: false },
		snapshot: { type: 'boolean', default: false },
		...monsterSettingOptions()
	}
});
const { nodeOptions: monsterNodeOptions, env: monsterExtraEnv, described: monsterSettingsText } = monsterSettings(args);
const commandCount = Number(args.commands);
const warmupCount = Number(args.warmup);
const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL;
const backends = args.backend ? args.backend.split(',') : postgresUrl && redisUrl ? ['postgres', 'pglite'] : ['pglite'];
if (backends.includes('postgres') && !(postgresUrl && redisUrl)) throw new Error('PostgreSQL + Redis needs TEST_DATABASE_URL and TEST_REDIS_URL (or DATABASE_URL and REDIS_URL)');

const projectRoot = fileURLToPath(new URL('../', import.meta.url));
const bots = (file: string) => join(projectRoot, 'bench', 'bots', file);
const workDir = mkdtempSync(join(tmpdir(), 'monster-footprint-'));
const MB = 1024 * 1024;
const mb = (bytes: number | undefined) => (bytes === undefined ? '—' : `${(bytes / MB).toFixed(0)} MB`);

interface Run {
	label: string;
	backend: string;
	start: MemoryFigures;
	startGc: MemoryFigures;
	after: MemoryFigures;
	afterGc: MemoryFigures;
	p50: number;
	p99: number;
	max: number;
	details: Record<string, unknown>;
	heapSummary?: string;
}

function percentile(sorted: readonly number[], fraction: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)] ?? Number.NaN;
}

/** `!ping` from the guild's admin (administrators are not rate-limited), one at a time; the round trips in ms. */
async function pingRoundTrips(server: DiscordServer, botUserId: string, count: number): Promise<number[]> {
	const authorId = server.guild.members.admin!;
	const channelId = server.guild.channels.general!;
	const replies = new Map<string, number>();
	const waiters = new Map<string, (at: number) => void>();
	const onMessage = (event: BotMessageEvent) => {
		const answered = event.message.message_reference?.message_id;
		if (event.kind !== 'create' || event.message.author.id !== botUserId || !answered) return;
		const at = performance.now();
		const waiter = waiters.get(answered);
		if (waiter) waiter(at);
		else replies.set(answered, at);
	};
	server.on('message', onMessage);
	try {
		const roundTrips: number[] = [];
		for (let index = 0; index < count; index++) {
			const sentAt = performance.now();
			const sent = await server.sendMessage({ channelId, authorId, content: '!ping' });
			const repliedAt =
				replies.get(sent.id) ??
				(await new Promise<number>((resolve, reject) => {
					const timer = setTimeout(() => reject(new Error(`no reply to !ping #${index} within 10 s`)), 10_000);
					waiters.set(sent.id, (at) => {
						clearTimeout(timer);
						resolve(at);
					});
				}));
			replies.delete(sent.id);
			waiters.delete(sent.id);
			roundTrips.push(repliedAt - sentAt);
		}
		return roundTrips;
	} finally {
		server.off('message', onMessage);
	}
}

interface StartedBot {
	label: string;
	backend: string;
	server: DiscordServer;
	process: BotProcess;
	start: MemoryFigures;
	/** Right after `start`, after a full collection: what of the start-up RSS was garbage. */
	startGc: MemoryFigures;
	roundTrips: number[];
}

/** A fresh local Discord server and the bot in its own process, logged in to it; RSS measured once ready. */
async function startBot(label: string, backend: string, script: string, env: Record<string, string>, nodeOptions: string[] = []): Promise<StartedBot> {
	const server = await startDiscordServer();
	const logFile = join(workDir, `${label.replace(/\W+/g, '-')}-${backend.replace(/\W+/g, '-')}.log`);
	try {
		const bot = await startBotProcess(script, { ...env, BENCH_API_URL: server.apiUrl, BENCH_TOKEN: server.token, BENCH_GUILD_ID: server.guild.id }, logFile, nodeOptions);
		const start = await bot.memory();
		return { label, backend, server, process: bot, start, startGc: await bot.memory({ afterGc: true }), roundTrips: [] };
	} catch (error) {
		await server.stop();
		throw error;
	}
}

async function stopBot(bot: StartedBot): Promise<void> {
	await bot.process.stop();
	await bot.server.stop();
}

/**
 * Round-robin `!ping`s: each round sends one command to each bot in turn (the order rotates), so other load on
 * the machine weighs on every bot alike and the ratios compare like with like.
 */
async function pingRounds(started: readonly StartedBot[], rounds: number, record: boolean): Promise<void> {
	for (let round = 0; round < rounds; round++) {
		for (let offset = 0; offset < started.length; offset++) {
			const bot = started[(round + offset) % started.length]!;
			const [roundTrip] = await pingRoundTrips(bot.server, bot.process.botUserId, 1);
			if (record) bot.roundTrips.push(roundTrip!);
		}
	}
}

async function finish(bot: StartedBot, snapshot: boolean): Promise<Run> {
	const after = await bot.process.memory();
	const afterGc = await bot.process.memory({ afterGc: true });
	let heapSummary: string | undefined;
	if (snapshot) {
		const file = await bot.process.heapSnapshot(join(workDir, `${bot.label.replace(/\W+/g, '-')}-${bot.backend.replace(/\W+/g, '-')}.heapsnapshot`));
		heapSummary = formatHeapSummary(await summarizeHeapSnapshot(file));
		rmSync(file);
	}
	const sorted = [...bot.roundTrips].sort((a, b) => a - b);
	return {
		label: bot.label,
		backend: bot.backend,
		start: bot.start,
		startGc: bot.startGc,
		after,
		afterGc,
		p50: percentile(sorted, 0.5),
		p99: percentile(sorted, 0.99),
		max: sorted.at(-1) ?? Number.NaN,
		details: bot.process.details,
		...(heapSummary ? { heapSummary } : {})
	};
}

async function adminQuery(statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: postgresUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

/** Production settings, but no HTTP port to pick and no variable of this shell that would change the bot. */
function monsterEnv(): Record<string, string> {
	return {
		NODE_ENV: 'production',
		LOG_LEVEL: 'info',
		API_PORT: '0',
		PLUGINS_DIR: join(projectRoot, 'plugins'),
		DATABASE_URL: '',
		REDIS_URL: '',
		DISCORD_TOKEN: '',
		...monsterExtraEnv
	};
}

const started: StartedBot[] = [];
const cleanups: (() => Promise<void>)[] = [];
let failed = true;
try {
	console.log(`${commandCount} × !ping per bot (after ${warmupCount} not counted), round-robin across the bots; each bot in its own process`);
	console.log(`Monster runs with ${monsterSettingsText}`);
	started.push(await startBot('bare discord.js', '—', bots('bare-discordjs.ts'), {}));
	if (!args['without-sapphire']) started.push(await startBot('bare Sapphire', '—', bots('bare-sapphire.ts'), {}));
	if (backends.includes('postgres')) {
		// A throwaway database and Redis key prefix (the bot clears its keys when it stops).
		const name = `monster_bench_${randomBytes(6).toString('hex')}`;
		await adminQuery(`CREATE DATABASE ${name}`);
		cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
		const url = new URL(postgresUrl!);
		url.pathname = `/${name}`;
		const env = { ...monsterEnv(), DATABASE_URL: url.href, REDIS_URL: redisUrl!, REDIS_PREFIX: `bench-${randomBytes(4).toString('hex')}` };
		started.push(await startBot('Monster', 'PostgreSQL + Redis', bots('monster.ts'), env, monsterNodeOptions));
	}
	let pgliteFirstStart: MemoryFigures | undefined;
	if (backends.includes('pglite')) {
		// The first start creates and migrates the data folder; the measured bot restarts on it.
		const env = { ...monsterEnv(), DATA_DIR: join(workDir, 'pglite-data') };
		const first = await startBot('Monster', 'PGlite', bots('monster.ts'), env, monsterNodeOptions);
		pgliteFirstStart = first.start;
		await stopBot(first);
		started.push(await startBot('Monster', 'PGlite', bots('monster.ts'), env, monsterNodeOptions));
	}

	await pingRounds(started, warmupCount, false);
	await pingRounds(started, commandCount, true);
	const runs: Run[] = [];
	for (const bot of started) runs.push(await finish(bot, args.snapshot && bot.label === 'Monster'));
	const bare = runs[0]!;

	const row = (cells: string[]) => cells.map((cell, index) => (index < 2 ? cell.padEnd(20) : cell.padStart(11))).join('');
	console.log();
	console.log(row(['bot', 'storage', 'RSS start', 'start GC', 'RSS after', 'after GC', 'peak RSS', 'heap used', 'WASM', 'p50', 'p99', 'max']));
	for (const run of runs) {
		console.log(
			row([
				run.label,
				run.backend,
				mb(run.start.rss),
				mb(run.startGc.rss),
				mb(run.after.rss),
				mb(run.afterGc.rss),
				mb(run.after.peakRss),
				mb(run.afterGc.heapUsed),
				mb(run.after.wasm),
				`${run.p50.toFixed(2)} ms`,
				`${run.p99.toFixed(2)} ms`,
				`${run.max.toFixed(1)} ms`
			])
		);
	}
	console.log(`start: once ready; after: after the commands; GC: after a full collection (heap used: then); WASM: PGlite's memory`);
	console.log('\nresident memory after the commands, by kind of mapping (JS heap: this isolate\'s committed V8 heap)');
	for (const run of runs) {
		const parts = Object.entries(run.after.byMapping)
			.filter(([, bytes]) => bytes >= MB)
			.sort((a, b) => b[1] - a[1])
			.map(([kind, bytes]) => `${kind} ${mb(bytes)}`);
		const anonymous = run.after.byMapping['anonymous (JS heaps, malloc, WASM)'];
		const rest = anonymous === undefined ? undefined : anonymous - run.after.heapTotal - (run.after.wasm ?? 0);
		// PGlite's WASM memory is its reserved size: when less of it is resident, the rest cannot be told apart.
		const breakdown =
			rest !== undefined && rest < 0
				? `JS heap ${mb(run.after.heapTotal)}, WASM at most ${mb(run.after.wasm ?? 0)} (not all of it resident), malloc and the rest in what is left`
				: `JS heap ${mb(run.after.heapTotal)}${run.after.wasm ? `, WASM ${mb(run.after.wasm)}` : ''}, rest ${mb(rest)} (malloc, other threads' heaps, code)`;
		console.log(`  ${run.label} (${run.backend}): ${parts.join(', ')}; of the anonymous memory: ${breakdown}`);
	}
	if (pgliteFirstStart) {
		console.log(`PGlite first start (creates and migrates the database): RSS ${mb(pgliteFirstStart.rss)} once ready, peak ${mb(pgliteFirstStart.peakRss)}`);
	}

	const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
	const monsterRuns = runs.filter((run) => run.label === 'Monster');
	console.log('\ntargets');
	for (const run of monsterRuns) {
		const budget = run.backend === 'PGlite' ? 350 : 150;
		const worst = Math.max(run.start.rss, run.after.rss);
		console.log(`  RSS ≤ ${budget} MB on ${run.backend}: start ${mb(run.start.rss)}, after ${commandCount} commands ${mb(run.after.rss)} → ${verdict(worst <= budget * MB)}`);
	}
	for (const run of monsterRuns) {
		const ratio = run.p50 / bare.p50;
		console.log(`  p50 ≤ 1.3× the bare bot's (${bare.p50.toFixed(2)} ms) on ${run.backend}: ${run.p50.toFixed(2)} ms = ${ratio.toFixed(2)}× → ${verdict(ratio <= 1.3)}`);
	}
	for (const run of monsterRuns.filter((candidate) => candidate.backend !== 'PGlite')) {
		console.log(`  p99 ≤ 10 ms on ${run.backend}: ${run.p99.toFixed(2)} ms (${(run.p99 / bare.p99).toFixed(1)}× the bare bot's ${bare.p99.toFixed(2)} ms) → ${verdict(run.p99 <= 10)}`);
	}
	for (const run of monsterRuns) console.log(`  plugins on ${run.backend}: ${String((run.details.plugins as string[] | undefined)?.join(', '))}`);
	for (const run of runs.filter((candidate) => candidate.heapSummary)) console.log(`\nheap of ${run.label} on ${run.backend} after the commands\n${run.heapSummary}`);
	failed = false;
} finally {
	for (const bot of started.reverse()) await stopBot(bot).catch((error: unknown) => console.error(`stopping ${bot.label}:`, error));
	for (const cleanup of cleanups) await cleanup();
	if (failed) console.error(`bot logs kept in ${workDir}`);
	else rmSync(workDir, { recursive: true, force: true });
}
