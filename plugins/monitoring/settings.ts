import { z } from 'zod';

/** Stored in bot_config under `plugins.monitoring.settings`; applied at load and on reload. */
export const monitoringSettings = z.object({
	/** Log messages written by bots and webhooks too. */
	logBots: z.boolean().default(false),
	/** Log direct messages sent to the bot. */
	logDirectMessages: z.boolean().default(false),
	/** Channels whose messages are logged without their text (author, time and structure only). */
	contentOffChannelIds: z.array(z.string().regex(/^\d{17,20}$/)).default([]),
	/** Messages older than this are deleted for good by the nightly retention task. */
	retentionDays: z.number().int().min(1).max(3650).default(365)
});

export type MonitoringSettings = z.output<typeof monitoringSettings>;
