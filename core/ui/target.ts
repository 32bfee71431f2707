import type { Interaction, Message } from 'discord.js';
import { localeOf, type Locale } from '../i18n.ts';

/** What the kit answers: a slash command or component interaction, or a prefix command's message. */
export type UiTarget = Interaction | Message;

/** Anything the kit answers, structurally (command interaction base classes are not in `Interaction`). */
type Answered = { user: { id: string }; locale?: string; guildId?: string | null } | { author: { id: string }; guildId?: string | null };

export function requesterOf(target: Answered): string {
	return 'author' in target ? target.author.id : target.user.id;
}

/**
 * The language the kit answers in: the member's choice (/langue), else their Discord's; prefix messages carry
 * no Discord language, so theirs is the member's choice, else the server's language.
 */
export function localeOfTarget(target: Answered): Locale {
	return localeOf(target);
}
