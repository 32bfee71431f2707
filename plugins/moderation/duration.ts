/** Durations moderators type (`10m`, `2h`, `3j`, `1h30`) and the 28-day ceiling Discord puts on timeouts. */

export const maxTimeoutMs = 28 * 24 * 3600 * 1000;

const units: Record<string, number> = {
	s: 1000,
	sec: 1000,
	m: 60_000,
	min: 60_000,
	h: 3_600_000,
	j: 86_400_000,
	d: 86_400_000,
	sem: 7 * 86_400_000,
	w: 7 * 86_400_000
};

export type DurationOutcome = { ok: true; ms: number } | { ok: false; reason: 'format' | 'tooLong' | 'zero' };

/**
 * `10m`, `2h`, `3j` (or `3d`), `1sem`, `1h30m`, `1h30` (minutes after hours, as French writes it), spaces allowed around units;
 * at most 28 days. Digits split by a space (`30 2h`) are refused rather than glued into another number.
 */
export function parseDuration(input: string): DurationOutcome {
	if (/\d\s+\d/.test(input)) return { ok: false, reason: 'format' };
	const compact = input.trim().toLowerCase().replace(/\s+/g, '').replace(/h(\d+)$/, 'h$1m');
	if (!/^(\d+(sem|sec|min|[smhjdw]))+$/.test(compact)) return { ok: false, reason: 'format' };
	let ms = 0;
	for (const [, amount, unit] of compact.matchAll(/(\d+)(sem|sec|min|[smhjdw])/g)) ms += Number(amount) * units[unit!]!;
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
