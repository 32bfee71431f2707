/**
 * Retries of failed scheduled-task runs: a failed run is tried again later with exponential backoff
 * (through the scheduler's delayed runs, so a retry survives a restart on BullMQ), and after the last
 * try the failure is reported to each server's alerts channel — once per streak of failures of a task,
 * not once per failed run.
 */
import { container } from '@sapphire/framework';
import { botGuildIds } from '../bot-guilds.ts';
import { coreText } from '../bot/text.ts';
import { guildSettings } from '../guild-settings.ts';
import { getDefaultLocale } from '../i18n.ts';
import { postAlert } from '../notices.ts';
import { alertTaskFailed } from '../outgoing/notifier.ts';

export interface RetryPolicy {
	/** Runs in all, the first one included; 1 means no retry. */
	attempts: number;
	/** Delay before the first retry; each next retry waits twice as long. */
	backoffMs: number;
}

/** Three tries, one and two minutes apart: a database restart or a Discord hiccup is over by then. */
export const defaultRetryPolicy: RetryPolicy = { attempts: 3, backoffMs: 60_000 };

/** The payload of a retry: it crosses BullMQ as JSON, so a plain property, not a symbol. */
const retryKey = 'monsterRetry';
interface RetryEnvelope {
	[retryKey]: { attempt: number; payload: unknown };
}

/** The run's attempt number and the payload the task itself sees. */
export function unwrapRetry(payload: unknown): { attempt: number; payload: unknown } {
	if (typeof payload === 'object' && payload !== null && retryKey in payload) return (payload as RetryEnvelope)[retryKey];
	return { attempt: 1, payload };
}

/** A task's own policy, from its options: `super(context, { ...options, retry: { attempts: 5 } })`. */
export function retryPolicyOf(options: unknown): RetryPolicy {
	const own = (options as { retry?: Partial<RetryPolicy> } | undefined)?.retry;
	return { attempts: Math.max(1, own?.attempts ?? defaultRetryPolicy.attempts), backoffMs: own?.backoffMs ?? defaultRetryPolicy.backoffMs };
}

/** Cache counter of a task's reported failures: the process that counts 1 reports it, once across processes; a successful run clears it. */
const alertedKey = (task: string) => `tasks.failure-alerts.${task}`;
const alertedKeptMs = 7 * 24 * 3_600_000;

/** After a failed run (of a plugin's task, or of the core's when `plugin` is null): schedules the next try, or reports the failure once the last try failed. Never throws. */
export async function afterFailedRun(failure: { task: string; plugin: string | null; attempt: number; payload: unknown; error: unknown; policy: RetryPolicy }): Promise<void> {
	const { task, plugin, attempt, payload, error, policy } = failure;
	try {
		if (attempt < policy.attempts) {
			const delayMs = policy.backoffMs * 2 ** (attempt - 1);
			container.pino.warn({ task, attempt, attempts: policy.attempts, retryInMs: delayMs }, 'Scheduled task failed: it will be tried again');
			await container.scheduler.runLater(task, delayMs, { [retryKey]: { attempt: attempt + 1, payload } } satisfies RetryEnvelope);
			return;
		}
		container.pino.error({ err: error, task, attempts: policy.attempts }, 'Scheduled task failed after its last try');
		if ((await container.cache.increment(alertedKey(task), alertedKeptMs)).value > 1) return;
		// Every server of the bot, whichever process holds its shard (Discord's REST API for the others).
		const guildIds = (await botGuildIds()).filter((guildId) => plugin === null || container.plugins.isActive(plugin, guildId));
		alertTaskFailed(guildIds, plugin, task, policy.attempts, error);
		await alertGuilds(guildIds, task, policy.attempts, error);
	} catch (reportError) {
		container.pino.warn({ err: reportError, task }, 'Could not retry or report a failed scheduled task');
	}
}

/** After a successful run: the next streak of failures is reported again. Never throws. */
export async function afterSuccessfulRun(task: string): Promise<void> {
	try {
		await container.cache.delete(alertedKey(task));
	} catch (error) {
		container.pino.warn({ err: error, task }, 'Could not clear a task failure alert');
	}
}

async function alertGuilds(guildIds: string[], task: string, attempts: number, error: unknown): Promise<void> {
	const reason = error instanceof Error ? error.message : String(error);
	for (const guildId of guildIds) {
		const text = coreText(guildSettings(guildId).locale ?? getDefaultLocale());
		await postAlert(guildId, {
			kind: 'error',
			title: text('taskFailedTitle', { task }),
			description: text('taskFailedDescription', { attempts, reason: reason.slice(0, 500) }),
			source: task
		});
	}
}
