import type { APIEmbed } from 'discord.js';

/**
 * Discord's limits on the embeds of one message; past any of them it answers 50035 "Invalid Form Body"
 * and posts nothing.
 */
export const embedLimits = {
	/** Characters of one embed's description. */
	description: 4_096,
	/** Embeds in one message. */
	embedsPerMessage: 10,
	/** Characters of all the embeds of one message: titles, descriptions, fields, footers and authors. */
	charactersPerMessage: 6_000
} as const;

/** The characters Discord counts toward a message's 6,000: title, description, field names and values, footer, author. */
export function embedCharacters(embed: APIEmbed): number {
	return (
		(embed.title?.length ?? 0) +
		(embed.description?.length ?? 0) +
		(embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0) +
		(embed.footer?.text.length ?? 0) +
		(embed.author?.name.length ?? 0)
	);
}

/**
 * Lines joined with `\n` into chunks of at most `max` characters, in order; a line is never cut
 * (unless it alone is longer than `max`: it is then shortened with "…").
 */
export function chunkLines(lines: readonly string[], max: number): string[] {
	const chunks: string[] = [];
	let current = '';
	for (const raw of lines) {
		const line = raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
		const next = current ? `${current}\n${line}` : line;
		if (current && next.length > max) {
			chunks.push(current);
			current = line;
		} else current = next;
	}
	if (current) chunks.push(current);
	return chunks;
}

/**
 * Embeds grouped, in order, into as few messages as the greedy way gives, each within Discord's limits
 * (10 embeds, 6,000 characters). An embed that alone exceeds 6,000 characters is a bug of the caller.
 */
export function packEmbeds<T>(embeds: readonly T[], size: (embed: T) => number): T[][] {
	const messages: T[][] = [];
	let current: T[] = [];
	let used = 0;
	for (const embed of embeds) {
		const characters = size(embed);
		if (characters > embedLimits.charactersPerMessage) throw new RangeError(`An embed of ${characters} characters cannot be sent (limit ${embedLimits.charactersPerMessage})`);
		if (current.length > 0 && (current.length >= embedLimits.embedsPerMessage || used + characters > embedLimits.charactersPerMessage)) {
			messages.push(current);
			current = [];
			used = 0;
		}
		current.push(embed);
		used += characters;
	}
	if (current.length > 0) messages.push(current);
	return messages;
}
