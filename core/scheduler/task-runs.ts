/**
 * The last run of each scheduled task, shared by every replica through the cache, for
 * `/taches-planifiees`: when it ran, how it ended, how long it took.
 */
import { container } from '@sapphire/framework';

export interface TaskRun {
	outcome: 'ok' | 'error' | 'skipped';
	/** ISO time the run started. */
	at: string;
	durationMs: number;
}

const keyOf = (task: string) => `tasks.last-run.${task}`;
/** Kept long enough for a monthly task to still show its last run. */
const keptMs = 40 * 24 * 3_600_000;

/** Never throws: a task's run must not fail because its record could not be written. */
export async function recordTaskRun(task: string, run: TaskRun): Promise<void> {
	try {
		await container.cache.setJson(keyOf(task), run, keptMs);
	} catch (error) {
		container.pino?.warn({ err: error, task }, 'Could not record a task run');
	}
}

export function lastTaskRun(task: string): Promise<TaskRun | null> {
	return container.cache.getJson<TaskRun>(keyOf(task));
}
