import { escapeMarkdown } from 'discord.js';

const zeroWidthSpace = '\u200b';

/**
 * Makes member-typed text safe to show inside the bot's messages: no Markdown (headings, lists and
 * masked links included, so text cannot impersonate the bot's layout or hide a link) and no
 * mentions. `allowedMentions` already stops pings; this also keeps `@everyone` or `<@id>` from
 * rendering as a mention, which would still read as one.
 */
export function escapeUserText(text: string): string {
	const withoutMarkdown = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
	return withoutMarkdown
		.replace(/@(everyone|here)/g, `@${zeroWidthSpace}$1`)
		.replace(/<(@[!&]?|#)(\d+)>/g, `<${zeroWidthSpace}$1$2>`);
}
