import type { Interaction, Message } from 'discord.js';
import { localeOf, type Locale } from '../i18n.ts';

/** What the kit answers: a slash command or component interaction, or a prefix command's message. */
export type UiTarget = Interaction | Message;

/** Anything the kit answers, structurally (command interaction base classes are not in `Interaction`). */
type Answered = { user: { id: string }; locale?: string } | { author: { id: string } };

export function requesterOf(target: Answered): string {
	return 'author' in target ? target.author.id : target.user.id;
}

/** Prefix messages carry no locale: they get the bot's default language. */
export function localeOfTarget(target: Answered): Locale {
	return localeOf('locale' in target ? target : null);
}
