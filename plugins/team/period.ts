import { DateTime } from 'luxon';

/** The last `days` days up to now, starting at midnight in the time zone (today counts as day 1). */
export function lastDays(days: number, timeZone: string, now = new Date()): { from: Date; to: Date } {
	const end = DateTime.fromJSDate(now, { zone: timeZone });
	return { from: end.startOf('day').minus({ days: days - 1 }).toJSDate(), to: end.toJSDate() };
}

export function dayLabel(date: Date, timeZone: string, locale: string): string {
	return DateTime.fromJSDate(date, { zone: timeZone }).setLocale(locale).toLocaleString(DateTime.DATE_HUGE);
}
