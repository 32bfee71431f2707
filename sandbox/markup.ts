/**
 * Discord's inline markup as a reader sees it, without discord.js (the web dashboard's chat page uses it
 * too): `<t:…:R>` timestamps in the reader's language and zone, mentions as names.
 */

/** `<t:1700000000:R>`: seconds since 1970 and an optional style letter. */
export const timestampPattern = /<t:(-?\d+)(?::([tTdDfFR]))?>/g;

const formats: Record<string, Intl.DateTimeFormatOptions> = {
	t: { timeStyle: 'short' },
	T: { timeStyle: 'medium' },
	d: { dateStyle: 'short' },
	D: { dateStyle: 'long' },
	f: { dateStyle: 'long', timeStyle: 'short' },
	F: { dateStyle: 'full', timeStyle: 'short' }
};

/** A `<t:seconds:style>` timestamp as Discord shows it (style `f` by default, `R` relative to now). */
export function formatTimestamp(seconds: number, style: string | undefined, where: { locale: string; timeZone?: string; now?: Date }): string {
	const language = where.locale === 'en' ? 'en-GB' : 'fr-FR';
	const date = new Date(seconds * 1000);
	if (style === 'R') return relativeTime(date, where.now ?? new Date(), language);
	return new Intl.DateTimeFormat(language, { ...formats[style ?? 'f'], ...(where.timeZone ? { timeZone: where.timeZone } : {}) }).format(date);
}

export interface MarkupNames {
	user(id: string): string;
	channel(id: string): string;
	role(id: string): string;
	locale: string;
	timeZone: string;
	now?: Date;
}

/**
 * Discord's markup as a reader sees it: `<t:…:R>` timestamps in the reader's language and zone,
 * `<@id>` as @name, `<#id>` as #channel, `<@&id>` as @role.
 */
export function resolveMarkup(text: string, names: MarkupNames): string {
	return text
		.replace(timestampPattern, (_whole, seconds: string, style?: string) => formatTimestamp(Number(seconds), style, names))
		.replace(/<@!?(\d+)>/g, (_whole, id: string) => `@${names.user(id)}`)
		.replace(/<@&(\d+)>/g, (_whole, id: string) => `@${names.role(id)}`)
		.replace(/<#(\d+)>/g, (_whole, id: string) => `#${names.channel(id)}`);
}

function relativeTime(date: Date, now: Date, language: string): string {
	const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
	const units: [Intl.RelativeTimeFormatUnit, number][] = [
		['year', 31_536_000],
		['month', 2_592_000],
		['day', 86_400],
		['hour', 3_600],
		['minute', 60]
	];
	const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
	for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
	return format.format(seconds, 'second');
}
