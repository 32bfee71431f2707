import type { Message } from 'discord.js';
import { buildEmbed, escapeUserText, localeOf, respond } from '#core/plugin-kit.ts';
import { text } from './text.ts';

/** A prefix command's member argument that designates nobody: said privately, with how to name a member. */
export function answerUnknownMember(message: Message<true>, typed: string, title: string) {
	const t = text(localeOf(message));
	return respond(message, { embeds: [buildEmbed({ kind: 'warning', title, description: t('unknownMember', { name: escapeUserText(typed) }) })], ephemeral: true });
}
