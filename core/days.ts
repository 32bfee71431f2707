/** Calendar days as members type them (`demain`, `lundi`, `25/12`, `2026-12-25`), for every plugin that asks for a day. */
import { DateTime } from 'luxon';
import type * as ChronoEn from 'chrono-node/en';
import type * as ChronoFr from 'chrono-node/fr';
import { onFirstUse } from './lazy-module.ts';

// Only the two languages used, loaded on the first date typed (all of chrono-node's locales weigh ~19 MB).
const chronoFr = onFirstUse<typeof ChronoFr>('chrono-node/fr');
const chronoEn = onFirstUse<typeof ChronoEn>('chrono-node/en');

/**
 * Days as people type them, in a given time zone: `demain`, `hier`, `lundi`, `dans 3 jours`, `25/12`,
 * `25/12/2026`, `2026-12-25` (English words too: `tomorrow`, `friday`). A day is a calendar
 * day (`YYYY-MM-DD`, a `date` column): a time typed after it is ignored.
 * Every function takes the reference instant: nothing here reads the clock.
 */

export type DayParse = { ok: true; date: string } | { ok: false; reason: 'unrecognised' | 'invalid' };

const isoDay = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const frenchDay = /^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?$/;
/** Words around a date that say nothing about it: `pour demain`, `d'ici lundi`, `by friday`. */
const filler = /^(?:le|la|pour|avant|d['’]ici|au plus tard|on|by|before|the)\s+/i;

/** Today's date in the zone, `YYYY-MM-DD`. */
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
 * Which day a date without its year (`25/12`, `lundi`) means: `forward`, the next one (a due date looks
 * ahead); `nearest`, the closest to today, past or to come (a chantier's start may be last week).
 */
export type DayReading = 'forward' | 'nearest';

/** Parses a whole field as a day (nothing else in it but filler words): a task's due date, a chantier's start. */
export function parseDay(text: string, timeZone: string, now: Date, reading: DayReading = 'forward'): DayParse {
	const input = text.trim().replace(filler, '').trim();
	if (!input) return { ok: false, reason: 'unrecognised' };
	const numeric = parseNumericDay(input, timeZone, now, reading);
	if (numeric) return numeric;
	const reference = wallClock(timeZone, now);
	for (const parser of [chronoFr(), chronoEn()]) {
		const [result] = parser.parse(input, reference, { forwardDate: reading === 'forward' });
		if (!result) continue;
		const rest = (input.slice(0, result.index) + input.slice(result.index + result.text.length)).trim();
		if (rest.replace(/[\s,.]+/g, '') !== '') continue;
		return dayOf(result.start.get('year'), result.start.get('month'), result.start.get('day'));
	}
	return { ok: false, reason: 'unrecognised' };
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
	const results = chronoFr().parse(trimmed, wallClock(timeZone, now), { forwardDate: true });
	const last = results.at(-1);
	if (!last || last.index + last.text.length !== trimmed.length) return null;
	if (!dayOf(last.start.get('year'), last.start.get('month'), last.start.get('day')).ok) return null;
	const rest = withoutTrailingFiller(trimmed.slice(0, last.index));
	return rest ? { due: last.text, rest } : null;
}

const withoutTrailingFiller = (text: string) => text.trim().replace(/(?:\s+(?:pour|avant|d['’]ici|au plus tard|le|la))+$/i, '').trim();

/** `YYYY-MM-DD`, `DD/MM`, `DD/MM/YY(YY)`: a `DD/MM` read as `reading` says. */
function parseNumericDay(input: string, timeZone: string, now: Date, reading: DayReading): DayParse | null {
	const iso = isoDay.exec(input);
	if (iso) return dayOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
	const french = frenchDay.exec(input);
	if (!french) return null;
	const day = Number(french[1]);
	const month = Number(french[2]);
	if (french[3]) {
		const year = Number(french[3]);
		return dayOf(french[3].length === 2 ? 2000 + year : year, month, day);
	}
	const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
	const thisYear = dayOf(today.year, month, day);
	if (!thisYear.ok) return thisYear;
	if (reading === 'nearest') {
		const distance = (candidate: DayParse) => (candidate.ok ? Math.abs(DateTime.fromISO(candidate.date, { zone: timeZone }).diff(today, 'days').days) : Infinity);
		return [dayOf(today.year - 1, month, day), dayOf(today.year + 1, month, day)].reduce((best, candidate) => (distance(candidate) < distance(best) ? candidate : best), thisYear);
	}
	if (thisYear.date >= today.toISODate()!) return thisYear;
	return dayOf(today.year + 1, month, day);
}

function dayOf(year: number | null, month: number | null, day: number | null): DayParse {
	if (year === null || month === null || day === null) return { ok: false, reason: 'unrecognised' };
	const date = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
	return date.isValid ? { ok: true, date: date.toISODate()! } : { ok: false, reason: 'invalid' };
}

/**
 * chrono reads the reference's local (process) fields; its own `timezone` option does not move
 * weekdays or "demain" across midnight. So hand it a Date whose process-local fields are the
 * wall clock of `timeZone` at `now`.
 */
function wallClock(timeZone: string, now: Date): Date {
	const local = DateTime.fromJSDate(now, { zone: timeZone });
	return new Date(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}
