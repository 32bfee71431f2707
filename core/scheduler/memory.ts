import { container } from '@sapphire/framework';
import type { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { Cron } from 'croner';
import type { Logger } from '../log.ts';
import { patternProblem, repeatSpecOf, specKey, type TaskScheduler } from './scheduler.ts';

/**
 * In-process scheduler for the embedded mode (no Redis): croner for clock patterns (time zone and DST aware).
 * A repeating task runs one occurrence at a time: an occurrence that falls due while the previous one
 * still runs is skipped, as BullMQ's single worker would hold it back.
 */
export class MemoryTaskScheduler implements TaskScheduler {
	readonly kind = 'memory';
	private readonly jobs = new Map<string, { stop(): void }>();
	private readonly timers = new Set<NodeJS.Timeout>();
	/** Repeating tasks with an occurrence running now, by name (a changed schedule keeps the name). */
	private readonly running = new Set<string>();
	private started = false;

	private readonly defaultTimezone: string;
	private readonly logger: Logger;

	constructor(
		defaultTimezone: string,
		logger: Logger
	) {
		this.defaultTimezone = defaultTimezone;
		this.logger = logger;
	}

	async start(): Promise<void> {
		this.started = true;
		await this.reconcile();
	}

	async reconcile(): Promise<void> {
		if (!this.started) return;
		const wanted = new Map<string, ScheduledTask>();
		for (const task of container.stores.get('scheduled-tasks').values()) {
			const spec = repeatSpecOf(task, this.defaultTimezone);
			if (spec) wanted.set(specKey(spec), task);
		}
		for (const [key, job] of this.jobs) {
			if (!wanted.has(key)) {
				job.stop();
				this.jobs.delete(key);
			}
		}
		for (const [key, task] of wanted) {
			if (this.jobs.has(key)) continue;
			const spec = repeatSpecOf(task, this.defaultTimezone)!;
			const fire = () => this.runOccurrence(spec.name);
			if (spec.intervalMs) {
				const timer = setInterval(fire, spec.intervalMs);
				this.jobs.set(key, { stop: () => clearInterval(timer) });
			} else {
				const problem = patternProblem(spec.pattern!, spec.timezone);
				if (problem) {
					// A settings-driven schedule the admin got wrong: the other tasks are still scheduled.
					this.logger.error({ task: spec.name, pattern: spec.pattern, tz: spec.timezone }, `Task not scheduled: ${problem}`);
					continue;
				}
				const cron = new Cron(spec.pattern!, { timezone: spec.timezone }, fire);
				this.jobs.set(key, { stop: () => cron.stop() });
			}
			this.logger.debug({ task: spec.name, pattern: spec.pattern, every: spec.intervalMs, tz: spec.timezone }, 'Task scheduled');
		}
	}

	async runNow(name: string, payload?: unknown): Promise<void> {
		const task = container.stores.get('scheduled-tasks').get(name);
		if (!task) {
			this.logger.warn({ task: name }, 'Scheduled task not found (its plugin was removed?)');
			return;
		}
		await (task.run as (payload: unknown) => unknown)(payload);
	}

	private runOccurrence(name: string): void {
		if (this.running.has(name)) {
			this.logger.warn({ task: name }, 'Scheduled task still running: this occurrence is skipped');
			return;
		}
		this.running.add(name);
		this.runNow(name)
			.catch((error: unknown) => this.logger.error({ err: error, task: name }, 'Scheduled task failed'))
			.finally(() => this.running.delete(name));
	}

	async runLater(name: string, delayMs: number, payload?: unknown): Promise<void> {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.runNow(name, payload).catch((error: unknown) => this.logger.error({ err: error, task: name }, 'Scheduled task failed'));
		}, delayMs);
		this.timers.add(timer);
	}

	async close(): Promise<void> {
		for (const job of this.jobs.values()) job.stop();
		this.jobs.clear();
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}
}
