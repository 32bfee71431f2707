/** Days and times of day as members type them (`demain`, `lundi 8h`, `25/12 14h`, `2026-12-25`), for every plugin that asks for one. */
import { DateTime } from 'luxon';
import type { ParsedComponents } from 'chrono-node';
import type * as ChronoEn from 'chrono-node/en';
import type * as ChronoFr from 'chrono-node/fr';
import { onFirstUse } from './lazy-module.ts';

// Only the two languages used, loaded on the first date typed (all of chrono-node's locales weigh ~19 MB).
const chronoFr = onFirstUse<typeof ChronoFr>('chrono-node/fr');
const chronoEn = onFirstUse<typeof ChronoEn>('chrono-node/en');

/**
 * Days as people type them, in a given time zone: `demain`, `hier`, `après-demain`, `lundi`, `dans 3 jours`, `25/12`,
 * `25.12`, `25/12/2026`, `2026-12-25`, `la semaine prochaine` (English words too: `tomorrow`, `friday`),
 * with an hour after them or alone for `parseDayTime`: `lundi 8h`, `demain 7h30`, `25/12 à 14h`, `17h`,
 * `monday 8am`, `2026-03-16 06:00`, or an ISO instant with its offset. Words that say nothing about
 * the date (`pour demain`, `d'ici lundi`, `le 25/12 à 8h`) are let through; anything else left over refuses
 * the whole text rather than guessing. Every function takes the reference instant: nothing here reads the clock.
 */

export type DayParse = { ok: true; date: string } | { ok: false; reason: 'unrecognised' | 'invalid' };

export interface TimeOfDay {
	hour: number;
	minute: number;
}

/** An instant typed by a member, and what the text named of it. */
export interface DayTime {
	at: Date;
	/** False when only a day was typed (`lundi`, `25/12`): `at` is at the default time. */
	hasTime: boolean;
	/**
	 * False for a bare hour or a weekday (`17h`, `vendredi 16h`): the day was counted from `now`, and
	 * may be counted from another instant. True for a weekday that points back (`lundi dernier`), named from today as `hier` is.
	 */
	hasDate: boolean;
	/** False for a bare hour (`17h`, `5pm`): no day was typed at all, not even a weekday. */
	hasDay: boolean;
}

