import type { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';

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
