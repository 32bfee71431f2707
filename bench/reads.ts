/*
 * Message search at scale, beside the naive query in the same run, on a database filled by bench/seed.ts.
 *
 *   npx tsx bench/seed.ts --messages 1000000 && npx tsx bench/reads.ts [--database monster_bench] [--rounds 50]
 *
 * Each search runs as /recherche does (`searchMessages`: first page, 17 of the 20 channels readable) for
 * `--rounds` rounds after two warm-up rounds; p50 and p99 are printed per search. The naive query is the
 * same page by unaccent + ILIKE on every word, read by a sequential scan (index scans switched off for it
 * alone, as a database without a text index would run it), over a fifth of the rounds: it takes seconds.
 * Both run against a warm cache: the figures compare query plans, not disks.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../core/db/client.ts';
import { searchMessages, searchPageSize } from '../plugins/monitoring/queries.ts';

const { values: args } = parseArgs({
	options: {
		database: { type: 'string', default: 'monster_bench' },
		rounds: { type: 'string', default: '50' }
	}
});
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) throw new Error('TEST_DATABASE_URL (the server bench/seed.ts filled) is required');
const url = new URL(serverUrl);
url.pathname = `/${args.database}`;
const rounds = Number(args.rounds);

const searches = ['beton', 'livraison plâtre', 'xyzzy'];
const readableChannelIds = Array.from({ length: 17 }, (_, index) => (1200000000000000000n + BigInt(index)).toString());

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
const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

async function main(): Promise<void> {
	const database = await openDatabase({ url: url.toString(), poolSize: 2 });
	const naive = new pg.Client({ connectionString: url.toString() });
	await naive.connect();
	const { rows: counted } = await naive.query<{ count: string }>('select count(*) from messages');
	console.log(`${args.database}: ${counted[0]?.count} messages; ${rounds} rounds (naive: ${Math.max(3, Math.round(rounds / 5))}), times in ms`);
	console.log('| search | results | p50 | p99 | naive p50 | naive p99 | naive p50 / p50 |');
	console.log('|---|---|---|---|---|---|---|');
	for (const text of searches) {
		const search = { text, readableChannelIds };
		const first = await searchMessages(database.db, search);
		const project = await timed(() => searchMessages(database.db, search), rounds);
		const patterns = text.split(/\s+/).map((word) => `%${word}%`);
		const naiveTimes = await timed(async () => {
			await naive.query('begin');
			await naive.query('set local enable_indexscan = off');
			await naive.query('set local enable_bitmapscan = off');
			await naive.query(
				`select id, message_id, channel_id, author_id, content, created_at from messages
				where unaccent(content) ilike all (select unaccent(pattern) from unnest($1::text[]) pattern)
					and channel_id = any($2) and deleted_at is null
				order by created_at desc, id desc limit ${searchPageSize + 1}`,
				[patterns, readableChannelIds]
			);
			await naive.query('commit');
		}, Math.max(3, Math.round(rounds / 5)));
		const results = `${first.results.length}${first.hasMore ? '+' : ''} (${first.match})`;
		console.log(
			`| \`/recherche ${text}\` | ${results} | ${ms(percentile(project, 0.5))} | ${ms(percentile(project, 0.99))} | ${ms(percentile(naiveTimes, 0.5))} | ${ms(percentile(naiveTimes, 0.99))} | ${(percentile(naiveTimes, 0.5) / percentile(project, 0.5)).toFixed(0)}× |`
		);
	}
	await naive.end();
	await database.close();
}

await main();
