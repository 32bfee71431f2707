import type { ParsedResult } from 'chrono-node';
import { DateTime } from 'luxon';
import type * as ChronoEn from 'chrono-node/en';
import type * as ChronoFr from 'chrono-node/fr';
import { dateInWords, intlLocale } from '#core/i18n.ts';
import { onFirstUse } from '#core/lazy-module.ts';

// Only the two languages used, loaded on the first date typed (all of chrono-node's locales weigh ~19 MB).
const chronoFr = onFirstUse<typeof ChronoFr>('chrono-node/fr');
const chronoEn = onFirstUse<typeof ChronoEn>('chrono-node/en');

/** A moment typed by a member, resolved in the planning's time zone. */
export interface ParsedMoment {
	date: Date;
	/** False for a bare day ("lundi", "25/12"): the caller picks the hour. */
	hasTime: boolean;
	/** False for a bare hour or weekday ("17h", "vendredi 16h"): they were read from the reference. */
	hasDate: boolean;
}

export interface ParseOptions {
	/** "demain" and "lundi" are relative to this instant (now, or the start for an end time). */
	reference: Date;
	timeZone: string;
	/** Hour used when only a day is typed (default 00:00). */
	defaultTime?: { hour: number; minute: number };
}

const isoWithZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses what people type — "lundi 8h", "demain 7h30", "25/12 14h", "vendredi", "2026-03-16 06:00",
 * ISO with an offset — in French first, English as a fallback. Days and hours are wall-clock times of
 * `timeZone`, whatever the process's own zone. Returns null when nothing looks like a date, or
 * when part of the text was not understood (so "lundi 8h blabla" is refused rather than guessed).
 */
export function parseMoment(text: string, { reference, timeZone, defaultTime }: ParseOptions): ParsedMoment | null {
	const input = text.trim();
	if (!input) return null;
	if (isoWithZone.test(input)) {
		const date = new Date(input);
		return Number.isNaN(date.getTime()) ? null : { date, hasTime: true, hasDate: true };
	}
	// chrono reads the reference with the process's local clock: hand it the zone's wall clock.
	const wall = DateTime.fromJSDate(reference, { zone: timeZone });
	const localReference = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
	const candidates = [chronoFr(), chronoEn()]
		.map((parser) => parser.parse(input, localReference, { forwardDate: true })[0])
		.filter((result): result is ParsedResult => result !== undefined);
	const best = candidates.sort((a, b) => b.text.length - a.text.length)[0];
	if (!best || leftover(input, best.text).length > 0) return null;
	const hasTime = best.start.isCertain('hour');
	const hasDate = best.start.isCertain('day');
	const at = DateTime.fromObject(
		{
			year: best.start.get('year') ?? wall.year,
			month: best.start.get('month') ?? wall.month,
			day: best.start.get('day') ?? wall.day,
			hour: hasTime ? (best.start.get('hour') ?? 0) : (defaultTime?.hour ?? 0),
			minute: hasTime ? (best.start.get('minute') ?? 0) : (defaultTime?.minute ?? 0)
		},
		{ zone: timeZone }
	);
	return at.isValid ? { date: at.toJSDate(), hasTime, hasDate } : null;
}

/** What is left of the input once the parsed part and filler words are taken out. */
function leftover(input: string, parsed: string): string {
	return input
		.toLowerCase()
		.replace(parsed.toLowerCase(), ' ')
		.replace(/\b(le|la|à|a|at|on|the|du|de|ce|cet|cette)\b/g, ' ')
		.replace(/[\s,.]+/g, '');
}

/** A calendar day typed by a member ("30/04", "fin avril" is not supported, "2026-04-30"), as `YYYY-MM-DD` in `timeZone`. */
export function parseDay(text: string, options: Omit<ParseOptions, 'defaultTime'>): string | null {
	const input = text.trim();
	if (/^\d{4}-\d{2}-\d{2}$/.test(input)) return DateTime.fromISO(input, { zone: options.timeZone }).isValid ? input : null;
	const moment = parseMoment(input, options);
	return moment ? DateTime.fromJSDate(moment.date, { zone: options.timeZone }).toISODate() : null;
}

/** `YYYY-MM-DD` of an instant in `timeZone`. */
export function dayOf(instant: Date, timeZone: string): string {
	return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

/** Midnight at the start of `day` in `timeZone`. */
export function startOfDay(day: string, timeZone: string): Date {
	return DateTime.fromISO(day, { zone: timeZone }).startOf('day').toJSDate();
}

/** The day `days` later (calendar days, so DST changes do not matter). */
export function addDays(day: string, days: number): string {
	return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

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
