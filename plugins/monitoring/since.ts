import * as chrono from 'chrono-node';

/** "25/11", "lundi", "hier", "2026-11-01": the start of that day, in the past; null when not understood. */
export function parseSince(value: string, now = new Date()): Date | null {
	const iso = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? new Date(`${value.trim()}T00:00:00`) : null;
	const parsed = iso ?? chrono.fr.parseDate(value, now) ?? chrono.en.parseDate(value, now);
	if (!parsed || Number.isNaN(parsed.getTime())) return null;
	if (parsed > now) parsed.setFullYear(parsed.getFullYear() - 1);
	parsed.setHours(0, 0, 0, 0);
	return parsed;
}
