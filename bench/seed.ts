/*
 * Fills a PostgreSQL database with a busy construction company's history, for bench/reads.ts.
 *
 *   npx tsx bench/seed.ts [--messages 1000000] [--database monster_bench]
 *
 * The database is (re)created on TEST_DATABASE_URL's server and migrated. Then, over the last 90 days:
 * N French messages (construction vocabulary with accents, everyday filler words, 1 to 3 sentences) from
 * ~200 members in 20 channels, 50,000 tasks and 30,000 planning entries; then user_stats, by the bot's own
 * roll-up of each day (Europe/Paris), as the running bot would have left it. Rows are generated inside
 * PostgreSQL (generate_series, random() with a fixed seed): nothing crosses the network. Up to 200,000
 * distinct messages are drawn, then dealt out to the N rows. The messages' secondary indexes are dropped
 * during the load and rebuilt after it, from their own definitions, as pg_restore does: one sort per index
 * instead of N insertions; the word index is built beside the rest of the seed, on a second connection.
 * Each step prints its seconds (and rows/s).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DateTime } from 'luxon';
import { openDatabase } from '../core/db/client.ts';
import { rollUpUserStats } from '../plugins/monitoring/queries.ts';

const { values: args } = parseArgs({
	options: {
		messages: { type: 'string', default: '1000000' },
		database: { type: 'string', default: 'monster_bench' }
	}
});
const messageCount = Number(args.messages);
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) throw new Error('TEST_DATABASE_URL (a PostgreSQL server) is required');
if (!Number.isInteger(messageCount) || messageCount < 1) throw new Error('--messages must be a positive whole number');
if (!/^[a-z_][a-z0-9_]*$/.test(args.database)) throw new Error('--database must be a plain lower-case name');

export const benchDatabaseUrl = (database: string): string => {
	const url = new URL(serverUrl);
	url.pathname = `/${database}`;
	return url.toString();
};

/** Site words members really type, with their accents; a few are typed without (as in chat). */
const siteWords = [
	'béton', 'beton', 'coffrage', 'livraison', 'livraisons', 'grue', 'plâtre', 'platre', 'carrelage', 'électricité', 'plomberie',
	'toiture', 'échafaudage', 'échafaudages', 'réunion', 'client', 'devis', 'facture', 'camion', 'benne', 'ferraillage', 'dalle',
	'mur', 'fondation', 'fondations', 'retard', 'météo', 'pluie', 'photo', 'plan', 'validé', 'urgent', 'casque', 'sécurité',
	'chef', 'ouvrier', 'ouvriers', 'peinture', 'menuiserie', 'isolation', 'charpente', 'terrassement', 'parpaings', 'enduit',
	'chape', 'gravier', 'sable', 'ciment', 'étanchéité', 'gouttière', 'fenêtres', 'huisseries', 'placo', 'cloison', 'plafond'
];
const fillerWords = [
	'le', 'la', 'les', 'de', 'du', 'des', 'pour', 'avec', 'sur', 'demain', 'matin', 'après-midi', 'ok', 'merci', 'on', 'est',
	'à', 'au', 'il', 'faut', 'prévoir', 'bien', 'reçu', 'prévu', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'équipe',
	'chantier', 'arrivé', 'arrivée', 'commande', 'vérifier', 'appeler', 'voir', 'semaine', 'prochaine', 'encore', 'déjà'
];

const sqlArray = (words: string[]): string => `array[${words.map((word) => `'${word.replace(/'/g, "''")}'`).join(', ')}]`;

/** Distinct messages generated, then dealt out to the N rows (each drawn again per row would cost most of the load). */
const poolSize = Math.min(messageCount, 200_000);

