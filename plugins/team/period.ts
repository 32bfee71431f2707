import { DateTime } from 'luxon';
import { dateInWords, type Locale } from '#core/plugin-kit.ts';

/** The last `days` days up to now, starting at midnight in the time zone (today counts as day 1). */
export function lastDays(days: number, timeZone: string, now = new Date()): { from: Date; to: Date } {
	const end = DateTime.fromJSDate(now, { zone: timeZone });
	return { from: end.startOf('day').minus({ days: days - 1 }).toJSDate(), to: end.toJSDate() };
}

/** "mardi 1er décembre 2026", "Tuesday, 1 December 2026". */
export function dayLabel(date: Date, timeZone: string, locale: Locale): string {
	return dateInWords(date, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone });
}
