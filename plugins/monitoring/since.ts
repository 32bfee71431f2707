import { DateTime } from 'luxon';
import type * as ChronoEn from 'chrono-node/en';
import type * as ChronoFr from 'chrono-node/fr';
import { onFirstUse } from '#core/lazy-module.ts';

// Only the two languages used, loaded on the first date typed (all of chrono-node's locales weigh ~19 MB).
const chronoFr = onFirstUse<typeof ChronoFr>('chrono-node/fr');
const chronoEn = onFirstUse<typeof ChronoEn>('chrono-node/en');

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
	const parsed = chronoFr().parse(trimmed, reference)[0] ?? chronoEn().parse(trimmed, reference)[0];
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
