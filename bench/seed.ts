/*
 * Fills a PostgreSQL database with a busy construction company's history, for bench/reads.ts.
 *
 *   npx tsx bench/seed.ts [--messages 1000000] [--database monster_bench]
 *
 * The database is (re)created on TEST_DATABASE_URL's server and migrated. Then, over the last 90 days:
 * N French messages (construction vocabulary with accents, everyday filler words, 1 to 3 sentences) from
 * ~200 members in 20 channels, 50,000 tasks and 30,000 planning entries; then user_stats, by the bot's own
 * roll-up of each day (Europe/Paris), as the running bot would have left it. Rows are generated inside
 * PostgreSQL (generate_series, random() with a fixed seed): nothing crosses the network. The messages'
 * secondary indexes are dropped during the load and rebuilt after it, from their own definitions, as
 * pg_restore does: one sort per index instead of N insertions.
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
	await client.connect();
	const started = Date.now();
	const step = async (label: string, statement: string) => {
		const stepStarted = Date.now();
		await client.query(statement);
		console.log(`${label}: ${((Date.now() - stepStarted) / 1000).toFixed(1)} s`);
	};
	const { rows: indexes } = await client.query<{ name: string; definition: string }>(
		`select indexname as name, indexdef as definition from pg_indexes
		where tablename = 'messages' and indexname not in ('messages_pkey', 'messages_message_id_key')`
	);
	for (const { name } of indexes) await client.query(`drop index ${name}`);
	await client.query('select setseed(0.14)');
	// Each message: 1 to 3 sentences of 3 to 14 words, two words in three from the site vocabulary.
	// The `where g > 0` ties each subquery to its row, so that random() is drawn again for every message;
	// the vocabularies are written inside it so that string_agg belongs to the subquery, not to the outer select.
	await step(
		`messages (${messageCount})`,
		`insert into messages (message_id, guild_id, channel_id, author_id, author_is_bot, content, created_at)
		select (1100000000000000000 + g)::text, '1000000000000000001', (1200000000000000000 + (g * 7) % 20)::text,
			(1300000000000000000 + floor(200 * random() * random())::int)::text, g % 50 = 0,
			(select string_agg(case when random() < 0.66 then (${sqlArray(siteWords)})[1 + floor(random() * ${siteWords.length})::int]
					else (${sqlArray(fillerWords)})[1 + floor(random() * ${fillerWords.length})::int] end, ' ')
				from generate_series(1, 3 + floor(random() * 12)::int + (g % 3) * 4) where g > 0),
			now() - interval '90 days' * (1 - g::float8 / ${messageCount})
		from generate_series(1, ${messageCount}) g`
	);
	// GIN builds collect their posting lists in maintenance_work_mem (64 MB by default) and merge them each
	// time it fills: more of it makes fewer, larger merges (for this session only).
	await client.query(`set maintenance_work_mem = '1GB'`);
	for (const { name, definition } of indexes) await step(`index ${name}`, definition);
	await step(
		'tasks (50000)',
		`insert into tasks (guild_id, title, status, priority, due_date, assignee_id, creator_id, created_at)
		select '1000000000000000001', 'Tâche ' || g || ' : ' || (${sqlArray(siteWords)})[1 + g % ${siteWords.length}],
			(case when g % 10 < 3 then (array['a_faire', 'en_cours', 'en_attente'])[1 + g % 3] when g % 10 = 3 then 'annulee' else 'terminee' end)::task_status,
			(array['basse', 'normale', 'normale', 'haute', 'urgente'])[1 + g % 5]::task_priority,
			current_date - 90 + (g % 120), (1300000000000000000 + g % 200)::text, (1300000000000000000 + g % 17)::text,
			now() - interval '90 days' * (1 - g::float8 / 50000)
		from generate_series(1, 50000) g`
	);
	await step(
		'planning (30000)',
		`insert into planning (guild_id, user_id, type, starts_at, ends_at, status, created_by)
		select '1000000000000000001', (1300000000000000000 + u)::text, (array['chantier', 'chantier', 'chantier', 'formation', 'reunion'])[1 + d % 5]::planning_type,
			current_date - 90 + d + interval '8 hours', current_date - 90 + d + interval '17 hours',
			(case when d < 90 then 'confirme' else 'prevu' end)::planning_status, '1300000000000000000'
		from generate_series(0, 199) u, generate_series(0, 149) d`
	);
	await client.end();
	const rolling = Date.now();
	const stats = await openDatabase({ url, poolSize: 1 });
	const today = DateTime.now().setZone('Europe/Paris').startOf('day');
	for (let daysAgo = 91; daysAgo >= 0; daysAgo--) await rollUpUserStats(stats.db, { day: today.minus({ days: daysAgo }).toISODate()!, timeZone: 'Europe/Paris' });
	await stats.close();
	console.log(`user_stats (92 days rolled up): ${((Date.now() - rolling) / 1000).toFixed(1)} s`);
	const vacuum = new pg.Client({ connectionString: url });
	await vacuum.connect();
	const vacuumed = Date.now();
	await vacuum.query('vacuum analyze');
	console.log(`vacuum analyze: ${((Date.now() - vacuumed) / 1000).toFixed(1)} s`);
	await vacuum.end();
	console.log(`seeded ${args.database} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

await main();
