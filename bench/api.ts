/*
 * HTTP API throughput and latency, beside a bare node:http server answering the same JSON in the same run.
 *
 *   npx tsx bench/api.ts [--seconds 10] [--rounds 5] [--connections 50] [--backend postgres|pglite] [--route /stats]… [--profile DIR] [--calibrate 10,20,40]
 *                        [--rate 3000] [--monster-node-option=--max-semi-space-size=16 …] [--monster-env=NAME=value …]
 *   (PostgreSQL + Redis when TEST_DATABASE_URL and TEST_REDIS_URL are set, PGlite otherwise)
 *
 * Monster runs as production starts it (bench/bots/monster.ts: startMonster, the project's plugins,
 * LOG_LEVEL=info so each request is logged; the Node flags and variables of package.json's start script,
 * which `--monster-node-option` and `--monster-env` replace) in its own process, logged in to a local Discord server; the
 * bare server (bench/bots/bare-api.ts) in another; autocannon drives both from this one, in turn over
 * `--rounds` runs each (bare, Monster, Monster, bare…: both see the machine's same spells), authenticated
 * `GET /stats` and `POST /api/discord/task` at `--connections` connections, after a warm-up of a fifth of the time. Rate limits are raised out of the way. Prints req/s, p50 and p99, each server's
 * CPU time per request (Linux) and the ratio to the bare server. Target: ≥ 50% of the bare server's req/s and p99 ≤ 10 ms. `GET /` (public, no
 * database) is measured first, for the cost of the HTTP stack alone; `GET /api/stats` (the same totals, issue 14's
 * target: p50 ≤ 5 ms and ≥ 50% of bare) after `GET /stats`.
 * `--calibrate 10,20,40` then measures `GET /stats` on bare servers that spend that many µs of CPU on each request
 * before answering, each in turn with the bare server: what share of the bare server's req/s a given cost per request leaves on this machine, where
 * the load generator shares the cores with the server.
 * `--rate N` sends N requests per second in all instead of as many as the server answers: the CPU per request is
 * then measured at the same load for every server and setting, which req/s at full load, moving with the
 * machine, does not allow.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { startDiscordServer } from '../emulator/index.ts';
import { startBotProcess } from './support/bot-process.ts';
import { monsterSettingOptions, monsterSettings } from './support/start-command.ts';
import { typeScriptLoader } from '../core/runtime/typescript-loader.ts';

const { values: args } = parseArgs({
	options: {
		seconds: { type: 'string', default: '10' },
		/** Each server's `--seconds` are measured in this many runs, taken in turn with the other server's. */
		rounds: { type: 'string', default: '5' },
		connections: { type: 'string', default: '50' },
		backend: { type: 'string' },
		/** Only these paths (repeatable): `--route /stats`. */
		route: { type: 'string', multiple: true },
		/** Writes Monster's CPU profile (V8 .cpuprofile, open in Chrome's DevTools) into this folder. */
		profile: { type: 'string' },
		/** µs of work per request added to bare servers, comma-separated: the ratio each leaves. */
		calibrate: { type: 'string' },
		/** Requests per second in all, at a fixed pace, instead of as many as the server answers. */
		rate: { type: 'string' },
		...monsterSettingOptions()
	}
});
const { nodeOptions: monsterNodeOptions, env: monsterExtraEnv, described: monsterSettingsText } = monsterSettings(args);
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const rounds = Math.max(1, Number(args.rounds));
const here = dirname(fileURLToPath(import.meta.url));
const postgresUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const backend = args.backend ?? (postgresUrl && redisUrl ? 'postgres' : 'pglite');
if (backend === 'postgres' && !(postgresUrl && redisUrl)) throw new Error('--backend postgres needs TEST_DATABASE_URL and TEST_REDIS_URL');

const key = `bench-${randomBytes(16).toString('hex')}`;
const workDir = mkdtempSync(join(tmpdir(), 'monster-api-bench-'));
const taskBody = JSON.stringify({ title: 'Commander le sable', priority: 'haute' });

interface Figures {
	requestsPerSecond: number;
	/** The server's CPU time per answered request, in µs. */
	cpuMicroseconds?: number;
	p50: number;
	p99: number;
	/** Answers other than 2xx, and connection errors: a run with any is not comparable. */
	failures: number;
}

interface Server {
	root: string;
	pid: number;
}

/** One autocannon run, its latencies kept for aggregateResult (autocannon's types omit both). */
type RawRun = autocannon.Result & { totalCompletedRequests: number };
const aggregateRuns = (autocannon as unknown as { aggregateResult(runs: RawRun[], options: autocannon.Options): autocannon.Result }).aggregateResult;

