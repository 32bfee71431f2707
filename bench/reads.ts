/*
 * Reads at scale, each beside a naive query in the same run, on a database filled by bench/seed.ts.
 *
 *   npx tsx bench/seed.ts --messages 1000000 && npx tsx bench/reads.ts [--database monster_bench] [--rounds 50] [--out 1m.json]
 *   npx tsx bench/seed.ts --messages 5000000 && npx tsx bench/reads.ts --compare 1m.json
 *
 * Rows, p50 and p99 over `--rounds` rounds after two warm-up rounds (the naive query over a fifth of them):
 * - `/recherche` (`searchMessages`: first page, 17 of the 20 channels readable) beside the same page by
 *   unaccent + ILIKE on every word, read by a sequential scan (index scans off for it alone);
 * - `GET /api/stats` through Monster's HTTP server (bench/bots/monster.ts on this database, TEST_REDIS_URL
 *   when set), figures unchanged, 50 keep-alive connections for `--seconds`, beside a bare node:http server
 *   answering the same JSON under the same load, in its own process too; naive: the totals' statement (the
 *   stats_globales view and the message figures) read for every request;
 * - `/stats 90 jours` for the most active member (user_stats) beside a GROUP BY over the messages;
 * - `/taches` at 50,000 open tasks (the seed's 15,000 are topped up once), first page of 8 with the capped count
 *   as `renderListPage` reads it, and page 100 by keyset (`after`), beside the order and count of before
 *   (sort of every open task, count(*), offset);
 * - the team's planning for this month (30,000 entries over 150 days), a page of 41 and the count capped at 1,000
 *   as `/monplanning mois` reads them, and page 20 by keyset, beside every entry of the month sorted (before);
 * - the roll-up of yesterday (a full day of messages), with whether its sorts and hashes stayed in memory
 *   (EXPLAIN (ANALYZE, BUFFERS): no temporary blocks written), beside the same roll-up with the query of before.
 * `--compare` reads the `--out` file of another run and prints each row's growth (p50 / p50 there).
 * All runs read a warm cache: the figures compare query plans, not disks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import pg from 'pg';
import { openDatabase } from '../core/db/client.ts';
import { startDiscordServer } from '../emulator/index.ts';
import { globalStats, rollUpUserStatsStatement, searchMessages, searchPageSize, userStatsForPeriod } from '../plugins/monitoring/queries.ts';
import { countPlanningInRange, planningInRange } from '../plugins/planning/queries.ts';
import { listTasks } from '../plugins/tasks/tasks.ts';
import { startBotProcess } from './support/bot-process.ts';

const { values: args } = parseArgs({
	options: {
		database: { type: 'string', default: 'monster_bench' },
		rounds: { type: 'string', default: '50' },
		seconds: { type: 'string', default: '5' },
		out: { type: 'string' },
		compare: { type: 'string' }
	}
});
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) throw new Error('TEST_DATABASE_URL (the server bench/seed.ts filled) is required');
const url = new URL(serverUrl);
url.pathname = `/${args.database}`;
const rounds = Number(args.rounds);
const naiveRounds = Math.max(3, Math.round(rounds / 5));
const timeZone = 'Europe/Paris';
const guildId = '1000000000000000001';
const busiestMember = '1300000000000000000';
const readableChannelIds = Array.from({ length: 17 }, (_, index) => (1200000000000000000n + BigInt(index)).toString());
const benchDir = fileURLToPath(new URL('.', import.meta.url));

async function timed(run: () => Promise<unknown>, count: number): Promise<number[]> {
	for (let warmUp = 0; warmUp < 2; warmUp++) await run();
	const times: number[] = [];
	for (let round = 0; round < count; round++) {
		const started = performance.now();
		await run();
		times.push(performance.now() - started);
	}
	return times.sort((a, b) => a - b);
}

const percentile = (sorted: number[], fraction: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? NaN;
const ms = (value: number): string => (Number.isNaN(value) ? '—' : value >= 100 ? value.toFixed(0) : value.toFixed(1));

interface Row {
	read: string;
	result: string;
	p50: number;
	p99: number;
	naiveP50?: number;
	naiveP99?: number;
}

/** `connections` keep-alive connections each sending GET `target` one after the other for `seconds`. */
async function load(target: string, connections: number, seconds: number): Promise<{ perSecond: number; latencies: number[]; failed: number }> {
	const agent = new Agent({ keepAlive: true, maxSockets: connections });
	const latencies: number[] = [];
	let failed = 0;
	const ends = performance.now() + seconds * 1000;
	const one = () =>
		new Promise<void>((resolve) => {
			const started = performance.now();
			const sent = request(target, { agent }, (response) => {
				response.resume();
				response.on('end', () => {
					if (response.statusCode === 200) latencies.push(performance.now() - started);
					else failed++;
					resolve();
				});
			});
			sent.on('error', () => {
				failed++;
				resolve();
			});
			sent.end();
		});
	const started = performance.now();
	await Promise.all(
		Array.from({ length: connections }, async () => {
			while (performance.now() < ends) await one();
		})
	);
	const elapsed = (performance.now() - started) / 1000;
	agent.destroy();
	return { perSecond: latencies.length / elapsed, latencies: latencies.sort((a, b) => a - b), failed };
}

