/*
 * Message log ingestion, end to end, beside a raw COPY of the same rows into the same table.
 *
 *   npx tsx bench/ingest.ts [--messages 20000] [--backend postgres|pglite] [--source members|gateway]
 *   (both backends by default when TEST_DATABASE_URL is set, PGlite only otherwise)
 *
 * Pipeline: members post through the local Discord server → gateway MESSAGE_CREATE → the real discord.js
 * client → toMessageRow → MessageLogWriter → committed rows. Everything but PostgreSQL runs in this one
 * process. The clock starts before the first post and stops when the last row is committed.
 * `--source gateway` dispatches the MESSAGE_CREATE events straight into the server's gateway, skipping the
 * server's own bookkeeping of posted messages (work the real Discord does elsewhere, not in the bot).
 * Baseline: the table is truncated and the very same rows are loaded with one COPY (what the database can
 * take at best with the same indexes). Target: ≥ 10,000 messages/s and ≥ 50% of the COPY rate.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../core/db/client.ts';
import { createTestDatabase, storageBackends, type BackendKind, type TestDatabase } from '../test/support/databases.ts';
import { SnowflakeGenerator } from '../emulator/ids.ts';
import { createTestClient, loginTestClient, startDiscordServer, type DiscordServer } from '../emulator/index.ts';
import { toMessageRow, type MessageRow } from '../plugins/monitoring/message-log/row.ts';
import { MessageLogWriter } from '../plugins/monitoring/message-log/writer.ts';

const { values: args } = parseArgs({
	options: {
		messages: { type: 'string', default: '20000' },
		backend: { type: 'string' },
		source: { type: 'string', default: 'members' }
	}
});
const messageCount = Number(args.messages);
const backends = args.backend ? [args.backend as BackendKind] : storageBackends;

const words = (
	'béton coffrage livraison grue demain matin équipe plâtre carrelage électricité plomberie toiture échafaudage ' +
	'réunion client devis facture camion benne ferraillage dalle mur fondation retard météo pluie photo plan ' +
	'validé urgent casque sécurité chef ouvrier peinture menuiserie isolation charpente terrassement'
).split(' ');

/** Varied sentences (a fixed pseudo-random sequence), so the trigram index works as hard as on real chat. */
function sentence(index: number): string {
	let seed = index * 2_654_435_761;
	const length = 4 + (index % 14);
	const picked: string[] = [];
	for (let word = 0; word < length; word++) {
		seed = (seed * 1_103_515_245 + 12_345) >>> 0;
		picked.push(words[seed % words.length] ?? '');
	}
	return `${picked.join(' ')} ${index}`;
}

async function runPipeline(server: DiscordServer, db: Db): Promise<{ seconds: number; rows: MessageRow[] }> {
	const client = createTestClient(server);
	await loginTestClient(client, server);
	const writer = new MessageLogWriter({ db });
	const rows: MessageRow[] = [];
	let received = 0;
	let allReceived: () => void = () => {};
	const done = new Promise<void>((resolve) => (allReceived = resolve));
	client.on('messageCreate', (message) => {
		const row = toMessageRow(message);
		rows.push(row);
		writer.recordCreate(row);
		if (++received === messageCount) allReceived();
	});
	const channels = [server.guild.channels.general, server.guild.channels.site, server.guild.channels.planning];
	const authors = Object.values(server.guild.members).filter((id) => id !== server.botUser.id);
	const ids = new SnowflakeGenerator();
	const post = (index: number): Promise<unknown> => {
		const channelId = channels[index % channels.length] ?? '';
		const authorId = authors[index % authors.length] ?? '';
		if (args.source === 'members') return server.sendMessage({ channelId, authorId, content: sentence(index) });
		return server.dispatch('MESSAGE_CREATE', {
			id: ids.next(),
			channel_id: channelId,
			guild_id: server.guild.id,
			author: server.state.users.get(authorId),
			content: sentence(index),
			timestamp: new Date().toISOString(),
			edited_timestamp: null,
			tts: false,
			mention_everyone: false,
			mentions: [],
			mention_roles: [],
			attachments: [],
			embeds: [],
			pinned: false,
			type: 0
		});
	};
	const started = performance.now();
	// Many members posting at once: keep a few hundred posts in flight, as a busy gateway would deliver them.
	for (let first = 0; first < messageCount; first += 500) {
		const posts: Promise<unknown>[] = [];
		for (let index = first; index < Math.min(first + 500, messageCount); index++) posts.push(post(index));
		await Promise.all(posts);
		// The server lives in this process: let I/O in (gateway frames, database replies) between bursts,
		// as it would be between packets from the real gateway.
		await new Promise((resolve) => setImmediate(resolve));
	}
	await done;
	await writer.close();
	const seconds = (performance.now() - started) / 1000;
	await client.destroy();
	if (writer.stats.written !== messageCount) throw new Error(`wrote ${writer.stats.written} of ${messageCount}`);
	return { seconds, rows };
}