async function main(): Promise<void> {
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	await admin.query(`drop database if exists ${args.database}`);
	await admin.query(`create database ${args.database}`);
	await admin.end();
	const url = benchDatabaseUrl(args.database);
	const database = await openDatabase({ url });
	await database.migrate();
	await database.close();

	const client = new pg.Client({ connectionString: url });
	const second = new pg.Client({ connectionString: url });
	await Promise.all([client.connect(), second.connect()]);
	const started = Date.now();
	const step = async (label: string, statement: string, on = client, rows?: number) => {
		const stepStarted = Date.now();
		await on.query(statement);
		const seconds = (Date.now() - stepStarted) / 1000;
		console.log(`${label}: ${seconds.toFixed(1)} s${rows ? `, ${Math.round(rows / seconds).toLocaleString('en')} rows/s` : ''}`);
	};
	const { rows: indexes } = await client.query<{ name: string; definition: string }>(
		`select indexname as name, indexdef as definition from pg_indexes
		where tablename = 'messages' and indexname not in ('messages_pkey', 'messages_message_id_key')`
	);
	for (const { name } of indexes) await client.query(`drop index ${name}`);
	// The vocabulary trigger would split all N messages in one statement: message_words is filled once at the end.
	await client.query('alter table messages disable trigger messages_words_insert');
	await client.query('select setseed(0.14)');
	await second.query('select setseed(0.41)');
	// The pool: 1 to 3 sentences of 3 to 14 words, two words in three from the site vocabulary. The `where
	// g > 0` ties each subquery to its row, so that random() is drawn again for every message; the
	// vocabularies are written inside it so that string_agg belongs to the subquery, not to the outer select.
	await step(
		`message pool (${poolSize})`,
		`create unlogged table seed_pool as
		select g as slot, (select string_agg(case when random() < 0.66 then (${sqlArray(siteWords)})[1 + floor(random() * ${siteWords.length})::int]
					else (${sqlArray(fillerWords)})[1 + floor(random() * ${fillerWords.length})::int] end, ' ')
				from generate_series(1, 3 + floor(random() * 12)::int + (g % 3) * 4) where g > 0) as content
		from generate_series(0, ${poolSize - 1}) g`,
		client,
		poolSize
	);
	await client.query('alter table seed_pool add primary key (slot)');
	// Each row takes a pool message by a stride prime to the pool size: neighbours (same day, channel) differ.
	// Two halves load at once, one per connection (the machine has two cores).
	const half = Math.ceil(messageCount / 2);
	const loading = Date.now();
	await Promise.all(
		[client, second].map((on, part) =>
			on.query(
				`insert into messages (message_id, guild_id, channel_id, author_id, author_is_bot, content, created_at)
				select (1100000000000000000 + g)::text, '1000000000000000001', (1200000000000000000 + (g * 7) % 20)::text,
					(1300000000000000000 + floor(200 * random() * random())::int)::text, g % 50 = 0,
					seed_pool.content, now() - interval '90 days' * (1 - g::float8 / ${messageCount})
				from generate_series(${1 + part * half}, ${Math.min(messageCount, (part + 1) * half)}) g join seed_pool on seed_pool.slot = (g::bigint * 7919) % ${poolSize}`
			)
		)
	);
	const loadSeconds = (Date.now() - loading) / 1000;
	console.log(`messages (${messageCount}, two connections): ${loadSeconds.toFixed(1)} s, ${Math.round(messageCount / loadSeconds).toLocaleString('en')} rows/s`);
	await client.query('drop table seed_pool');
	await client.query('alter table messages enable trigger messages_words_insert');
	// GIN builds collect their posting lists in maintenance_work_mem (64 MB by default) and merge them each
	// time it fills: more of it makes fewer, larger merges (for this session only). The word index, the
	// longest step, is built on one connection while the rest (dates, tasks, planning, vocabulary, roll-up)
	// runs on another: the machine has two cores.
	await client.query(`set maintenance_work_mem = '1GB'`);
	await second.query(`set maintenance_work_mem = '256MB'`);
	const wordIndex = indexes.find(({ name }) => name === 'messages_content_fts_idx');
	const building = Promise.all(indexes.filter((index) => index !== wordIndex).map(({ name, definition }) => step(`index ${name}`, definition, second))).then(async () => {
		await step(
			'tasks (50000)',
			`insert into tasks (guild_id, title, status, priority, due_date, assignee_id, creator_id, created_at)
			select '1000000000000000001', 'Tâche ' || g || ' : ' || (${sqlArray(siteWords)})[1 + g % ${siteWords.length}],
				(case when g % 10 < 3 then (array['a_faire', 'en_cours', 'en_attente'])[1 + g % 3] when g % 10 = 3 then 'annulee' else 'terminee' end)::task_status,
				(array['basse', 'normale', 'normale', 'haute', 'urgente'])[1 + g % 5]::task_priority,
				current_date - 90 + (g % 120), (1300000000000000000 + g % 200)::text, (1300000000000000000 + g % 17)::text,
				now() - interval '90 days' * (1 - g::float8 / 50000)
			from generate_series(1, 50000) g`,
			second,
			50_000
		);
		// 29,800 days on site, office or training, and 200 congés of one to two weeks (the long entries).
		await step(
			'planning (30000)',
			`insert into planning (guild_id, user_id, type, starts_at, ends_at, status, created_by)
			select '1000000000000000001', (1300000000000000000 + u)::text, (array['chantier', 'chantier', 'chantier', 'formation', 'reunion'])[1 + d % 5]::planning_type,
				current_date - 90 + d + interval '8 hours', current_date - 90 + d + interval '17 hours',
				(case when d < 90 then 'confirme' else 'prevu' end)::planning_status, '1300000000000000000'
			from generate_series(0, 199) u, generate_series(0, 148) d
			union all
			select '1000000000000000001', (1300000000000000000 + u)::text, 'conges', current_date - 90 + (u * 7) % 150, current_date - 90 + (u * 7) % 150 + 7 + u % 8,
				'confirme', '1300000000000000000'
			from generate_series(0, 199) u`,
			second,
			30_000
		);
		// What the vocabulary trigger would have kept: the words of the seed's word lists are the only ones in its messages.
		await step(
			'message_words',
			`insert into message_words (word)
			select distinct word from unnest(${sqlArray([...siteWords, ...fillerWords])}) typed, regexp_split_to_table(lower(public.immutable_unaccent(typed)), '[^[:alpha:]]+') as word
			where length(word) between 3 and 40 on conflict do nothing`,
			second
		);
		const rolling = Date.now();
		const stats = await openDatabase({ url, poolSize: 1 });
		const today = DateTime.now().setZone('Europe/Paris').startOf('day');
		for (let daysAgo = 91; daysAgo >= 0; daysAgo--) await rollUpUserStats(stats.db, { day: today.minus({ days: daysAgo }).toISODate()!, timeZone: 'Europe/Paris' });
		await stats.close();
		console.log(`user_stats (92 days rolled up): ${((Date.now() - rolling) / 1000).toFixed(1)} s`);
	});
	if (wordIndex) await step(`index ${wordIndex.name}`, wordIndex.definition, client, messageCount);
	await building;
	await step('vacuum analyze', 'vacuum analyze', client);
	await Promise.all([client.end(), second.end()]);
	const seconds = (Date.now() - started) / 1000;
	console.log(`seeded ${args.database} in ${seconds.toFixed(0)} s: ${Math.round(messageCount / seconds).toLocaleString('en')} messages/s overall`);
}

await main();