async function main(): Promise<void> {
	const database = await openDatabase({ url: url.toString(), poolSize: 4 });
	// The bench database may predate this code's migrations (user_stats_monthly, the task list index).
	await database.migrate();
	const naive = new pg.Client({ connectionString: url.toString() });
	await naive.connect();
	await naive.query('analyze');
	const { rows: counted } = await naive.query<{ count: string }>('select count(*) from messages');
	const messageCount = Number(counted[0]?.count);
	console.log(`${args.database}: ${messageCount} messages; ${rounds} rounds (naive: ${naiveRounds}), times in ms`);
	const rows: Row[] = [];
	const naiveTimed = async (statements: (client: pg.Client) => Promise<unknown>) => timed(statements.bind(null, naive), naiveRounds);

	for (const text of ['beton', 'livraison plâtre', 'xyzzy']) {
		const search = { text, readableChannelIds };
		const first = await searchMessages(database.db, search);
		const project = await timed(() => searchMessages(database.db, search), rounds);
		const patterns = text.split(/\s+/).map((word) => `%${word}%`);
		const naiveTimes = await naiveTimed(async (client) => {
			await client.query('begin');
			await client.query('set local enable_indexscan = off');
			await client.query('set local enable_bitmapscan = off');
			await client.query(
				`select id, message_id, channel_id, author_id, content, created_at from messages
				where unaccent(content) ilike all (select unaccent(pattern) from unnest($1::text[]) pattern)
					and channel_id = any($2) and deleted_at is null
				order by created_at desc, id desc limit ${searchPageSize + 1}`,
				[patterns, readableChannelIds]
			);
			await client.query('commit');
		});
		rows.push({ read: `\`/recherche ${text}\``, result: `${first.results.length}${first.hasMore ? '+' : ''} (${first.match})`, p50: percentile(project, 0.5), p99: percentile(project, 0.99), naiveP50: percentile(naiveTimes, 0.5), naiveP99: percentile(naiveTimes, 0.99) });
	}

	rows.push(await apiStatsRow(database.db));

	const to = DateTime.now().setZone(timeZone);
	const period = { guildId, userId: busiestMember, from: to.minus({ days: 89 }).toISODate()!, to: to.toISODate()! };
	const statRows = await userStatsForPeriod(database.db, period);
	const memberStats = await timed(() => userStatsForPeriod(database.db, period), rounds);
	const memberNaive = await naiveTimed((client) =>
		client.query(`select (created_at at time zone $3)::date as day, count(*) from messages where guild_id = $1 and author_id = $2 and created_at >= now() - interval '90 days' group by 1`, [guildId, busiestMember, timeZone])
	);
	rows.push({ read: '`/stats 90 jours` (one member)', result: `${statRows.length} days`, p50: percentile(memberStats, 0.5), p99: percentile(memberStats, 0.99), naiveP50: percentile(memberNaive, 0.5), naiveP99: percentile(memberNaive, 0.99) });

	// The seed leaves 15,000 of its 50,000 tasks open: /taches is measured at 50,000 open tasks, topped up here once.
	await naive.query(`insert into tasks (guild_id, title, priority, due_date, assignee_id, creator_id, created_at)
		select $1, 'Tâche ouverte ' || g, (array['basse', 'normale', 'normale', 'haute', 'urgente'])[1 + g % 5]::task_priority,
			case when g % 7 = 0 then null else current_date - 30 + g % 90 end, (1300000000000000000 + g % 200)::text, '1300000000000000000',
			now() - interval '90 days' * (1 - g::float8 / 50000)
		from generate_series(1, 50000 - (select count(*) from tasks where status in ('a_faire', 'en_cours', 'en_attente'))::int) g`, [guildId]);
	await naive.query('analyze tasks');
	const clock = { timeZone, now: new Date() };
	const firstPage = await listTasks(database.db, { guildId }, clock, { offset: 0, limit: 8 });
	const taches = await timed(() => listTasks(database.db, { guildId }, clock, { offset: 0, limit: 8 }), rounds);
	const before = (offset: number) => async (client: pg.Client) => {
		await client.query(
			`select * from tasks where guild_id = $1 and status in ('a_faire', 'en_cours', 'en_attente')
			order by priority desc, due_date asc nulls last, created_at asc limit 8 offset ${offset}`,
			[guildId]
		);
		await client.query(`select count(*) from tasks where guild_id = $1 and status = any($2)`, [guildId, ['a_faire', 'en_cours', 'en_attente']]);
	};
	const tachesNaive = await naiveTimed(before(0));
	const open = await naive.query<{ count: string }>(`select count(*) from tasks where status in ('a_faire', 'en_cours', 'en_attente')`);
	rows.push({ read: `\`/taches\` open, page 1 (${open.rows[0]?.count} open tasks)`, result: `${firstPage.tasks.length}, total ${firstPage.total}${firstPage.countCapped ? '+' : ''}`, p50: percentile(taches, 0.5), p99: percentile(taches, 0.99), naiveP50: percentile(tachesNaive, 0.5), naiveP99: percentile(tachesNaive, 0.99) });
	let after: string | undefined;
	for (let page = 1; page < 100; page++) after = (await listTasks(database.db, { guildId }, clock, { after, limit: 8 })).next;
	const deep = await timed(() => listTasks(database.db, { guildId }, clock, { after, limit: 8 }), rounds);
	const deepNaive = await naiveTimed(before(99 * 8));
	rows.push({ read: '`/taches` open, page 100 (keyset `after`)', result: '8', p50: percentile(deep, 0.5), p99: percentile(deep, 0.99), naiveP50: percentile(deepNaive, 0.5), naiveP99: percentile(deepNaive, 0.99) });

	// The team's planning for this month, as /monplanning mois équipe reads it: a page (41 entries) and the
	// count capped at 1,000, then the 20th page by keyset; before: every entry of the month, sorted.
	const month = DateTime.now().setZone(timeZone).startOf('month');
	const range = { start: month.toJSDate(), end: month.plus({ months: 1 }).toJSDate() };
	const monthPage = (after?: string) =>
		Promise.all([planningInRange(database.db, { guildId, range, after, limit: 41 }), countPlanningInRange(database.db, { guildId, range }, 1000)]);
	const [firstEntries, monthCount] = await monthPage();
	const planningFirst = await timed(() => monthPage(), rounds);
	const beforeMonth = (client: pg.Client) =>
		client.query(
			`select * from planning where guild_id = $1 and deleted_at is null and ends_at > $2 and starts_at < $3 order by starts_at, user_id`,
			[guildId, range.start, range.end]
		);
	const { rowCount: monthEntries } = await beforeMonth(naive);
	const planningNaive = await naiveTimed(beforeMonth);
	rows.push({ read: `planning, team month, page 1 (${monthEntries} entries this month)`, result: `${firstEntries.length}, total ${monthCount.total}${monthCount.capped ? '+' : ''}`, p50: percentile(planningFirst, 0.5), p99: percentile(planningFirst, 0.99), naiveP50: percentile(planningNaive, 0.5), naiveP99: percentile(planningNaive, 0.99) });
	let lastEntry: string | undefined;
	for (let page = 1; page < 20; page++) lastEntry = (await planningInRange(database.db, { guildId, range, after: lastEntry, limit: 41 })).at(-1)?.id;
	const planningDeep = await timed(() => monthPage(lastEntry), rounds);
	rows.push({ read: 'planning, team month, page 20 (keyset)', result: '41', p50: percentile(planningDeep, 0.5), p99: percentile(planningDeep, 0.99), naiveP50: percentile(planningNaive, 0.5), naiveP99: percentile(planningNaive, 0.99) });

	rows.push(await rollUpRow(database.db, naive));

	await naive.end();
	await database.close();
	printRows(rows, messageCount);
}