export type DayTimeParse = ({ ok: true } & DayTime) | { ok: false; reason: 'unrecognised' | 'invalid' };

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
/** `2026-12-25`, `25/12`, `25.12`, `25/12/26`, `25/12/2026`, then maybe a time: `25/12 14h`, `2026-03-16T06:00`. */
const numericDay = /^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?)(?:(?:\s+|\s*,\s*|T)(.+))?$/i;
/** Words around a date that say nothing about it: `pour demain`, `d'ici lundi`, `le 25/12 à 8h`, `by friday`. */
const fillerPhrases = /\b(?:d['’]ici|au plus tard)(?=\s|$)/gi;
const fillerWords = new Set(['le', 'la', 'du', 'de', 'ce', 'cet', 'cette', 'pour', 'avant', 'à', 'a', 'on', 'at', 'by', 'before', 'the']);
const leadingFiller = /^(?:(?:le|la|pour|avant|d['’]ici|au plus tard|on|by|before|the)\s+)+/i;
/** `8 h`, `12 h 30`: French for an hour of the day (chrono's English parser would read « in 12 hours »). */
const spacedHour = /\b(\d{1,2})\s+h(?:\s*(\d{2}))?(?=$|[\s,.])/gi;
/** `depuis lundi`, `since monday`: a backward reading's field may repeat what it is for. */
const sinceWord = /^(?:depuis|since)\s+/i;
/** `avant-hier`, `après-demain`: two days away, which chrono does not know (it read the last word alone). */
const twoDaysAway = /\b(?:(avant)[- ]hier|apr[eè]s[- ]demain)\b/gi;
/** `dans 2 jours 8h`, `dans 3 jours, 14h`: an hour of that day, which chrono added to the count (2 days and 8 hours). */
const countThenHour = /\b(jours?|semaines?|mois|ans|ann[ée]es?)\s*,?\s+(?=(?:[01]?\d|2[0-3])h(?:[0-5]\d)?(?=$|[\s,.]))/gi;
/** `lundi passé`: the last Monday, which chrono reads only as `lundi dernier` (it read `lundi` and refused the rest). */
const weekdayPassed = /\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+pass[ée](?=$|[\s,.])/gi;
/** `25h`, `36h30`: how an hour of the day is written, with no hour of the day in it. */
const impossibleHour = /^\d+\s*h(?:\d{2})?$/i;
/** `lundi dernier`, `last monday`, `past monday`, `monday last week`: a weekday that points back. */
const pointsBack = /\b(?:dernier|last|past)\b/i;
/** A day of the month alone (`le 5`, `le 1er`, `le 15 à 8h`, `the 5th`): chrono read `15 à 8h` as 15:00 today. */
const dayOfMonthAlone = /^(?:le\s+(1er|\d{1,2})|the\s+(\d{1,2})(?:st|nd|rd|th)?)(?:\s*,?\s+(.+))?$/i;
const frenchMonths = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'];
/** Part of a month as people plan with it: `fin du mois`, `fin mars`, `début avril`, `mi-juin`, `fin d'année`. */
const partOfMonth = /^(fin|d[ée]but|mi)[- ]?(?:(?:du |de |d')?(mois|ann[ée]e|l'ann[ée]e)|(?:de |d')?([a-zéû]+))$/i;
/** chrono-fr reads these only with their article (`la semaine prochaine`): members leave it out. */
const withoutArticle = /^(semaine prochaine|mois prochain|ann[ée]e prochaine)/i;

/** The date it is in the zone at `now`, `YYYY-MM-DD`: today's, or the day of any instant (an entry's start). */
export function todayIn(timeZone: string, now: Date): string {
	return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}

/** The day after `day`. */
export function addDays(day: string, days: number): string {
	return DateTime.fromISO(day, { zone: 'utc' }).plus({ days }).toISODate()!;
}

/** Whether `zone` is an IANA time zone luxon and Intl know. */
export function isTimeZone(zone: string): boolean {
	return DateTime.now().setZone(zone).isValid;
}

/**
 * Which day a date without its year (`25/12`, `lundi`) means: `forward`, today or the next one, at any
 * hour (a due date looks ahead); `nearest`, the closest to today, past or to come (a chantier's start
 * may be last week); `backward`, today or the last one (a search since a day looks back), which may
 * follow `depuis` or `since`.
 */
export type DayReading = 'forward' | 'nearest' | 'backward';

/** Parses a whole field as a day (a time typed with it is ignored): a task's due date, a chantier's start, a search's first day. */
export function parseDay(text: string, timeZone: string, now: Date, reading: DayReading = 'forward'): DayParse {
	const typed = readTyped(text, timeZone, now, reading);
	if (!typed.ok) return typed;
	return { ok: true, date: 'instant' in typed ? todayIn(timeZone, typed.instant) : typed.date };
}

/**
 * Parses a whole field as a moment in `timeZone` (a planning entry's start): the day is read as
 * `parseDay` reads it, `forward`, and the hour typed after it (or `defaultTime`, midnight unless
 * told) is a wall-clock time of the zone, whatever the process's zone and across DST changes
 * (an hour the spring change skips moves forward by the hour skipped, one the autumn change
 * repeats is the second, in winter time). A bare hour is on today, or tomorrow once it has
 * passed; an ISO instant with its offset is taken as is.
 */
export function parseDayTime(text: string, timeZone: string, now: Date, defaultTime: TimeOfDay = { hour: 0, minute: 0 }): DayTimeParse {
	const typed = readTyped(text, timeZone, now, 'forward');
	if (!typed.ok) return typed;
	if ('instant' in typed) return { ok: true, at: typed.instant, hasTime: true, hasDate: true, hasDay: true };
	const { hour, minute } = typed.time ?? defaultTime;
	const [year, month, day] = typed.date.split('-').map(Number);
	const at = DateTime.fromObject({ year, month, day, hour, minute }, { zone: timeZone });
	return at.isValid ? { ok: true, at: at.toJSDate(), hasTime: typed.time !== null, hasDate: typed.hasDate, hasDay: typed.hasDay } : { ok: false, reason: 'invalid' };
}

/** The instant `day` (`YYYY-MM-DD`) starts in `timeZone`: midnight there, not in UTC. */
export function startOfDay(day: string, timeZone: string): Date {
	return DateTime.fromISO(day, { zone: timeZone }).startOf('day').toJSDate();
}

/**
 * A due date written at the end of a free text (prefix commands: `Réparer la clôture demain`):
 * the words of the date, and the text without them. The caller reads the words with
 * `parseDay`, as the slash command reads its option, so both forms accept and refuse alike:
 * a day that looks like a date but does not exist (`Réunion 31/02`) is handed over to be refused,
 * not left in the title. Only a trailing expression counts, so a number or a word inside a title
 * (`Poser 2 fenêtres`, `Couper 1.50`) is left alone.
 */
export function extractTrailingDueDate(text: string, timeZone: string, now: Date): { due: string; rest: string } | null {
	const trimmed = text.trim();
	const numeric = /(?:^|\s)(\d{4}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[/.](?:0?[1-9]|1[0-2])(?:[/.]\d{2,4})?)$/.exec(trimmed);
	if (numeric) {
		const rest = withoutTrailingFiller(trimmed.slice(0, numeric.index));
		return rest ? { due: numeric[1]!, rest } : null;
	}
	// A part of a month (`Livrer le placo fin mars`); not a day of the month alone: `Appeler le 18` is a phone number.
	const partOfMonthAtEnd = /(?:^|\s)((?:fin|d[ée]but|mi)[- ]?(?:(?:du |de |d')?(?:mois|ann[ée]e|l'ann[ée]e)|(?:de |d')?[a-zéû]+))$/i.exec(trimmed);
	if (partOfMonthAtEnd && parseDay(partOfMonthAtEnd[1]!, timeZone, now).ok) {
		const rest = withoutTrailingFiller(trimmed.slice(0, partOfMonthAtEnd.index));
		return rest ? { due: partOfMonthAtEnd[1]!, rest } : null;
	}
	// French first, then English (`Deliver the bricks tomorrow`), as `parseDay` reads either.
	for (const parser of [chronoFr(), chronoEn()]) {
		const last = parser.parse(trimmed, noonOf(timeZone, now), { forwardDate: true }).at(-1);
		if (!last || last.index + last.text.length !== trimmed.length) continue;
		if (!dayOf(last.start.get('year'), last.start.get('month'), last.start.get('day')).ok) continue;
		const rest = withoutTrailingFiller(trimmed.slice(0, last.index));
		return rest ? { due: last.text, rest } : null;
	}
	return null;
}

const withoutTrailingFiller = (text: string) => text.trim().replace(/(?:\s+(?:pour|avant|d['’]ici|au plus tard|le|la|by|before|on|due))+$/i, '').trim();

type Typed = { ok: true; instant: Date } | { ok: true; date: string; time: TimeOfDay | null; hasDate: boolean; hasDay: boolean } | { ok: false; reason: 'unrecognised' | 'invalid' };

/** What a field says: an instant with its offset, or a day with maybe an hour of that day. */
function readTyped(text: string, timeZone: string, now: Date, reading: DayReading): Typed {
	const trimmed = text.trim();
	const input = (reading === 'backward' ? trimmed.replace(sinceWord, '') : trimmed)
		.replaceAll('’', "'")
		.replace(spacedHour, (_, hour: string, minute = '') => `${hour}h${minute}`)
		.replace(countThenHour, '$1 à ')
		.replace(twoDaysAway, (_, before?: string) => DateTime.fromJSDate(now, { zone: timeZone }).plus({ days: before ? -2 : 2 }).toFormat('dd/MM/yyyy'))
		.replace(weekdayPassed, '$1 dernier')
		.replace(withoutArticle, (words: string) => `${/^mois/i.test(words) ? 'le' : 'la'} ${words}`);
	if (!input) return { ok: false, reason: 'unrecognised' };
	if (isoInstant.test(input)) {
		const instant = new Date(input);
		return Number.isNaN(instant.getTime()) ? { ok: false, reason: 'invalid' } : { ok: true, instant };
	}
	const numeric = numericDay.exec(input.replace(leadingFiller, ''));
	if (numeric) {
		const [, isoYear, isoMonth, isoDay, day, month, year, rest] = numeric;
		const date = isoYear
			? dayOf(Number(isoYear), Number(isoMonth), Number(isoDay))
			: year
				? dayOf(year.length === 2 ? 2000 + Number(year) : Number(year), Number(month), Number(day))
				: dayWithoutYear(Number(month), Number(day), timeZone, now, reading);
		if (!date.ok) return date;
		if (!rest) return { ok: true, date: date.date, time: null, hasDate: true, hasDay: true };
		const time = readTimeOfDay(rest, timeZone, now);
		return time === undefined ? { ok: false, reason: 'unrecognised' } : { ok: true, date: date.date, time, hasDate: true, hasDay: true };
	}
	const monthDay = dayOfMonthAlone.exec(input);
	if (monthDay) {
		const [, french, english, rest] = monthDay;
		const time = rest ? readTimeOfDay(rest, timeZone, now) : null;
		// `le 5 mars` goes on to chrono: what follows the number is not an hour.
		if (time !== undefined) {
			const date = dayInMonth(french === '1er' ? 1 : Number(french ?? english), timeZone, now, reading);
			return date.ok ? { ok: true, date: date.date, time, hasDate: true, hasDay: true } : date;
		}
	}
	const part = partOfMonth.exec(input.normalize('NFC'));
	if (part) {
		const date = partOfMonthDay(part, timeZone, now, reading);
		if (date) return date.ok ? { ok: true, date: date.date, time: null, hasDate: true, hasDay: true } : date;
	}
	return readWords(input, timeZone, now, reading);
}

/** The `day` of this month, or of the next (forward) or the last (backward) one when this month's is not in that direction; nearest: the closest. */
function dayInMonth(day: number, timeZone: string, now: Date, reading: DayReading): DayParse {
	const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
	const inMonth = (offset: number) => {
		const month = today.startOf('month').plus({ months: offset });
		return dayOf(month.year, month.month, day);
	};
	const thisMonth = inMonth(0);
	if (day < 1 || day > 31) return { ok: false, reason: 'invalid' };
	const todayIso = today.toISODate()!;
	// The 31st is in none of some months: the next (or last) month that has it.
	const firstWith = (offsets: number[], fits: (date: string) => boolean): DayParse =>
		offsets.map(inMonth).find((candidate) => candidate.ok && fits(candidate.date)) ?? { ok: false, reason: 'invalid' };
	if (reading === 'forward') return firstWith([0, 1, 2], (date) => date >= todayIso);
	if (reading === 'backward') return firstWith([0, -1, -2], (date) => date <= todayIso);
	const distance = (candidate: DayParse) => (candidate.ok ? Math.abs(DateTime.fromISO(candidate.date, { zone: timeZone }).diff(today, 'days').days) : Infinity);
	return [inMonth(-1), inMonth(1)].reduce((best, candidate) => (distance(candidate) < distance(best) ? candidate : best), thisMonth);
}

/** `fin du mois` (this month's last day), `fin d'année` (31 December), `fin mars` / `début avril` / `mi-juin` (in the year `reading` says); undefined for another word. */
function partOfMonthDay([, part, period, monthName]: RegExpExecArray, timeZone: string, now: Date, reading: DayReading): DayParse | undefined {
	const today = DateTime.fromJSDate(now, { zone: timeZone });
	const which = part!.toLowerCase().startsWith('fin') ? 'end' : part!.toLowerCase() === 'mi' ? 'middle' : 'start';
	const dayIn = (month: DateTime) => (which === 'end' ? month.endOf('month').day : which === 'middle' ? 15 : 1);
	if (period) {
		if (which !== 'end') return undefined;
		// Read backward (`depuis fin du mois`), the end already past: last month's, or last year's.
		const unit = /mois/i.test(period) ? 'month' : 'year';
		const end = today.endOf(unit);
		const past = reading === 'backward' && end.toISODate()! > today.toISODate()! ? today.minus({ [`${unit}s`]: 1 }).endOf(unit) : end;
		return { ok: true, date: past.toISODate()! };
	}
	const index = frenchMonths.indexOf(monthName!.toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, ''));
	if (index === -1) return undefined;
	return dayWithoutYear(index + 1, dayIn(today.set({ month: index + 1, day: 1 })), timeZone, now, reading);
}

/** A day typed without its year (`25/12`, `3 mars`), in the year `reading` says. */
function dayWithoutYear(month: number, day: number, timeZone: string, now: Date, reading: DayReading): DayParse {
	const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
	const thisYear = dayOf(today.year, month, day);
	if (!thisYear.ok) return thisYear;
	if (reading === 'nearest') {
		const distance = (candidate: DayParse) => (candidate.ok ? Math.abs(DateTime.fromISO(candidate.date, { zone: timeZone }).diff(today, 'days').days) : Infinity);
		return [dayOf(today.year - 1, month, day), dayOf(today.year + 1, month, day)].reduce((best, candidate) => (distance(candidate) < distance(best) ? candidate : best), thisYear);
	}
	if (reading === 'backward') return thisYear.date <= today.toISODate()! ? thisYear : dayOf(today.year - 1, month, day);
	if (thisYear.date >= today.toISODate()!) return thisYear;
	return dayOf(today.year + 1, month, day);
}

/**
 * Words, in French or English, whichever reads more of the text. chrono counts from noon of the
 * zone's day (see `noonOf`); what depends on the hour is counted here from `now`: `maintenant` and
 * `dans 2 heures` are as far from now as chrono put them from noon, and read forward a bare hour or
 * a part of the day (`8h`, `ce matin`) already past is tomorrow's. chrono moved a date forward by the
 * hour (today's `mercredi` became next week once noon had passed); here a weekday or a date without
 * its year is counted by the day, as `25/12` is: read forward, today's or the next one; read
 * backward, today's or the last one; read nearest, the closest. A weekday that points back
 * (`lundi dernier`, `last monday`) is the last one before today in every reading: read forward too,
 * where the caller refuses it as any past day or takes it.
 */
function readWords(input: string, timeZone: string, now: Date, reading: DayReading): Typed {
	const forwardDate = reading === 'forward';
	const reference = noonOf(timeZone, now);
	const [best] = [chronoFr(), chronoEn()]
		.flatMap((parser) => {
			const [result] = parser.parse(input, reference, { forwardDate });
			return result && onlyFillerAround(input, result.index, result.text) ? [{ parser, result }] : [];
		})
		.sort((a, b) => b.result.text.length - a.result.text.length);
	if (!best) return { ok: false, reason: 'unrecognised' };
	const wall = DateTime.fromJSDate(now, { zone: timeZone }).setZone('utc', { keepLocalTime: true }).startOf('second');
	const noon = wall.set({ hour: 12, minute: 0, second: 0 });
	const tags = best.result.tags();
	// chrono's English parser, reading forward, takes `25h` for « in 25 hours »: a member meant an hour of the day, and there is none.
	if (tags.has('result/relativeDateAndTime') && impossibleHour.test(best.result.text.trim())) return { ok: false, reason: 'unrecognised' };
	if (tags.has('casualReference/now') || tags.has('result/relativeDateAndTime')) {
		const moment = wall.plus(wallOf(best.result.start).diff(noon));
		return { ok: true, date: moment.toISODate()!, time: { hour: moment.hour, minute: moment.minute }, hasDate: true, hasDay: true };
	}
	let start: ParsedComponents = best.result.start;
	const weekdayAlone = start.isCertain('weekday') && !start.isCertain('day') && !start.isCertain('month');
	const lastWeekday = weekdayAlone && pointsBack.test(best.result.text);
	// The last Monday is named from today, as `hier` is: another instant would make it another Monday.
	const hasDate = start.isCertain('day') || lastWeekday;
	const timeAlone = !saysTheDay(start);
	// chrono's forwardDate moved these from noon: read them again as typed, and move them from now.
	if (forwardDate && (weekdayAlone || timeAlone)) start = best.parser.parse(input, reference)[0]!.start;
	const date =
		start.isCertain('month') && !start.isCertain('year')
			? dayWithoutYear(start.get('month')!, start.get('day')!, timeZone, now, reading)
			: dayOf(start.get('year'), start.get('month'), start.get('day'));
	if (!date.ok) return date;
	const today = wall.toISODate()!;
	let day = date.date;
	if (forwardDate && timeAlone && wallOf(start) < wall) day = addDays(today, 1);
	// chrono counts Sunday as 0, luxon as 7: the same day of the week, modulo 7.
	else if (forwardDate && weekdayAlone && !lastWeekday && day < today) day = addDays(today, (start.get('weekday')! - wall.weekday + 7) % 7 || 7);
	else if (reading === 'backward' && weekdayAlone && day > today) day = addDays(day, -7);
	return { ok: true, date: day, time: start.isCertain('hour') ? { hour: start.get('hour')!, minute: start.get('minute') ?? 0 } : null, hasDate, hasDay: !timeAlone };
}

/** The hour typed after a numeric day (`14h`, `à 8h30`, `5pm`); null for a part of the day without one (`soir`), undefined when not a time. */
function readTimeOfDay(text: string, timeZone: string, now: Date): TimeOfDay | null | undefined {
	for (const parser of [chronoFr(), chronoEn()]) {
		const [result] = parser.parse(text, noonOf(timeZone, now));
		if (!result || !onlyFillerAround(text, result.index, result.text)) continue;
		const { start } = result;
		if (saysTheDay(start)) return undefined;
		return start.isCertain('hour') ? { hour: start.get('hour')!, minute: start.get('minute') ?? 0 } : null;
	}
	return undefined;
}

/** Whether the text around what chrono read holds only words that say nothing about the date. */
function onlyFillerAround(input: string, index: number, read: string): boolean {
	const around = `${input.slice(0, index)} ${input.slice(index + read.length)}`.toLowerCase().replace(fillerPhrases, ' ');
	return around.split(/[\s,.]+/).every((word) => word === '' || fillerWords.has(word));
}

/** Whether chrono read a day, a weekday, a month or a year, not only a time of day. */
function saysTheDay(start: ParsedComponents): boolean {
	return (['weekday', 'day', 'month', 'year'] as const).some((component) => start.isCertain(component));
}

function dayOf(year: number | null, month: number | null, day: number | null): DayParse {
	if (year === null || month === null || day === null) return { ok: false, reason: 'unrecognised' };
	const date = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
	return date.isValid ? { ok: true, date: date.toISODate()! } : { ok: false, reason: 'invalid' };
}

/**
 * The reference chrono counts from: noon of `now`'s day in `timeZone`, as a Date whose process-local
 * fields are that day at 12:00. chrono reads the reference's local fields (its `timezone` option
 * shifts them the same way), and a wall-clock time of the zone may not exist in the process's zone
 * (23:30 on 28 March 2026 in Paris is skipped in a process in Nuuk, whose clocks jump to 00:30 on
 * the 29th): noon exists in every zone, so chrono sees the zone's date whatever the process's zone,
 * and what depends on the hour is counted from `now` by the caller.
 */
function noonOf(timeZone: string, now: Date): Date {
	const day = DateTime.fromJSDate(now, { zone: timeZone });
	return new Date(day.year, day.month - 1, day.day, 12);
}

/** What chrono read, as a wall-clock time (in a UTC DateTime, to compare with others without any zone's changes). */
function wallOf(start: ParsedComponents): DateTime {
	return DateTime.fromObject(
		{ year: start.get('year')!, month: start.get('month')!, day: start.get('day')!, hour: start.get('hour')!, minute: start.get('minute')!, second: start.get('second')! },
		{ zone: 'utc' }
	);
}
