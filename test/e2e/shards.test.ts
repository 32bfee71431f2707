// Two and three bot processes, one gateway shard each, on the local Discord and one real PostgreSQL and Redis: each server is served by one process, and they act as one bot.
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededGuild } from '../../emulator/index.ts';
import { messages } from '../../plugins/monitoring/schema.ts';
import { startBotCluster, type BotCluster, type ClusterProcess } from '../support/bot-cluster.ts';
import { eventually } from '../support/bot.ts';
import { testPostgresUrl } from '../support/databases.ts';

const ready = Boolean(testPostgresUrl && process.env.TEST_REDIS_URL);

/** Sum of a counter's samples in a process's /api/metrics whose labels include `labels` (e.g. `command="ping"`). */
async function counter(process: ClusterProcess, name: string, labels: string[] = []): Promise<number> {
	const body = await (await fetch(`${process.apiUrl}/metrics`)).text();
	return body
		.split('\n')
		.filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
		.filter((line) => labels.every((label) => line.includes(label)))
		.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

async function pluginState(process: ClusterProcess, plugin: string): Promise<string | undefined> {
	const health = (await (await fetch(`${process.apiUrl}/health/detailed`)).json()) as { plugins: Record<string, { state: string }> };
	return health.plugins[plugin]?.state;
}

describe.skipIf(!ready).each([2, 3])(ready ? '%i bot processes, one shard each' : 'skipped: set TEST_DATABASE_URL and TEST_REDIS_URL to run', (count) => {
	let cluster: BotCluster;
	const general = (guild: SeededGuild) => guild.channels.general!;

	beforeAll(async () => {
		cluster = await startBotCluster({ processes: count, pluginFolders: [join(import.meta.dirname, '../fixtures/plugins/occurrences')] });
	}, 300_000);
	afterAll(() => cluster?.stop(), 60_000);

	it('holds each server on exactly one process, the one of its shard', async () => {
		for (const entry of cluster.processes) {
			const connected = entry.bot.logged('Gateway shards connected')!;
			expect(connected).toMatchObject({ shards: [entry.shard], shardCount: count });
			expect(entry.bot.logged('Connected to Discord')).toMatchObject({ guilds: cluster.server.guilds.filter((guild) => cluster.processOf(guild) === entry).length });
		}
		const { server } = cluster;
		for (const guild of server.guilds) await server.sendMessage({ content: '!ping', channelId: general(guild), authorId: guild.members.alice! });
		const pongs = (guild: SeededGuild) => server.botMessages.filter((event) => event.kind === 'create' && event.message.channel_id === general(guild));
		await eventually(() => server.guilds.every((guild) => pongs(guild).length >= 1), 30_000);
		// Every process counted the pings of its own servers, and only those: six in all, one answer each.
		await eventually(async () => (await Promise.all(cluster.processes.map((entry) => counter(entry, 'discord_commands_total', ['command="ping"'])))).reduce((a, b) => a + b) === server.guilds.length, 10_000);
		for (const entry of cluster.processes) {
			const own = server.guilds.filter((guild) => cluster.processOf(guild) === entry).length;
			expect(await counter(entry, 'discord_commands_total', ['command="ping"', `shards="${entry.shard}"`])).toBe(own);
		}
		expect(server.guilds.map((guild) => pongs(guild).length)).toEqual(server.guilds.map(() => 1));
	});

	it('registers each server’s commands once, from one process', async () => {
		const pushes = cluster.server.calls.filter((call) => call.method === 'PUT' && call.route === '/applications/:applicationId/guilds/:guildId/commands' && call.status === 200);
		expect(pushes.map((call) => call.path).sort()).toEqual(cluster.server.guilds.map((guild) => `/applications/${cluster.server.applicationId}/guilds/${guild.id}/commands`).sort());
		// Log lines leave a process by 4 KB or every 200 ms: a push's line may come after the push.
		const synced = () => cluster.processes.flatMap((entry) => entry.bot.lines.filter((line) => line.msg === 'Application commands synced'));
		await eventually(() => synced().length >= cluster.server.guilds.length, 10_000);
		expect(synced()).toHaveLength(cluster.server.guilds.length);
	});

	it('brings a plugin switch made on one process to every process within a second', async () => {
		const { server } = cluster;
		const owner = server.guild.members.admin!;
		const switchTasks = async (subcommand: 'disable' | 'enable') => {
			const handle = await server.sendSlashCommand({ name: 'plugins', subcommand, options: { plugin: 'tasks', portee: 'global' }, userId: owner });
			return handle.reply(15_000);
		};
		expect((await switchTasks('disable')).embeds[0]?.title).toContain('désactivé');
		await eventually(async () => (await Promise.all(cluster.processes.map((entry) => pluginState(entry, 'tasks')))).every((state) => state === 'off'), 1_000);
		await switchTasks('enable');
		await eventually(async () => (await Promise.all(cluster.processes.map((entry) => pluginState(entry, 'tasks')))).every((state) => state === 'active'), 1_000);
	});

	it('posts the weekly planning once in every server, whichever process runs the task', async () => {
		const { server } = cluster;
		const admin = server.guild.members.admin!;
		const question = await (await server.sendSlashCommand({ name: 'taches-planifiees', options: { lancer: 'planning.weekly' }, userId: admin })).reply(15_000);
		const buttons = (question.components ?? []).flatMap((row) => ('components' in row ? (row.components as { custom_id?: string; label?: string }[]) : []));
		const run = buttons.find((button) => button.label === 'Lancer')!;
		const [, done] = await (await server.clickButton({ messageId: question.messageId!, customId: run.custom_id!, userId: admin })).waitForResponses(2, 30_000);
		expect(done!.embeds[0]?.title).toContain('planning.weekly');
		const posts = (guild: SeededGuild) =>
			server.botMessages.filter((event) => event.kind === 'create' && event.message.channel_id === guild.channels.planning);
		const logged = () => cluster.processes.flatMap((entry) => entry.bot.lines.filter((line) => line.msg === 'Weekly planning posted'));
		await eventually(() => logged().length >= server.guilds.length, 30_000);
		expect(logged()).toHaveLength(server.guilds.length);
		expect(new Set(logged().map((line) => line.guildId))).toEqual(new Set(server.guilds.map((guild) => guild.id)));
		expect(server.guilds.map((guild) => posts(guild).length > 0)).toEqual(server.guilds.map(() => true));
		// Run by the process of the first server's shard, which reached the others' servers through REST only.
		const runner = cluster.processOf(server.guild);
		expect(new Set(logged().map((line) => line.pid))).toEqual(new Set([runner.bot.child.pid]));
	});

	it('runs each occurrence of a repeating task once, on whichever process', async () => {
		const redis = new Redis(process.env.TEST_REDIS_URL!);
		try {
			const counts = async () => {
				const keys = (await redis.keys(`${cluster.redisPrefix}:occurrences.*`)).filter((key) => !key.endsWith('.by'));
				return Promise.all(keys.map(async (key) => Number(await redis.get(key))));
			};
			await eventually(async () => (await counts()).length >= 4, 30_000);
			const runs = await counts();
			expect(runs).toEqual(runs.map(() => 1));
		} finally {
			redis.disconnect();
		}
	});

	it('answers /info with every shard’s figures, whichever process answers', async () => {
		const { server } = cluster;
		const last = server.guilds.find((guild) => cluster.processOf(guild) === cluster.processes.at(-1))!;
		const handle = await server.sendSlashCommand({ name: 'info', channelId: general(last), userId: last.members.alice! });
		const services = (await handle.reply(15_000)).embeds[0]?.fields?.find((field) => field.name === 'Services')?.value;
		expect(services).toContain(`${count}/${count} shards connectés · ${server.guilds.length} serveurs`);
		expect(services).toContain('Discord : 🟢');
	});

	it('loses no logged message when a process is stopped and started again, while the others keep logging', async () => {
		const { server } = cluster;
		const stopped = cluster.processes[0]!;
		const own = server.guilds.filter((guild) => cluster.processOf(guild) === stopped);
		const others = server.guilds.filter((guild) => cluster.processOf(guild) !== stopped);
		const post = async (guilds: SeededGuild[], label: string, perGuild: number) => {
			const ids: string[] = [];
			for (let index = 0; index < perGuild; index += 1) {
				for (const guild of guilds) ids.push((await server.sendMessage({ content: `${label} ${index}`, channelId: general(guild), authorId: guild.members.bob! })).id);
			}
			return ids;
		};
		const logged = async (ids: string[]) => (await cluster.database.db.select({ id: messages.messageId }).from(messages).where(inArray(messages.messageId, ids))).map((row) => row.id);

		// Delivered to the process, most still in its message-log buffer when it is told to stop.
		const beforeStop = await post(own, 'avant l’arrêt', 20);
		await cluster.stopProcess(stopped.shard, 'SIGTERM');
		expect((await logged(beforeStop)).sort()).toEqual([...beforeStop].sort());

		const whileDown = await post(others, 'pendant l’arrêt', 10);
		await eventually(async () => (await logged(whileDown)).length === whileDown.length, 15_000);

		const restarted = await cluster.startProcess(stopped.shard);
		await eventually(() => restarted.bot.logged('Connected to Discord'), 30_000);
		const afterRestart = await post(own, 'après le redémarrage', 10);
		await eventually(async () => (await logged(afterRestart)).length === afterRestart.length, 15_000);
		const all = [...beforeStop, ...whileDown, ...afterRestart];
		const rows = await logged(all);
		expect(rows).toHaveLength(all.length);
		expect(new Set(rows).size).toBe(all.length);
	});
});
