import { container } from '@sapphire/framework';
import { z } from 'zod';
import { isTimeZone } from './dates.ts';

/**
 * Stored in `bot_config` under `plugins.tasks.settings`, read when the plugin loads
 * (`/plugins reload tasks` applies a change).
 */
export const tasksSettings = z.object({
	/** IANA zone in which due dates are read and "today" is counted; absent: TZ_DEFAULT. */
	timezone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Paris').optional(),
	/** Local hour (0-23, in `timezone`) at which the daily reminders go out. */
	reminderHour: z.number().int().min(0).max(23).default(7),
	/** Channel id or name where reminders go when a DM fails, and the reminders of unassigned tasks. */
	reminderChannel: z.string().min(1).optional()
});

export type TasksSettings = z.output<typeof tasksSettings>;

/** The settings the running version of the plugin was loaded with. */
export function currentSettings(): TasksSettings {
	const parsed = tasksSettings.safeParse(container.plugins?.get('tasks')?.settings ?? {});
	return parsed.success ? parsed.data : tasksSettings.parse({});
}

export function timeZoneOf(settings: TasksSettings = currentSettings()): string {
	return settings.timezone ?? container.config?.TZ_DEFAULT ?? 'Europe/Paris';
}
