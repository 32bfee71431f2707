/** Calendar arithmetic and labels of the planning's views; what members type is read by core/days.ts. */
import { DateTime } from 'luxon';
import { dateInWords, intlLocale } from '#core/plugin-kit.ts';

/** Monday of the week holding `day`. */
export function mondayOf(day: string): string {
	const date = DateTime.fromISO(day, { zone: 'UTC' });
	return date.minus({ days: date.weekday - 1 }).toISODate()!;
}

/** First day of the month holding `day`. */
export function firstOfMonth(day: string): string {
	return `${day.slice(0, 7)}-01`;
}

export function addMonths(day: string, months: number): string {
	return DateTime.fromISO(day, { zone: 'UTC' }).plus({ months }).toISODate()!;
}

/** A day in words, in the member's language: "lundi 16 mars", "Monday 16 March". */
export function dayLabel(day: string, locale: 'fr' | 'en', withYear = false): string {
	return dateInWords(new Date(`${day}T00:00:00Z`), locale, { weekday: 'long', day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' });
}

/** A moment in words, in the member's language: "jeudi 12 mars à 09:00", "Thursday 12 March at 09:00". */
export function momentLabel(instant: Date, timeZone: string, locale: 'fr' | 'en', withTime = true): string {
	const time: Intl.DateTimeFormatOptions = withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {};
	return dateInWords(instant, locale, { weekday: 'long', day: 'numeric', month: 'long', ...time, timeZone });
}

export function monthLabel(day: string, locale: 'fr' | 'en'): string {
	return DateTime.fromISO(day, { zone: 'UTC' })
		.setLocale(intlLocale(locale))
		.toFormat('LLLL yyyy');
}
