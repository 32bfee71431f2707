import { DateTime } from 'luxon';
import type * as RRuleModule from 'rrule';
import { calendarDay } from '#core/plugin-kit.ts';
import { onFirstUse } from '#core/lazy-module.ts';

// Loaded when a series is first built or expanded (~7 MB resident once loaded).
const rrule = onFirstUse<typeof RRuleModule>('rrule');

/** Every weekday (Monday to Friday), or every `interval` weeks on the start's weekday. */
export type RecurrenceKind = 'weekdays' | 'weekly';

export interface RecurrenceSpec {
	kind: RecurrenceKind;
	/** Weeks between occurrences (weekly only), 1 to 8. */
	interval: number;
	/** Last day (inclusive, `YYYY-MM-DD`, in the planning's time zone). */
	until: string;
}

/** A series never generates more rows than this (a year of weekdays). */
export const maxOccurrences = 260;

const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/**
 * The rule stored on a series' first entry, RFC 5545 text with its anchor:
 * `DTSTART;TZID=Europe/Paris:20260316T060000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20260414T215959Z`.
 * The DTSTART line keeps the series' wall-clock anchor and zone even if the first entry is later
 * moved or deleted. UNTIL is the end of the last day in `timeZone`, in UTC, as RFC 5545 requires
 * when DTSTART has a TZID.
 */
export function buildRrule(spec: RecurrenceSpec, start: Date, timeZone: string): string {
	const local = DateTime.fromJSDate(start, { zone: timeZone });
	const until = DateTime.fromISO(spec.until, { zone: timeZone }).endOf('day').set({ millisecond: 0 }).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
	const dtstart = `DTSTART;TZID=${timeZone}:${local.toFormat("yyyyMMdd'T'HHmmss")}`;
	if (spec.kind === 'weekdays') return `${dtstart}\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=${until}`;
	const weekday = weekdayCodes[local.weekday - 1];
	const interval = spec.interval > 1 ? `;INTERVAL=${spec.interval}` : '';
	return `${dtstart}\nRRULE:FREQ=WEEKLY${interval};BYDAY=${weekday};UNTIL=${until}`;
}

export interface StoredRule {
	/** The RRULE value alone: `FREQ=WEEKLY;BYDAY=MO;UNTIL=…`. */
	rule: string;
	/** The series' first start and its zone (from DTSTART, else the fallbacks given). */
	anchor: Date;
	timeZone: string;
}

/** Splits a stored rule; a bare `FREQ=…` rule (no DTSTART line) is anchored on `fallback`. */
export function parseStoredRule(text: string, fallback: { start: Date; timeZone: string }): StoredRule {
	const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
	const ruleLine = lines.find((line) => /^(RRULE:)?FREQ=/i.test(line)) ?? '';
	const dtstart = lines.map((line) => /^DTSTART;TZID=([^:]+):(\d{8}T\d{6})$/i.exec(line)).find(Boolean);
	const rule = ruleLine.replace(/^RRULE:/i, '');
	if (!dtstart) return { rule, anchor: fallback.start, timeZone: fallback.timeZone };
	const anchor = DateTime.fromFormat(dtstart[2]!, "yyyyMMdd'T'HHmmss", { zone: dtstart[1] });
	return anchor.isValid ? { rule, anchor: anchor.toJSDate(), timeZone: dtstart[1]! } : { rule, anchor: fallback.start, timeZone: fallback.timeZone };
}

/**
 * Start instants of a series whose first entry starts at `start`, wall-clock in `timeZone`: a series
 * at Monday 06:00 stays at 06:00 local across daylight-saving changes (its UTC time moves).
 *
 * rrule's own `tzid` support depends on the process's zone, so the rule is expanded on "floating"
 * dates (local wall-clock fields stored as UTC fields) and each result is placed in `timeZone` by luxon.
 */
export function expandRrule({ rule, anchor: start, timeZone }: StoredRule, limit = maxOccurrences + 1): Date[] {
	const { RRule } = rrule();
	const options = RRule.parseString(rule);
	const floating = (instant: Date) => {
		const wall = DateTime.fromJSDate(instant, { zone: timeZone });
		return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
	};
	const expanded = new RRule({ ...options, tzid: null, dtstart: floating(start), until: options.until ? floating(options.until) : null });
	const starts = expanded.all((_, index) => index < limit);
	return starts.map((date) =>
		DateTime.fromObject(
			{
				year: date.getUTCFullYear(),
				month: date.getUTCMonth() + 1,
				day: date.getUTCDate(),
				hour: date.getUTCHours(),
				minute: date.getUTCMinutes(),
				second: date.getUTCSeconds()
			},
			{ zone: timeZone }
		).toJSDate()
	);
}

/** The end of an occurrence starting at `occurrenceStart`, keeping the first entry's wall-clock length. */
export function occurrenceEnd(first: { startsAt: Date; endsAt: Date }, occurrenceStart: Date, timeZone: string): Date {
	const from = DateTime.fromJSDate(first.startsAt, { zone: timeZone });
	const length = DateTime.fromJSDate(first.endsAt, { zone: timeZone }).diff(from, ['days', 'hours', 'minutes', 'seconds']);
	return DateTime.fromJSDate(occurrenceStart, { zone: timeZone }).plus(length).toJSDate();
}

/** `FREQ=WEEKLY;BYDAY=MO` → a short description for embeds. */
export function describeRrule({ rule, timeZone }: StoredRule, locale: 'fr' | 'en'): string {
	const options = rrule().RRule.parseString(rule);
	const days = (options.byweekday as { weekday: number }[] | null | undefined)?.map((day) => day.weekday) ?? [];
	const until = options.until ? calendarDay(DateTime.fromJSDate(options.until, { zone: timeZone }).toISODate()!, locale) : null;
	const interval = options.interval ?? 1;
	const fr = locale === 'fr';
	let what: string;
	if (days.length === 5) what = fr ? 'tous les jours ouvrés' : 'every weekday';
	else if (interval > 1) what = fr ? `toutes les ${interval} semaines` : `every ${interval} weeks`;
	else what = fr ? 'chaque semaine' : 'every week';
	return until ? `${what} ${fr ? 'jusqu’au' : 'until'} ${until}` : what;
}
