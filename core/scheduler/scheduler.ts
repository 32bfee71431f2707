import type { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { Cron } from 'croner';

/**
 * Runs the plugins' scheduled tasks. `reconcile()` aligns the repeat schedules with the tasks loaded
 * right now: it is called at start and after every plugin change, since plugin-scheduled-tasks only
 * schedules once at login and keeps firing removed or changed schedules.
 */
export interface TaskScheduler {
	readonly kind: 'redis' | 'memory';
	/** Starts running tasks (after the plugins are loaded and Discord is connected), then reconciles. */
	start(): Promise<void>;
	/** Aligns schedules with the loaded tasks; does nothing before `start()`. */
	reconcile(): Promise<void>;
	/** Runs a task now (through the plugin gate), e.g. from an admin command or a test. */
	runNow(name: string, payload?: unknown): Promise<void>;
	/** Runs a task once after a delay (a reminder); survives restarts only on the Redis backend. */
	runLater(name: string, delayMs: number, payload?: unknown): Promise<void>;
	/** Jobs waiting, running, delayed and failed in the shared queue (Redis only: the in-process scheduler has no queue). */
	queueCounts?(): Promise<Record<'waiting' | 'active' | 'delayed' | 'failed', number>>;
	close(): Promise<void>;
}

/** What decides a repeat schedule; two tasks with the same signature need no rescheduling. */
export interface RepeatSpec {
	name: string;
	pattern: string | null;
	intervalMs: number | null;
	timezone: string;
}

/**
 * A scheduled task whose schedule follows settings defines `schedule()`: it is read again at every
 * reconcile (after every plugin change and settings change), instead of the pattern given at construction.
 */
export interface SettingsDrivenSchedule {
	schedule(): { pattern: string; timezone?: string } | null;
}

export function repeatSpecOf(task: ScheduledTask, defaultTimezone: string): RepeatSpec | null {
	const dynamic = (task as Partial<SettingsDrivenSchedule>).schedule?.();
	if (dynamic !== undefined) {
		return dynamic && { name: task.name, pattern: dynamic.pattern, intervalMs: null, timezone: dynamic.timezone ?? defaultTimezone };
	}
	if (!task.pattern && !task.interval) return null;
	// An explicit zone (in the options, or set on the task by its plugin from settings) wins over the default;
	// the ScheduledTask class itself writes 'UTC' when none was given.
	const explicit = (task.options as { timezone?: string }).timezone ?? (task.timezone !== 'UTC' ? task.timezone : undefined);
	return {
		name: task.name,
		pattern: task.interval ? null : task.pattern,
		intervalMs: task.interval,
		// Intervals ignore time zones; keep them out of the signature so they never look changed.
		timezone: task.interval ? '' : (explicit ?? defaultTimezone)
	};
}

export const specKey = (spec: RepeatSpec) => `${spec.name}|${spec.pattern ?? ''}|${spec.intervalMs ?? ''}|${spec.timezone}`;

/**
 * What is wrong with a task's own schedule, or undefined: a pattern croner cannot read, an unknown time zone,
 * an interval that is not a positive number of milliseconds. The host refuses a plugin with such a task, so a
 * plugin's typo never reaches the scheduler, where it stopped the bot at start. A settings-driven schedule is
 * read at each reconcile instead, where a bad one is logged and left out.
 */
export function scheduleProblem(task: ScheduledTask): string | undefined {
	if (typeof (task as Partial<SettingsDrivenSchedule>).schedule === 'function') return undefined;
	if (task.interval !== null && task.interval !== undefined) {
		return Number.isFinite(task.interval) && task.interval >= 1 ? undefined : `interval ${String(task.interval)} is not a positive number of milliseconds`;
	}
	if (!task.pattern) return undefined;
	const timezone = (task.options as { timezone?: string }).timezone;
	return patternProblem(task.pattern, timezone);
}

/** Why croner refuses a pattern in a zone, or undefined. */
export function patternProblem(pattern: string, timezone: string | undefined): string | undefined {
	if (timezone !== undefined) {
		try {
			new Intl.DateTimeFormat('en', { timeZone: timezone });
		} catch {
			return `time zone "${timezone}" is not an IANA time zone (Europe/Paris)`;
		}
	}
	try {
		new Cron(pattern, { paused: true, timezone }).stop();
		return undefined;
	} catch (error) {
		return `pattern "${pattern}" is not a cron pattern: ${(error as Error).message}`;
	}
}
