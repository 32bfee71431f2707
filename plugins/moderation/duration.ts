/** Durations moderators type (`10m`, `2h`, `3j`, `1h30`, `2 heures`) and the 28-day ceiling Discord puts on timeouts. */

export const maxTimeoutMs = 28 * 24 * 3600 * 1000;

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const oneDay = 24 * hour;
const week = 7 * oneDay;

/** Each unit as moderators write it, abbreviated or in words, French or English. */
const units: Record<string, number> = {
	s: second,
	sec: second,
	secs: second,
	seconde: second,
	secondes: second,
	second: second,
	seconds: second,
	m: minute,
	mn: minute,
	min: minute,
	mins: minute,
	minute: minute,
	minutes: minute,
	h: hour,
	hr: hour,
	hrs: hour,
	heure: hour,
	heures: hour,
	hour: hour,
	hours: hour,
	j: oneDay,
	jour: oneDay,
	jours: oneDay,
	d: oneDay,
	day: oneDay,
	days: oneDay,
	sem: week,
	semaine: week,
	semaines: week,
	w: week,
	week: week,
	weeks: week
};

// Longest first, so « min » is not read as « m » followed by « in ».
const unitPattern = Object.keys(units)
	.sort((a, b) => b.length - a.length)
	.join('|');
const wholeDuration = new RegExp(`^(\\d+(${unitPattern}))+$`);
const amountAndUnit = new RegExp(`(\\d+)(${unitPattern})`, 'g');
/** Minutes written after hours without their unit: « 1h30 », « 1 heure 30 ». */
const minutesAfterHours = /(heures|heure|hours|hour|hrs|hr|h)(\d+)$/;

export type DurationOutcome = { ok: true; ms: number } | { ok: false; reason: 'format' | 'tooLong' | 'zero' };

/**
 * `10m`, `2h`, `3j` (or `3d`), `1sem`, `1h30m`, `1h30` (minutes after hours, as French writes it), units in words
 * too (`2 heures`, `1 jour`, `30 minutes`, `1 week`), spaces allowed around units; at most 28 days. Digits split
 * by a space (`30 2h`) are refused rather than glued into another number.
 */
export function parseDuration(input: string): DurationOutcome {
	if (/\d\s+\d/.test(input)) return { ok: false, reason: 'format' };
	const compact = input
		.trim()
		.toLowerCase()
		.replace(/\s+/g, '')
		.replace(minutesAfterHours, '$1$2m');
	if (!wholeDuration.test(compact)) return { ok: false, reason: 'format' };
	let ms = 0;
	for (const [, amount, unit] of compact.matchAll(amountAndUnit)) ms += Number(amount) * units[unit!]!;
	if (ms <= 0) return { ok: false, reason: 'zero' };
	if (ms > maxTimeoutMs) return { ok: false, reason: 'tooLong' };
	return { ok: true, ms };
}

/** `1 j 2 h 30 min` in French, `1 d 2 h 30 min` in English: the largest units first, seconds dropped unless alone. */
export function formatDuration(ms: number, locale: string): string {
	const day = locale.startsWith('fr') ? 'j' : 'd';
	const parts: string[] = [];
	let rest = ms;
	for (const [size, unit] of [[86_400_000, day], [3_600_000, 'h'], [60_000, 'min']] as const) {
		const count = Math.floor(rest / size);
		if (count > 0) parts.push(`${count} ${unit}`);
		rest -= count * size;
	}
	return parts.length > 0 ? parts.join(' ') : `${Math.round(ms / 1000)} s`;
}
