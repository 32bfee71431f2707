/** The members plugin's settings per server: the welcome of newcomers. */
import { z } from 'zod';
import { channelSetting } from '#core/plugin-kit.ts';

/**
 * Stored in `bot_config` (`plugins.members.settings`, and per server), changed with `/config members …`.
 * Channels and the role are named by id, mention or name (any case).
 */
export const membersSettings = z.object({
	/** Where newcomers are welcomed; none: no welcome message. */
	welcomeChannel: channelSetting(z.string().trim().min(1).max(100).optional()),
	/** The welcome: `{membre}` becomes the newcomer's mention, `{règles}` the rules channel. */
	welcomeMessage: z.string().trim().min(1).max(2000).default('Bienvenue {membre} ! Prenez un moment pour lire {règles} avant de commencer.'),
	/** The rules channel `{règles}` points to. */
	rulesChannel: channelSetting(z.string().trim().min(1).max(100).default('règles')),
	/** A role every newcomer receives; none: no role given. */
	defaultRole: z.string().trim().min(1).max(100).optional()
});

export type MembersSettings = z.output<typeof membersSettings>;
