import { z } from 'zod';
import { channelSetting } from '#core/plugin-kit.ts';

/**
 * Stored in `bot_config` (`plugins.tasks.settings`, and per server), read through the plugin context:
 * `pluginOf<TasksSettings>(this).settings(guildId)`. Dates are read in the server's time zone
 * (the core's `timezone` setting).
 */
export const tasksSettings = z.object({
	/** Local hour (0-23, in the server's time zone) at which the daily reminders go out. */
	reminderHour: z.number().int().min(0).max(23).default(7),
	/** Channel id or name where reminders go when a DM fails, and the reminders of unassigned tasks. */
	reminderChannel: channelSetting(z.string().min(1).optional())
});

export type TasksSettings = z.output<typeof tasksSettings>;
