/*
 * Several bot processes, one gateway shard each, in the same run: message-log ingest and command round
 * trip with 1, 2 and 3 processes on the same PostgreSQL and Redis, and how the cost grows.
 *
 *   TEST_DATABASE_URL=postgres://… TEST_REDIS_URL=redis://… npx tsx bench/scale.ts [--messages 6000] [--commands 300] [--processes 1,2,3]
 *
 * Each round starts a local Discord seeded with six servers (spread evenly over 1, 2 or 3 shards), a
 * fresh PostgreSQL database and Redis prefix, and N processes started as `npm start` does
 * (test/support/bot-cluster.ts). Ingest: MESSAGE_CREATE events spread over the six servers are
 * dispatched into the gateway (each reaches the process of its server's shard only); the clock stops
 * when the last row is committed. Commands: `!ping` in every server, 12 in flight, timed from the post
 * to the bot's reply. Cost: CPU seconds of all bot processes per 1,000 messages (from /proc), and their
 * resident memory summed. The load generator (this process) and PostgreSQL share the machine with them.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { SnowflakeGenerator } from '../emulator/ids.ts';
import type { BotMessageEvent } from '../emulator/index.ts';
import { startBotCluster, type BotCluster } from '../test/support/bot-cluster.ts';

const { values: args } = parseArgs({
	options: {
		messages: { type: 'string', default: '6000' },
		commands: { type: 'string', default: '300' },
		processes: { type: 'string', default: '1,2,3' }
	}
});
const messageCount = Number(args.messages);
const commandCount = Number(args.commands);
const processCounts = args.processes.split(',').map(Number);

if (!process.env.TEST_DATABASE_URL || !process.env.TEST_REDIS_URL) {
	console.error('bench/scale.ts needs TEST_DATABASE_URL (PostgreSQL) and TEST_REDIS_URL (Redis): several processes share them.');
	process.exit(1);
}

/** user + system CPU seconds of a process so far (Linux /proc; fields 14 and 15, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

function residentMb(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
	return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function ingest(cluster: BotCluster): Promise<{ perSecond: number; cpuPerThousand: number }> {
	const { server, database } = cluster;
	const pids = cluster.processes.map((entry) => entry.bot.child.pid!);
	const ids = new SnowflakeGenerator();
	const before = pids.map(cpuSeconds);
	const started = performance.now();
	for (let first = 0; first < messageCount; first += 300) {
		const posts: Promise<void>[] = [];
		for (let index = first; index < Math.min(first + 300, messageCount); index += 1) {
			const guild = server.guilds[index % server.guilds.length]!;
			const authorId = guild.members.alice!;
			posts.push(
				server.dispatch('MESSAGE_CREATE', {
					id: ids.next(),
					channel_id: guild.channels.general,
					guild_id: guild.id,
					author: server.state.users.get(authorId),
					member: server.state.memberPayload(guild.id, authorId),
					content: `livraison béton coffrage dalle ${index}`,
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
				})
			);
		}
		await Promise.all(posts);
		await new Promise((resolve) => setImmediate(resolve));
	}
	for (;;) {
		const result = (await database.db.execute(sql`select count(*)::int as count from messages`)) as unknown as { rows: { count: number }[] };
		const [row] = result.rows;
		if ((row?.count ?? 0) >= messageCount) break;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	const seconds = (performance.now() - started) / 1000;
	const cpu = pids.map(cpuSeconds).reduce((sum, after, index) => sum + after - before[index]!, 0);
	return { perSecond: messageCount / seconds, cpuPerThousand: (cpu / messageCount) * 1000 };
}

async function commands(cluster: BotCluster): Promise<{ perSecond: number; p50: number; p99: number }> {
	const { server } = cluster;
	const waiting = new Map<string, () => void>();
	/** Replies that arrived before their command's post resolved. */
	const early = new Set<string>();
	const onMessage = (event: BotMessageEvent) => {
		if (event.kind !== 'create') return;
		const key = (event.message as { message_reference?: { message_id?: string } }).message_reference?.message_id;
		if (!key) return;
		const answered = waiting.get(key);
		if (answered) answered();
		else early.add(key);
	};
	server.on('message', onMessage);
	const durations: number[] = [];
	let next = 0;
	const started = performance.now();
	const worker = async () => {
		while (next < commandCount) {
			const index = next++;
			const guild = server.guilds[index % server.guilds.length]!;
			const sentAt = performance.now();
			let answered!: () => void;
			const reply = new Promise<void>((resolve) => (answered = resolve));
			const message = await server.sendMessage({ content: '!ping', channelId: guild.channels.general!, authorId: guild.members.bob! });
			if (early.delete(message.id)) answered();
			else waiting.set(message.id, answered);
			await reply;
			waiting.delete(message.id);
			durations.push(performance.now() - sentAt);
		}
	};
	await Promise.all(Array.from({ length: 12 }, worker));
	const seconds = (performance.now() - started) / 1000;
	server.off('message', onMessage);
	durations.sort((a, b) => a - b);
	return { perSecond: commandCount / seconds, p50: quantile(durations, 0.5), p99: quantile(durations, 0.99) };
}

interface Round {
	processes: number;
	ingest: number;
	cpuPerThousand: number;
	commands: number;
	p50: number;
	p99: number;
	rssMb: number;
}

const rounds: Round[] = [];
for (const count of processCounts) {
	process.stdout.write(`${count} process(es): starting… `);
	const cluster = await startBotCluster({ processes: count, plugins: ['team', 'admin', 'monitoring'] });
	try {
		process.stdout.write('ingest… ');
		const ingested = await ingest(cluster);
		process.stdout.write('commands… ');
		const answered = await commands(cluster);
		const rssMb = cluster.processes.reduce((sum, entry) => sum + residentMb(entry.bot.child.pid!), 0);
		rounds.push({ processes: count, ingest: ingested.perSecond, cpuPerThousand: ingested.cpuPerThousand, commands: answered.perSecond, p50: answered.p50, p99: answered.p99, rssMb });
		console.log('done');
	} finally {
		await cluster.stop();
	}
}

const first = rounds[0]!;
console.log(`\n${messageCount} messages, ${commandCount} !ping (12 in flight), six servers spread over the shards\n`);
console.log('| processes | ingest msg/s | × 1 process | CPU s / 1,000 msg | !ping/s | × 1 process | p50 ms | p99 ms | RSS, all processes |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const round of rounds) {
	console.log(
		`| ${round.processes} | ${Math.round(round.ingest)} | ${(round.ingest / first.ingest).toFixed(2)} | ${round.cpuPerThousand.toFixed(2)} | ` +
			`${Math.round(round.commands)} | ${(round.commands / first.commands).toFixed(2)} | ${round.p50.toFixed(1)} | ${round.p99.toFixed(1)} | ${Math.round(round.rssMb)} MB |`
	);
}
