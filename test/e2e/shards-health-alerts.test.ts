// Health alerts with two bot processes, one shard each, on the local Discord and one real PostgreSQL and Redis: a change is alerted once, in every server, by one process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededGuild } from '../../emulator/index.ts';
import { startBotCluster, type BotCluster } from '../support/bot-cluster.ts';
import { eventually } from '../support/bot.ts';
import { testPostgresUrl } from '../support/databases.ts';

const ready = Boolean(testPostgresUrl && process.env.TEST_REDIS_URL);

describe.skipIf(!ready)(ready ? 'health alerts with two processes' : 'skipped: set TEST_DATABASE_URL and TEST_REDIS_URL to run', () => {
	let cluster: BotCluster;

	beforeAll(async () => {
		cluster = await startBotCluster({ processes: 2, env: { HEALTH_PROBE_SECONDS: '1' } });
	}, 300_000);
	afterAll(() => cluster?.stop(), 60_000);

	const alerts = (guild: SeededGuild, title: string) =>
		cluster.server.state.channelMessages(guild.channels.logs!).filter((message) => message.embeds[0]?.title?.includes(title));
	const alertedEverywhere = (title: string) => cluster.server.guilds.every((guild) => alerts(guild, title).length >= 1);
	const announced = (what: string) => cluster.processes.flatMap((entry) => entry.bot.lines.filter((line) => line.msg === what));

	it('alerts a lost process once in every server, from the other one, and its return once, from the one holding shard 0', async () => {
		// Both processes probe every second; the cluster starting (a shard not yet seen) is no incident: the count below says so.
		// Shard 0's process stops: shard 1's process takes the alerts over and finds shard 0 missing.
		// Once shard 1's process has seen shard 0 (a shard never seen is one still starting).
		await eventually(() => cluster.processes[1]!.bot.logged('Health: every shard seen, a lost one is alerted from now on'), 30_000);
		await cluster.stopProcess(0, 'SIGTERM');
		await eventually(() => alertedEverywhere('service dégradé'), 30_000);
		// Log lines leave the process by 4 KB or every 200 ms: the line may come after the alert.
		const degraded = await eventually(() => (announced('Health degraded').length > 0 ? announced('Health degraded') : undefined), 10_000);
		expect(degraded).toHaveLength(1);
		expect(degraded[0]).toMatchObject({ components: ['gateway'], pid: cluster.processes[1]!.bot.child.pid });

		// Back: shard 0's process alerts again, going on from the state the other one left in the cache.
		const restarted = await cluster.startProcess(0);
		await eventually(() => alertedEverywhere('tout fonctionne de nouveau'), 60_000);
		const recovered = await eventually(() => (announced('Health recovered').length > 0 ? announced('Health recovered') : undefined), 10_000);
		expect(recovered).toHaveLength(1);
		expect(recovered[0]).toMatchObject({ components: ['gateway'], pid: restarted.bot.child.pid });
		// Many probes ran on both processes meanwhile (the restart alone takes several seconds): one alert each way in every server, none twice.
		for (const guild of cluster.server.guilds) {
			expect(alerts(guild, 'service dégradé')).toHaveLength(1);
			expect(alerts(guild, 'tout fonctionne de nouveau')).toHaveLength(1);
		}
	}, 180_000);
});
