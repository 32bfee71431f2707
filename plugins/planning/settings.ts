import { container } from '@sapphire/framework';
import { z } from 'zod';
import { channelSetting, guildTimeZone } from '#core/plugin-kit.ts';

/**
 * Stored in `bot_config` (`plugins.planning.settings`, and per server) and read through the plugin
 * context, so a change applies at once. Dates, recurring series and day boundaries follow the server's
 * time zone (the core's `timezone` setting).
 */
export const planningSettingsSchema = z.object({
	/** Channel name (or id) where the weekly planning is posted. */
	weeklyPostChannel: channelSetting(z.string().min(1).max(100).default('planning-hebdo')),
	/** Cron pattern of the weekly post, in the bot's time zone. */
	weeklyPostCron: z
		.string()
		.regex(/^(\S+\s+){4}\S+$/, 'un motif cron à cinq champs, par exemple « 0 6 * * 1 »')
		.default('0 6 * * 1'),
	/** Public base of the HTTP API for calendar links (e.g. `https://bot.example.com/api`); default: the address the API listens on. */
	feedBaseUrl: z.url().optional()
});

export type PlanningSettings = z.output<typeof planningSettingsSchema>;

/** The planning settings that apply in a server (bot-wide without one), with that server's time zone. */
export function planningSettings(guildId?: string | null): PlanningSettings & { timeZone: string } {
	const settings = container.plugins?.contextOf<PlanningSettings>('planning')?.settings(guildId) ?? planningSettingsSchema.parse({});
	return { ...settings, timeZone: guildTimeZone(guildId) };
}