function run(url: string, method: 'GET' | 'POST', duration: number): Promise<RawRun> {
	return autocannon({
		url,
		method,
		connections,
		duration,
		...(args.rate ? { overallRate: Number(args.rate) } : {}),
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		...(method === 'POST' ? { body: taskBody } : {}),
		skipAggregateResult: true
	}) as Promise<RawRun>;
}

/**
 * Each server's figures over `rounds` runs of `duration / rounds` seconds, taken in turn (bare, Monster, then
 * Monster, bare…) after a warm-up of each: on a machine whose speed drifts, both then see the same spells, which
 * one run of each, one after the other, did not give (the same code measured 29% then 52% of bare). Latency
 * percentiles are over every request of the rounds (autocannon's aggregateResult merges their histograms).
 */
async function measure(servers: Server[], path: string, method: 'GET' | 'POST', duration: number): Promise<Figures[]> {
	for (const server of servers) await run(`${server.root}${path}`, method, Math.max(1, Math.round(duration / 5)));
	const runs = servers.map(() => ({ results: [] as RawRun[], cpuMs: 0 as number | undefined }));
	for (let round = 0; round < rounds; round++) {
		const order = servers.map((_, index) => index);
		if (round % 2 === 1) order.reverse();
		for (const index of order) {
			const server = servers[index]!;
			const entry = runs[index]!;
			const before = cpuMs(server.pid);
			entry.results.push(await run(`${server.root}${path}`, method, duration / rounds));
			const after = cpuMs(server.pid);
			// Without /proc (not Linux), the CPU figure is left out rather than half counted.
			if (entry.cpuMs !== undefined) entry.cpuMs = before === undefined || after === undefined ? undefined : entry.cpuMs + after - before;
		}
	}
	return runs.map(({ results, cpuMs: serverCpuMs }, index) => {
		const all = aggregateRuns(results, { url: `${servers[index]!.root}${path}`, connections, duration });
		const answered = results.reduce((sum, result) => sum + result.totalCompletedRequests, 0);
		const elapsed = results.reduce((sum, result) => sum + result.duration, 0);
		return {
			requestsPerSecond: answered / elapsed,
			cpuMicroseconds: serverCpuMs === undefined ? undefined : (serverCpuMs * 1000) / Math.max(1, answered),
			p50: all.latency.p50,
			p99: all.latency.p99,
			failures: all.non2xx + all.errors + all.timeouts
		};
	});
}

/**
 * CPU time a process has used so far, in ms (Linux: /proc/PID/stat, user + system, 10 ms ticks); undefined elsewhere.
 * Per request, it is what the server itself costs, which the machine's load does not change much (req/s it does).
 */
function cpuMs(pid: number): number | undefined {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return undefined;
	}
}

