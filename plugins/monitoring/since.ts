import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "25/11", "lundi", "hier", "2026-11-01": the start of that day in `timeZone` (the bot's
 * TZ_DEFAULT, not the process's zone), in the past; null when not understood. A day without a
 * year (25/11) or a bare weekday (jeudi) that would fall after `now` means the previous one.
 */
export function parseSince(value: string, timeZone: string, now: Date): Date | null {
	const trimmed = value.trim();
	if (isoDate.test(trimmed)) return startOfDay(trimmed, timeZone);
	const zonedNow = DateTime.fromJSDate(now, { zone: timeZone });
	if (!zonedNow.isValid) return null;
	// Relative words ("hier", "lundi") are read on the calendar of `timeZone`, not the process's.
	const reference = { instant: now, timezone: zonedNow.offset };
	const parsed = chrono.fr.parse(trimmed, reference)[0] ?? chrono.en.parse(trimmed, reference)[0];
	if (!parsed) return null;
	const { start } = parsed;
	let day = DateTime.fromObject({ year: start.get('year') ?? undefined, month: start.get('month') ?? undefined, day: start.get('day') ?? undefined }, { zone: timeZone });
	if (!day.isValid) return null;
	if (day > zonedNow) {
		if (start.isCertain('weekday') && !start.isCertain('day')) day = day.minus({ weeks: 1 });
		else if (!start.isCertain('year')) day = day.minus({ years: 1 });
	}
	return day.startOf('day').toJSDate();
}

/** `2026-11-01` → the instant that day starts in `timeZone` (not UTC midnight); null when not a date. */
export function startOfDay(date: string, timeZone: string): Date | null {
	const day = DateTime.fromISO(date, { zone: timeZone });
	return day.isValid ? day.startOf('day').toJSDate() : null;
}

/**
 * The days (`YYYY-MM-DD` in `timeZone`) a roll-up run at `now` recomputes: today, and during the
 * first three hours also yesterday, so a skipped or late run after midnight does not lose the end of
 * the day (rolling a day up again is harmless).
 */
export function daysToRollUp(now: Date, timeZone: string): string[] {
	const today = DateTime.fromJSDate(now, { zone: timeZone });
	const days = today.hour < 3 ? [today.minus({ days: 1 }), today] : [today];
	return days.map((day) => day.toISODate()!);
}