const copyColumns = 'message_id, guild_id, channel_id, author_id, author_is_bot, content, metadata, created_at, edited_at';

/** COPY text format: tab-separated, \N for null, backslash escapes. */
function copyText(rows: readonly MessageRow[]): string {
	const field = (value: string | null) =>
		value === null ? '\\N' : value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
	return rows
		.map((row) =>
			[
				row.messageId,
				row.guildId,
				row.channelId,
				row.authorId,
				String(row.authorIsBot),
				row.content,
				JSON.stringify(row.metadata),
				row.createdAt.toISOString(),
				row.editedAt?.toISOString() ?? null
			]
				.map(field)
				.join('\t')
		)
		.join('\n')
		.concat('\n');
}

async function runCopy(database: TestDatabase, rows: readonly MessageRow[]): Promise<number> {
	await database.db.execute(sql`truncate messages`);
	const text = copyText(rows);
	const statement = `COPY messages (${copyColumns}) FROM STDIN`;
	if (database.kind === 'postgres') {
		const connection = new pg.Client({ connectionString: database.url });
		await connection.connect();
		try {
			const started = performance.now();
			await pipeline(Readable.from([text]), connection.query(copyFrom(statement)));
			return (performance.now() - started) / 1000;
		} finally {
			await connection.end();
		}
	}
	const pglite = (database.db as unknown as { $client: PGlite }).$client;
	const started = performance.now();
	await pglite.query(`COPY messages (${copyColumns}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
	return (performance.now() - started) / 1000;
}

async function countRows(db: Db): Promise<number> {
	const result = (await db.execute(sql`select count(*)::int as n from messages`)) as unknown as { rows: { n: number }[] };
	return result.rows[0]?.n ?? 0;
}

const rate = (count: number, seconds: number) => Math.round(count / seconds).toLocaleString('en-US');

for (const kind of backends) {
	const server = await startDiscordServer();
	const database = await createTestDatabase(kind);
	try {
		const pipelineRun = await runPipeline(server, database.db);
		if ((await countRows(database.db)) !== messageCount) throw new Error('pipeline rows missing');
		const copySeconds = await runCopy(database, pipelineRun.rows);
		if ((await countRows(database.db)) !== messageCount) throw new Error('COPY rows missing');
		const pipelineRate = messageCount / pipelineRun.seconds;
		const copyRate = messageCount / copySeconds;
		const ratio = pipelineRate / copyRate;
		console.log(
			[
				`${kind}: ${messageCount.toLocaleString('en-US')} messages, source: ${args.source}`,
				`  gateway → committed rows: ${rate(messageCount, pipelineRun.seconds)} messages/s (${pipelineRun.seconds.toFixed(2)} s)`,
				`  raw COPY of the same rows: ${rate(messageCount, copySeconds)} rows/s (${copySeconds.toFixed(2)} s)`,
				`  ratio: ${(ratio * 100).toFixed(0)}% of COPY`,
				`  targets: ≥ 10,000 messages/s ${pipelineRate >= 10_000 ? 'met' : 'MISSED'}, ≥ 50% of COPY ${ratio >= 0.5 ? 'met' : 'MISSED'}`
			].join('\n')
		);
	} finally {
		await database.destroy();
		await server.stop();
	}
}