async function adminQuery(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: postgresUrl });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/** The bare server in its own process, answering the JSON Monster answered. */
async function startBare(index: string, stats: string, task: string, extraMicroseconds = 0): Promise<{ root: string; pid: number; stop(): Promise<void> }> {
	const child = fork(join(here, 'bots/bare-api.ts'), [], {
		execArgv: ['--import', typeScriptLoader],
		env: { ...process.env, BENCH_INDEX_JSON: index, BENCH_STATS_JSON: stats, BENCH_TASK_JSON: task, BENCH_EXTRA_MICROSECONDS: String(extraMicroseconds) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const port = await new Promise<number>((resolve, reject) => {
		child.once('message', (message: { port: number }) => resolve(message.port));
		child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
	});
	return {
		root: `http://127.0.0.1:${port}`,
		pid: child.pid!,
		stop: () =>
			new Promise((resolve) => {
				child.once('exit', () => resolve());
				child.send('stop');
			})
	};
}

const cleanups: (() => Promise<unknown>)[] = [() => Promise.resolve(rmSync(workDir, { recursive: true, force: true }))];
try {
	const env: Record<string, string> = {
		NODE_ENV: 'production',
		LOG_LEVEL: 'info',
		API_PORT: '0',
		PLUGINS_DIR: join(here, '..', 'plugins'),
		DATABASE_URL: '',
		REDIS_URL: '',
		DISCORD_TOKEN: '',
		API_KEYS: `${key}:read,write`,
		API_RATE_LIMIT_PER_IP: '1000000000',
		API_RATE_LIMIT_PER_KEY: '1000000000'
	};
	if (backend === 'postgres') {
		const name = `monster_api_bench_${randomBytes(6).toString('hex')}`;
		await adminQuery(`CREATE DATABASE ${name}`);
		cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
		const url = new URL(postgresUrl!);
		url.pathname = `/${name}`;
		Object.assign(env, { DATABASE_URL: url.href, REDIS_URL: redisUrl!, REDIS_PREFIX: `bench-${randomBytes(4).toString('hex')}` });
	} else env.DATA_DIR = join(workDir, 'pglite-data');

	const discord = await startDiscordServer();
	cleanups.push(() => discord.stop());
	const logFile = join(tmpdir(), 'monster-api-bench.log');
	const monster = await startBotProcess(
		join(here, 'bots/monster.ts'),
		{ ...env, ...monsterExtraEnv, BENCH_API_URL: discord.apiUrl, BENCH_TOKEN: discord.token, BENCH_GUILD_ID: discord.guild.id },
		logFile,
		[...monsterNodeOptions, ...(args.profile ? ['--cpu-prof', '--cpu-prof-dir', args.profile] : [])]
	);
	cleanups.push(() => monster.stop());
	const monsterRoot = String(monster.details.api).replace(/\/api$/, '');

	const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
	const stats = await fetch(`${monsterRoot}/stats`, { headers });
	const task = await fetch(`${monsterRoot}/api/discord/task`, { method: 'POST', headers, body: taskBody });
	if (stats.status !== 200 || task.status !== 201) throw new Error(`Monster answered ${stats.status} and ${task.status} (log: ${logFile})`);
	const index = await (await fetch(`${monsterRoot}/`)).text();
	const [statsJson, taskJson] = [await stats.text(), await task.text()];
	const bare = await startBare(index, statsJson, taskJson);
	cleanups.push(() => bare.stop());

	console.log(`${connections} connections${args.rate ? ` at ${args.rate} req/s in all` : ''}, ${seconds} s per run after ${Math.max(1, Math.round(seconds / 5))} s of warm-up; Monster on ${backend === 'postgres' ? 'PostgreSQL + Redis' : 'PGlite'}, logs in ${logFile}`);
	console.log(`Monster runs with ${monsterSettingsText}`);
	console.log('| route | server | req/s | p50 | p99 | CPU per request | failures | Monster / bare |');
	console.log('|---|---|---|---|---|---|---|---|');
	const verdicts: string[] = [];
	const routes = ([['GET', '/'], ['GET', '/stats'], ['GET', '/api/stats'], ['POST', '/api/discord/task']] as const).filter(([, path]) => !args.route || args.route.includes(path));
	for (const [method, path] of routes) {
		const [bareFigures, monsterFigures] = await measure([bare, { root: monsterRoot, pid: monster.pid }], path, method, seconds);
		const measured = { bare: bareFigures!, monster: monsterFigures! };
		const ratio = measured.monster.requestsPerSecond / measured.bare.requestsPerSecond;
		for (const name of ['bare', 'monster'] as const) {
			const figures = measured[name];
			console.log(`| ${method} ${path} | ${name === 'bare' ? 'bare node:http' : 'Monster'} | ${Math.round(figures.requestsPerSecond)} | ${figures.p50} ms | ${figures.p99} ms | ${figures.cpuMicroseconds === undefined ? '' : `${Math.round(figures.cpuMicroseconds)} µs`} | ${figures.failures} | ${name === 'monster' ? `${(ratio * 100).toFixed(0)}%` : ''} |`);
		}
		// GET / is public and reads nothing: the cost of the HTTP stack itself (router, middlewares, log), not a target.
		// At a fixed rate both servers answer the same req/s: only the CPU per request compares.
		if (path === '/' || args.rate) continue;
		const latency =
			path === '/api/stats'
				? `p50 ${measured.monster.p50} ms (target ≤ 5 ms: ${measured.monster.p50 <= 5 ? 'met' : 'missed'})`
				: `p99 ${measured.monster.p99} ms (target ≤ 10 ms: ${measured.monster.p99 <= 10 ? 'met' : 'missed'})`;
		verdicts.push(`${method} ${path}: ${(ratio * 100).toFixed(0)}% of bare (target ≥ 50%: ${ratio >= 0.5 ? 'met' : 'missed'}), ${latency}`);
	}
	for (const verdict of verdicts) console.log(verdict);

	if (args.calibrate) {
		console.log('\nGET /stats on bare servers doing extra work per request, each in turn with the bare server (as above)');
		console.log('| extra work per request | req/s | p99 | CPU per request | bare server alongside: req/s, CPU per request | share of the bare server\'s req/s |');
		console.log('|---|---|---|---|---|---|');
		for (const extra of args.calibrate.split(',').map(Number)) {
			const busy = await startBare(index, statsJson, taskJson, extra);
			try {
				const [baseline, figures] = (await measure([bare, busy], '/stats', 'GET', seconds)) as [Figures, Figures];
				console.log(
					`| ${extra} µs | ${Math.round(figures.requestsPerSecond)} | ${figures.p99} ms | ${Math.round(figures.cpuMicroseconds ?? 0)} µs | ${Math.round(baseline.requestsPerSecond)}, ${Math.round(baseline.cpuMicroseconds ?? 0)} µs | ${((100 * figures.requestsPerSecond) / baseline.requestsPerSecond).toFixed(0)}% |`
				);
			} finally {
				await busy.stop();
			}
		}
	}
} finally {
	for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error('cleanup failed:', error));
}