async function apiStatsRow(db: Parameters<typeof globalStats>[0]): Promise<Row> {
	const figures = await globalStats(db, { timeZone });
	const view = await timed(() => globalStats(db, { timeZone }), rounds);
	const discord = await startDiscordServer();
	const logFile = join(tmpdir(), `bench-reads-monster-${process.pid}.log`);
	const redisUrl = process.env.TEST_REDIS_URL;
	const monster = await startBotProcess(
		join(benchDir, 'bots', 'monster.ts'),
		{
			NODE_ENV: 'production',
			LOG_LEVEL: 'info',
			API_PORT: '0',
			PLUGINS_DIR: join(benchDir, '..', 'plugins'),
			DATABASE_URL: url.toString(),
			REDIS_URL: redisUrl ?? '',
			REDIS_PREFIX: `bench-reads-${process.pid}`,
			DISCORD_TOKEN: '',
			// The load comes from one address: the per-IP limit would answer 429 after 300 requests.
			API_RATE_LIMIT_PER_IP: '1000000000',
			BENCH_API_URL: discord.apiUrl,
			BENCH_TOKEN: discord.token,
			BENCH_GUILD_ID: discord.guild.id
		},
		logFile
	);
	const bare = await startBotProcess(join(benchDir, 'bots', 'bare-http.ts'), { BENCH_JSON: JSON.stringify(figures) }, join(tmpdir(), `bench-reads-bare-${process.pid}.log`));
	try {
		const seconds = Number(args.seconds);
		const stats = `${String(monster.details.apiUrl)}/stats`;
		await load(stats, 50, 1);
		const monsterLoad = await load(stats, 50, seconds);
		await load(String(bare.details.url), 50, 1);
		const bareLoad = await load(String(bare.details.url), 50, seconds);
		const single = (await load(stats, 1, 2)).latencies;
		if (monsterLoad.failed > 0) console.log(`GET /api/stats: ${monsterLoad.failed} answers were not 200 (log: ${logFile})`);
		return {
			read: `\`GET /api/stats\` (figures unchanged): ${monsterLoad.perSecond.toFixed(0)} req/s at 50 connections (p50 ${ms(percentile(monsterLoad.latencies, 0.5))} ms), bare node:http ${bareLoad.perSecond.toFixed(0)} req/s: ${((100 * monsterLoad.perSecond) / bareLoad.perSecond).toFixed(0)}%`,
			result: `${figures.messagesTotal} messages`,
			p50: percentile(single, 0.5),
			p99: percentile(single, 0.99),
			naiveP50: percentile(view, 0.5),
			naiveP99: percentile(view, 0.99)
		};
	} finally {
		await bare.stop();
		await monster.stop();
		await discord.stop();
	}
}

