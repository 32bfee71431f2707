import { randomUUID } from 'node:crypto';
import { container } from '@sapphire/framework';
import { ScheduledTaskHandler, type ScheduledTaskHandlerOptions, type ScheduledTasksResolvable } from '@sapphire/plugin-scheduled-tasks';
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { patternProblem, repeatSpecOf, specKey, type RepeatSpec, type TaskScheduler } from './scheduler.ts';

/** How long a replica's claim on a running task lasts unrenewed: a replica that dies mid-run frees the task after this. */
const leaseMs = 60_000;
const renewLease = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;
const releaseLease = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * BullMQ queues a repeat's next occurrence as soon as one starts, so with several replicas the next one
 * can start elsewhere while this one still runs. An occurrence of a repeating task therefore first takes
 * a lease in Redis, renewed while it runs; a replica that finds the lease taken skips the occurrence.
 */
class OneRunAtATimeHandler extends ScheduledTaskHandler {
	private readonly redis: Redis;
	private readonly isRepeating: (name: string) => boolean;
	private readonly logger: Logger;

	constructor(
		options: ScheduledTaskHandlerOptions,
		redis: Redis,
		isRepeating: (name: string) => boolean,
		logger: Logger
	) {
		super(options);
		this.redis = redis;
		this.isRepeating = isRepeating;
		this.logger = logger;
	}

	/** What the handler's BullMQ worker calls for every job it takes. */
	public override async run(task: ScheduledTasksResolvable): Promise<number | null | undefined> {
		const name = typeof task === 'string' ? task : task.name;
		if (!this.isRepeating(name)) return super.run(task);
		const key = `${this.queue}:running:${name}`;
		const token = randomUUID();
		if ((await this.redis.set(key, token, 'PX', leaseMs, 'NX')) !== 'OK') {
			this.logger.warn({ task: name }, 'Scheduled task still running on another replica: this occurrence is skipped');
			return undefined;
		}
		const renewal = setInterval(() => {
			this.redis.eval(renewLease, 1, key, token, leaseMs).catch((error: unknown) => this.logger.warn({ err: error, task: name }, 'Scheduled task lease not renewed'));
		}, leaseMs / 3);
		try {
			return await super.run(task);
		} finally {
			clearInterval(renewal);
			await this.redis.eval(releaseLease, 1, key, token).catch((error: unknown) => this.logger.warn({ err: error, task: name }, 'Scheduled task lease not released'));
		}
	}

	/** A run asked for by hand neither waits for the schedule's occurrences nor holds them back. */
	public runByHand(task: ScheduledTasksResolvable): Promise<number | null | undefined> {
		return super.run(task);
	}
}

/**
 * BullMQ through plugin-scheduled-tasks: one occurrence runs on one replica, and a repeating task on one
 * replica at a time. Repeatable jobs are reconciled against the loaded tasks, since the plugin itself
 * only schedules at login.
 */
export class RedisTaskScheduler implements TaskScheduler {
	readonly kind = 'redis';
	private handler?: OneRunAtATimeHandler;
	private connection?: Redis;

	private readonly url: string;
	private readonly defaultTimezone: string;
	private readonly logger: Logger;
	private readonly queue: string;

	constructor(
		url: string,
		defaultTimezone: string,
		logger: Logger,
		queue: string
	) {
		this.url = url;
		this.defaultTimezone = defaultTimezone;
		this.logger = logger;
		this.queue = queue;
	}

	/**
	 * The handler starts BullMQ's worker as soon as it exists: created here, after the plugins loaded and
	 * Discord connected, so an occurrence that fell due while the bot was down finds its task and a client.
	 */
	async start(): Promise<void> {
		// BullMQ workers block on Redis: they require maxRetriesPerRequest null.
		this.connection = new Redis(this.url, { maxRetriesPerRequest: null });
		const isRepeating = (name: string) => {
			const task = container.stores.get('scheduled-tasks').get(name);
			return task !== undefined && repeatSpecOf(task, this.defaultTimezone) !== null;
		};
		this.handler = new OneRunAtATimeHandler({ bull: { connection: this.connection }, queue: this.queue }, this.connection, isRepeating, this.logger);
		container.tasks = this.handler;
		await this.reconcile();
	}

	async reconcile(): Promise<void> {
		if (!this.handler) return;
		const wanted = new Map<string, RepeatSpec>();
		for (const task of container.stores.get('scheduled-tasks').values()) {
			const spec = repeatSpecOf(task, this.defaultTimezone);
			if (spec) wanted.set(specKey(spec), spec);
		}
		const existing = await this.handler.client.getRepeatableJobs();
		const present = new Set<string>();
		for (const job of existing) {
			const key = specKey({ name: job.name, pattern: job.every ? null : (job.pattern ?? null), intervalMs: job.every ? Number(job.every) : null, timezone: job.every ? '' : (job.tz ?? this.defaultTimezone) });
			if (wanted.has(key)) {
				present.add(key);
				continue;
			}
			await this.handler.client.removeRepeatableByKey(job.key);
			this.logger.info({ task: job.name, pattern: job.pattern, every: job.every }, 'Stale repeat schedule removed');
		}
		for (const [key, spec] of wanted) {
			if (present.has(key)) continue;
			const problem = spec.pattern === null ? undefined : patternProblem(spec.pattern, spec.timezone);
			if (problem) {
				// A settings-driven schedule the admin got wrong: the other tasks are still scheduled.
				this.logger.error({ task: spec.name, pattern: spec.pattern, tz: spec.timezone }, `Task not scheduled: ${problem}`);
				continue;
			}
			try {
				await this.handler.create(spec.name as never, {
					repeated: true,
					...(spec.intervalMs ? { interval: spec.intervalMs } : { pattern: spec.pattern!, timezone: spec.timezone })
				} as never);
			} catch (error) {
				// BullMQ reads patterns with cron-parser, whose dialect differs from croner's at the edges: one task refused, the others scheduled.
				this.logger.error({ err: error, task: spec.name, pattern: spec.pattern, tz: spec.timezone }, 'Task not scheduled');
				continue;
			}
			this.logger.debug({ task: spec.name, pattern: spec.pattern, every: spec.intervalMs, tz: spec.timezone }, 'Task scheduled');
		}
	}

	async runNow(name: string, payload?: unknown): Promise<void> {
		await this.started().runByHand({ name, payload } as never);
	}

	async runLater(name: string, delayMs: number, payload?: unknown): Promise<void> {
		await this.started().create({ name, payload } as never, delayMs);
	}

	async queueCounts(): Promise<Record<'waiting' | 'active' | 'delayed' | 'failed', number>> {
		const counts = await this.started().client.getJobCounts('waiting', 'active', 'delayed', 'failed');
		return { waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 };
	}

	async close(): Promise<void> {
		await this.handler?.close();
		this.connection?.disconnect();
	}

	private started(): OneRunAtATimeHandler {
		if (!this.handler) throw new Error('The task scheduler is not started yet');
		return this.handler;
	}
}
