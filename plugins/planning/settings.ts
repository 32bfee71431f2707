import { container } from '@sapphire/framework';
import { z } from 'zod';

const isTimeZone = (zone: string) => {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
};

/** Read at start-up and on every reload; invalid values keep the plugin (or its previous version) from loading. */
export const settingsSchema = z.object({
	/** Channel name (or id) where the weekly planning is posted. */
	weeklyPostChannel: z.string().min(1).max(100).default('planning-hebdo'),
	/** Cron pattern of the weekly post, in `timezone`. */
	weeklyPostCron: z
		.string()
		.regex(/^(\S+\s+){4}\S+$/, 'a five-field cron pattern such as "0 6 * * 1"')
		.default('0 6 * * 1'),
	/** Wall-clock zone of the planning: typed dates, recurring series, day boundaries, weekly post. */
	timezone: z
		.string()
		.refine(isTimeZone, 'an IANA time zone such as Europe/Paris')
		.default(() => container.config?.TZ_DEFAULT ?? 'Europe/Paris'),
	/** Public base of the HTTP API for calendar links (e.g. `https://bot.example.com/api`); default: the address the API listens on. */
	feedBaseUrl: z.url().optional()
});

export type PlanningSettings = z.output<typeof settingsSchema>;

let current: PlanningSettings | undefined;

/**
 * The manifest's schema: parsing (done by the host before the pieces are built) also remembers the
 * value, so a scheduled task's constructor can read its cron pattern from the settings.
 */
export const rememberedSettings = settingsSchema.transform((settings) => {
	current = settings;
	return settings;
});

/** The settings of the loaded version; the defaults before the host parsed them (unit tests). */
export function planningSettings(): PlanningSettings & { timeZone: string } {
	current ??= settingsSchema.parse({});
	return { ...current, timeZone: current.timezone };
}
