import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { container } from '@sapphire/framework';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { apiLogs } from '../../core/db/schema.ts';
import { createLogger } from '../../core/log.ts';
import { RedisTaskScheduler } from '../../core/scheduler/redis.ts';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

const ticker = join(import.meta.dirname, '../fixtures/plugins/ticker');
const metronome = join(import.meta.dirname, '../fixtures/plugins/metronome');
const overrun = join(import.meta.dirname, '../fixtures/plugins/overrun');
const mistimed = join(import.meta.dirname, '../fixtures/plugins/mistimed');
const schedulers = process.env.TEST_REDIS_URL ? (['memory', 'redis'] as const) : (['memory'] as const);

describe.each(schedulers)('scheduled tasks on the %s scheduler', (kind) => {
	let bot: TestBot | undefined;
	afterEach(async () => {
		await bot?.stop();
		bot = undefined;
	});
	const count = (content: string) => bot!.server.botMessages.filter((event) => event.kind === 'create' && event.message.content === content).length;
	const beats = () => count('beat');
	/** Waits for the metronome plugin's next `n` ticks: as many of its 300 ms intervals went by, for every task. */
	const ticksGoBy = async (n: number) => {
		const target = count('tick') + n;
		await eventually(() => count('tick') >= target);
	};

	it('runs a repeating task, skips it while its plugin is off, and follows a changed schedule', async () => {
		bot = await startTestBot({ plugins: [], pluginFolders: [ticker, metronome], redis: kind === 'redis' });
		expect(bot.monster.scheduler.kind).toBe(kind);
		await eventually(() => beats() >= 2);

		await bot.monster.host.setEnabled('ticker', false, { actor: 'test' });
		const stoppedAt = beats();
		await ticksGoBy(3);
		// One beat may have been on its way when the switch flipped.
		expect(beats()).toBeLessThanOrEqual(stoppedAt + 1);

		await bot.monster.host.setEnabled('ticker', true, { actor: 'test' });
		await eventually(() => beats() >= stoppedAt + 2);

		bot.write('ticker/scheduled-tasks/beat.ts', readFileSync(join(ticker, 'scheduled-tasks/beat.ts'), 'utf8').replace('interval: 300', 'interval: 60_000'));
		await bot.monster.host.load('ticker');
		if (kind === 'redis') {
			// The old 300 ms repeat is removed, not left firing beside the new one.
			await eventually(async () => {
				const jobs = (await container.tasks.client.getRepeatableJobs()).filter((job) => job.name === 'ticker.beat');
				return jobs.length === 1 && Number(jobs[0]!.every) === 60_000;
			});
		}
		// A beat of the old schedule already handed to the worker may still come, later on a loaded machine: wait for a quiet tick.
		await eventually(async () => {
			const before = beats();
			await ticksGoBy(1);
			return beats() === before;
		}, 10_000);
		const afterChange = beats();
		await ticksGoBy(3);
		expect(beats()).toBe(afterChange);
	});

	it('never lets a repeating task overlap itself: an occurrence due while the last one runs waits or is skipped', async () => {
		const logLines: string[] = [];
		bot = await startTestBot({ plugins: [], pluginFolders: [overrun], redis: kind === 'redis', logDestination: { write: (line) => void logLines.push(line) } });
		const said = () => bot!.server.botMessages.flatMap((event) => (event.kind === 'create' ? [event.message.content] : []));
		const first = await bot.server.waitForMessage((message) => message.content === 'started 1');

		// The 100 ms interval falls due again while run 1 waits for "go": the memory scheduler says it skipped
		// that occurrence, BullMQ holds it back in its queue. Before either, a second run would have started.
		const heldBack = async () =>
			kind === 'memory'
				? logLines.some((line) => line.includes('still running: this occurrence is skipped'))
				: (await container.tasks.client.getJobs(['waiting', 'delayed'])).some((job) => job.timestamp + job.delay <= Date.now());
		await eventually(async () => said().includes('started 2') || (await heldBack()));
		expect(said()).toEqual(['started 1']);

		await bot.server.sendMessage({ channelId: first.channel_id, content: 'go' });
		await bot.server.waitForMessage((message) => message.content === 'started 2');
		expect(said().slice(0, 3)).toEqual(['started 1', 'finished 1', 'started 2']);
	});

	it('runs the nightly maintenance as a scheduled task, so one replica runs it', async () => {
		bot = await startTestBot({ plugins: [], redis: kind === 'redis' });
		const { db } = bot.database;
		await db.insert(apiLogs).values({ method: 'GET', path: '/api/old', status: 200, durationMs: 1, createdAt: sql`now() - interval '400 days'` as never });
		if (kind === 'redis') {
			const jobs = await container.tasks.client.getRepeatableJobs();
			expect(jobs.filter((job) => job.name === 'core.nightly-maintenance').map((job) => job.pattern)).toEqual(['0 4 * * *']);
			// The backup is off by default.
			expect(jobs.filter((job) => job.name === 'core.backup')).toEqual([]);
		}
		await bot.monster.scheduler.runNow('core.nightly-maintenance');
		expect(await db.select().from(apiLogs)).toEqual([]);
	});

	it('schedules the backup when it is enabled, and a run writes one', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'monster-backups-'));
		try {
			bot = await startTestBot({ plugins: [], redis: kind === 'redis', env: { BACKUP_ENABLED: 'true', BACKUP_DIR: dir, BACKUP_SCHEDULE: '30 2 * * *' } });
			if (kind === 'redis') {
				const jobs = await container.tasks.client.getRepeatableJobs();
				expect(jobs.filter((job) => job.name === 'core.backup').map((job) => job.pattern)).toEqual(['30 2 * * *']);
			}
			await bot.monster.scheduler.runNow('core.backup');
			const [backup, ...others] = readdirSync(dir);
			expect(others).toEqual([]);
			expect(readdirSync(join(dir, backup!))).toContain('database.pglite.tar.gz');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe.skipIf(!process.env.TEST_REDIS_URL)('scheduled tasks across replicas', () => {
	let bot: TestBot | undefined;
	let otherReplica: RedisTaskScheduler | undefined;
	afterEach(async () => {
		await otherReplica?.close();
		await bot?.stop();
		[bot, otherReplica] = [undefined, undefined];
	});

	it('runs a repeating task on one replica at a time: the other skips an occurrence due while it runs', async () => {
		const logLines: string[] = [];
		const destination = { write: (line: string) => void logLines.push(line) };
		const prefix = `test-${randomBytes(4).toString('hex')}`;
		bot = await startTestBot({ plugins: [], pluginFolders: [overrun], redis: true, env: { REDIS_PREFIX: prefix }, logDestination: destination });
		// A second replica's worker on the same queue; Sapphire's container is one per process, so it runs the same pieces.
		const handler = container.tasks;
		otherReplica = new RedisTaskScheduler(process.env.TEST_REDIS_URL!, 'UTC', createLogger({ level: 'info', pretty: false, destination }), `${prefix}-scheduled-tasks`);
		await otherReplica.start();
		container.tasks = handler;
		const said = () => bot!.server.botMessages.flatMap((event) => (event.kind === 'create' ? [event.message.content] : []));
		const first = await bot.server.waitForMessage((message) => message.content === 'started 1');

		await eventually(() => said().includes('started 2') || logLines.some((line) => line.includes('still running on another replica')));
		expect(said()).toEqual(['started 1']);

		await bot.server.sendMessage({ channelId: first.channel_id, content: 'go' });
		await bot.server.waitForMessage((message) => message.content === 'started 2');
		expect(said().slice(0, 3)).toEqual(['started 1', 'finished 1', 'started 2']);
	});
});

describe('a scheduled task whose schedule cannot be read', () => {
	let bot: TestBot | undefined;
	afterEach(async () => {
		await bot?.stop();
		bot = undefined;
	});

	it('refuses its plugin, with the task and its file named, and the bot starts; a reload that brings one is refused', async () => {
		// Before, croner threw inside the scheduler's start and the whole bot stopped.
		bot = await startTestBot({ plugins: [], pluginFolders: [ticker, mistimed] });
		expect(bot.monster.host.get('mistimed')).toMatchObject({
			status: 'failed',
			error: expect.stringMatching(/scheduled task mistimed\.weekly \(mistimed\/scheduled-tasks\/weekly\.ts\): pattern "every monday" is not a cron pattern/)
		});
		const beats = () => bot!.server.botMessages.filter((event) => event.kind === 'create' && event.message.content === 'beat').length;
		await eventually(() => beats() >= 2);

		bot.write('ticker/scheduled-tasks/beat.ts', readFileSync(join(ticker, 'scheduled-tasks/beat.ts'), 'utf8').replace('interval: 300', 'interval: -300'));
		const { outcome, record } = await bot.monster.host.reload('ticker');
		expect(outcome).toBe('refused');
		expect(record?.error).toContain('interval -300 is not a positive number of milliseconds');
		const before = beats();
		await eventually(() => beats() >= before + 2);
	});
});