/** Yesterday's roll-up, in a transaction rolled back (the bench database stays as seeded). */
async function rollUpRow(db: Parameters<typeof globalStats>[0], client: pg.Client): Promise<Row> {
	const yesterday = DateTime.now().setZone(timeZone).minus({ days: 1 }).toISODate()!;
	const statement = rollUpUserStatsStatement(yesterday, timeZone);
	const { sql: text, params } = (db as unknown as { dialect: { sqlToQuery(query: typeof statement): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(statement);
	const inTransaction = async (query: string, values: unknown[]) => {
		await client.query('begin');
		try {
			return await client.query(query, values);
		} finally {
			await client.query('rollback');
		}
	};
	const plan = await inTransaction(`explain (analyze, buffers, format json) ${text}`, params);
	const planText = JSON.stringify(plan.rows[0]);
	const spilled = /"Temp Written Blocks": [1-9]/.test(planText) || /external/i.test(planText);
	const project = await timed(() => inTransaction(text, params), Math.max(5, Math.round(rounds / 5)));
	// The roll-up statement of before (count(distinct slot) per member), writing the same rows.
	const beforeQuery = `with bounds as (select $1::date::timestamp at time zone $2 as starts, ($1::date + 1)::timestamp at time zone $2 as ends),
		posted as (
			select m.guild_id, m.author_id as user_id, count(*)::int as messages, count(distinct date_bin('5 minutes', m.created_at, b.starts))::int * 300 as active_seconds
			from messages m, bounds b where m.created_at >= b.starts and m.created_at < b.ends and m.guild_id is not null and not m.author_is_bot
			group by m.guild_id, m.author_id
		)
		insert into user_stats (guild_id, user_id, day, messages, active_seconds)
		select guild_id, user_id, $1::date, messages, active_seconds from posted
		on conflict (guild_id, user_id, day) do update set messages = excluded.messages, active_seconds = excluded.active_seconds
		returning 1`;
	const beforePlan = JSON.stringify((await inTransaction(`explain (analyze, buffers, format json) ${beforeQuery}`, [yesterday, timeZone])).rows[0]);
	const beforeSpilled = /"Temp Written Blocks": [1-9]/.test(beforePlan) || /external/i.test(beforePlan);
	const naiveTimes = await timed(() => inTransaction(beforeQuery, [yesterday, timeZone]), Math.max(3, Math.round(rounds / 10)));
	const { rows: day } = await client.query<{ count: string }>(
		`select count(*) from messages where created_at >= $1::date::timestamp at time zone $2 and created_at < ($1::date + 1)::timestamp at time zone $2`,
		[yesterday, timeZone]
	);
	return {
		read: `roll-up of yesterday (${day[0]?.count} messages): sorts ${spilled ? 'spill to disk' : 'in memory'} (before: ${beforeSpilled ? 'spilled to disk' : 'in memory'})`,
		result: 'user_stats rows',
		p50: percentile(project, 0.5),
		p99: percentile(project, 0.99),
		naiveP50: percentile(naiveTimes, 0.5),
		naiveP99: percentile(naiveTimes, 0.99)
	};
}

function printRows(rows: Row[], messageCount: number): void {
	const previous = args.compare ? (JSON.parse(readFileSync(args.compare, 'utf8')) as { messages: number; rows: Record<string, number> }) : undefined;
	const key = (row: Row) => row.read.replace(/\(.*$/s, '').replace(/:.*$/s, '').trim();
	const growthHeader = previous ? ` growth from ${(previous.messages / 1e6).toFixed(0)}M (p50) |` : '';
	console.log(`| read | result | p50 | p99 | naive p50 | naive p99 | naive p50 / p50 |${growthHeader}`);
	console.log(`|---|---|---|---|---|---|---|${previous ? '---|' : ''}`);
	for (const row of rows) {
		const ratio = row.naiveP50 === undefined ? '—' : `${(row.naiveP50 / row.p50).toFixed(0)}×`;
		const earlier = previous?.rows[key(row)];
		const growth = previous ? ` ${earlier ? `${(row.p50 / earlier).toFixed(2)}×` : '—'} |` : '';
		console.log(`| ${row.read} | ${row.result} | ${ms(row.p50)} | ${ms(row.p99)} | ${ms(row.naiveP50 ?? NaN)} | ${ms(row.naiveP99 ?? NaN)} | ${ratio} |${growth}`);
	}
	if (args.out) writeFileSync(args.out, JSON.stringify({ messages: messageCount, rows: Object.fromEntries(rows.map((row) => [key(row), row.p50])) }, null, '\t'));
}

await main();
