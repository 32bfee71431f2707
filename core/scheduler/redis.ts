import { container } from '@sapphire/framework';
import { ScheduledTaskHandler } from '@sapphire/plugin-scheduled-tasks';
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { repeatSpecOf, specKey, type RepeatSpec, type TaskScheduler } from './scheduler.ts';

/**
 * BullMQ through plugin-scheduled-tasks: one occurrence runs on one replica. Repeatable jobs are
 * reconciled against the loaded tasks, since the plugin itself only schedules at login.
 */
export class RedisTaskScheduler implements TaskScheduler {
	readonly kind = 'redis';
	private handler?: ScheduledTaskHandler;
	private connection?: Redis;

	constructor(
		private readonly url: string,
		private readonly defaultTimezone: string,
		private readonly logger: Logger,
		private readonly queue: string
	) {}

	/**
	 * The handler starts BullMQ's worker as soon as it exists: created here, after the plugins loaded and
	 * Discord connected, so an occurrence that fell due while the bot was down finds its task and a client.
	 */
	async start(): Promise<void> {
		// BullMQ workers block on Redis: they require maxRetriesPerRequest null.
		this.connection = new Redis(this.url, { maxRetriesPerRequest: null });
		this.handler = new ScheduledTaskHandler({ bull: { connection: this.connection }, queue: this.queue });
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
			await this.handler.create(spec.name as never, {
				repeated: true,
				...(spec.intervalMs ? { interval: spec.intervalMs } : { pattern: spec.pattern!, timezone: spec.timezone })
			} as never);
			this.logger.debug({ task: spec.name, pattern: spec.pattern, every: spec.intervalMs, tz: spec.timezone }, 'Task scheduled');
		}
	}

	async runNow(name: string, payload?: unknown): Promise<void> {
		await this.started().run({ name, payload } as never);
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

	private started(): ScheduledTaskHandler {
		if (!this.handler) throw new Error('The task scheduler is not started yet');
		return this.handler;
	}
}
