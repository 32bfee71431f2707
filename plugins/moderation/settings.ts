import { z } from 'zod';
import { channelSetting, inEachLanguage } from '#core/plugin-kit.ts';
import { parseDuration } from './duration.ts';

/**
 * Stored in `bot_config` (`plugins.moderation.settings`, and per server), changed with `/config moderation …`.
 */
export const moderationSettings = z.object({
	/** Where cases are posted (a channel id or name); empty: the server's log channel (core setting `logChannel`). */
	modLogChannel: channelSetting(z.string().trim().max(100).default('')),
	/** Where members' reports (« Signaler ») go, with action buttons; empty: the mod-log channel. */
	reportChannel: channelSetting(z.string().trim().max(100).default('')),
	/** Automatic timeout after repeated warnings: e.g. 3 warnings within 30 days → 1 h timeout. Off by default. */
	escalation: z
		.object({
			enabled: z.boolean().default(false),
			warnings: z.number().int().min(2).max(20).default(3),
			days: z.number().int().min(1).max(365).default(30),
			timeout: z
				.string()
				.trim()
				.default('1h')
				.refine((value) => parseDuration(value).ok, inEachLanguage({ fr: 'une durée comme 10m, 2h ou 3j, 28 jours au plus', en: 'a duration such as 10m, 2h or 3d, 28 days at most' }))
		})
		.default({ enabled: false, warnings: 3, days: 30, timeout: '1h' })
});

export type ModerationSettings = z.output<typeof moderationSettings>;
