/**
 * `/taches-planifiees`: every scheduled task of the bot (the core's and the plugins'), its plugin,
 * schedule, next and last run; an admin may run one now, after confirmation.
 */
import { container } from '@sapphire/framework';
import type { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { Cron } from 'croner';
import { buildEmbed, type Locale } from '#core/plugin-kit.ts';
import { repeatSpecOf } from '#core/scheduler/scheduler.ts';
import { lastTaskRun } from '#core/scheduler/task-runs.ts';
import { text } from './text.ts';

export const runTaskAction = 'monitoring.run-task';

/** Discord shows a timestamp in each reader's own zone and language. */
const stamp = (date: Date) => `<t:${Math.floor(date.getTime() / 1000)}:f> (<t:${Math.floor(date.getTime() / 1000)}:R>)`;

function scheduledTasks(): ScheduledTask[] {
	return [...container.stores.get('scheduled-tasks').values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function taskNames(): string[] {
	return scheduledTasks().map((task) => task.name);
}

export async function jobsEmbed(locale: Locale) {
	const t = text(locale);
	const fields = [];
	for (const task of scheduledTasks().slice(0, 25)) {
		const spec = repeatSpecOf(task, container.config.TZ_DEFAULT);
		const schedule = !spec ? t('jobsOnDemand') : spec.intervalMs ? t('jobsEvery', { seconds: Math.round(spec.intervalMs / 1000) }) : `\`${spec.pattern}\` (${spec.timezone})`;
		const next = spec?.pattern ? new Cron(spec.pattern, { timezone: spec.timezone, paused: true }).nextRun() : null;
		const last = await lastTaskRun(task.name);
		fields.push({
			name: task.name,
			value: t('jobsLine', {
				plugin: container.plugins.pluginOf(task) ?? 'core',
				schedule,
				next: next ? stamp(next) : '—',
				last: last ? t('jobsLast', { outcome: last.outcome, at: stamp(new Date(last.at)), durationMs: last.durationMs }) : t('jobsNever')
			})
		});
	}
	return buildEmbed({
		kind: 'info',
		title: t('jobsTitle', { count: fields.length }),
		description: fields.length === 0 ? t('jobsNone') : undefined,
		fields,
		locale
	});
}
