import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { DateTime } from 'luxon';
import { labelled, type Locale } from '#core/plugin-kit.ts';
import type { PlanningEntry, ViewEntry } from './planning.ts';
import { expandRrule, occurrenceEnd, parseStoredRule } from './recurrence.ts';
import { text, typeLabel } from './text.ts';

export interface FeedOptions {
	/** Calendar name shown by the phone. */
	name: string;
	entries: ViewEntry[];
	/** First entries of the series the entries belong to (deleted ones too: they carry the rule). */
	heads: PlanningEntry[];
	timeZone: string;
	locale: Locale;
	/** Member names for summaries of a chantier's feed. */
	memberName?: (userId: string) => string | undefined;
	/** Discord link of a chantier's channel. */
	channelLink?: (channelId: string) => string;
	/** Series occurrences before this are not checked (a feed covers the recent past and the future). */
	since: Date;
}

const uidOf = (id: string) => `${id}@monster-planning`;

const statusOf = (status: PlanningEntry['status']) =>
	status === 'annule' ? ICalEventStatus.CANCELLED : status === 'prevu' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED;

/**
 * An iCalendar feed of planning entries. Plain entries are events; a recurring series is one event
 * with its RRULE (DTSTART with TZID, so phones keep 06:00 local across DST), EXDATEs for the
 * occurrences deleted, overrides (RECURRENCE-ID) for the occurrences edited, and separate events
 * for occurrences moved off their date. Cancelled entries stay, with STATUS:CANCELLED.
 */
export function buildFeed(options: FeedOptions): string {
	const { timeZone, locale } = options;
	const calendar = ical({
		name: options.name,
		prodId: { company: 'Monster', product: 'planning', language: locale.toUpperCase() },
		method: ICalCalendarMethod.PUBLISH,
		timezone: { name: timeZone, generator: vtimezone },
		ttl: 60 * 30
	});
	const heads = new Map(options.heads.map((head) => [head.id, head]));
	const bySeries = new Map<string, ViewEntry[]>();
	for (const entry of options.entries) {
		const seriesId = entry.recurrenceId ?? (entry.rrule ? entry.id : null);
		const head = seriesId ? (heads.get(seriesId) ?? (entry.id === seriesId ? entry : undefined)) : undefined;
		if (!seriesId || !head?.rrule) {
			addEvent(calendar, entry, { uid: uidOf(entry.id), options });
			continue;
		}
		bySeries.set(seriesId, [...(bySeries.get(seriesId) ?? []), entry]);
	}
	for (const [seriesId, rows] of bySeries) addSeries(calendar, heads.get(seriesId) ?? rows.find((row) => row.id === seriesId)!, rows, options);
	return calendar.toString();
}

function addSeries(calendar: ICalCalendar, head: PlanningEntry, rows: ViewEntry[], options: FeedOptions): void {
	const stored = parseStoredRule(head.rrule!, { start: head.startsAt, timeZone: options.timeZone });
	// The series event carries what most occurrences share; the others become overrides.
	const signature = (row: PlanningEntry) =>
		JSON.stringify([
			row.type,
			row.chantierId,
			row.note,
			row.status,
			row.allDay,
			DateTime.fromJSDate(row.endsAt, { zone: stored.timeZone }).diff(DateTime.fromJSDate(row.startsAt, { zone: stored.timeZone }), 'minutes').minutes
		]);
	const counts = new Map<string, number>();
	for (const row of rows) counts.set(signature(row), (counts.get(signature(row)) ?? 0) + 1);
	const common = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
	const template = rows.find((row) => signature(row) === common)!;
	const templateEnd = (start: Date) => occurrenceEnd(template, start, stored.timeZone);
	const unmatched = new Map(rows.map((row) => [row.startsAt.getTime(), row]));
	const excluded: Date[] = [];
	const overrides: { at: Date; row: ViewEntry }[] = [];
	for (const start of expandRrule(stored, 1_000)) {
		const row = unmatched.get(start.getTime());
		if (!row) {
			if (start >= options.since) excluded.push(start);
			continue;
		}
		unmatched.delete(start.getTime());
		if (signature(row) !== common) overrides.push({ at: start, row });
	}
	const exdate = excluded.length
		? `\r\nEXDATE;TZID=${stored.timeZone}:${excluded.map((date) => DateTime.fromJSDate(date, { zone: stored.timeZone }).toFormat("yyyyMMdd'T'HHmmss")).join(',')}`
		: '';
	addEvent(calendar, { ...template, startsAt: stored.anchor, endsAt: templateEnd(stored.anchor) }, {
		uid: uidOf(head.id),
		options,
		repeating: `RRULE:${stored.rule}${exdate}`
	});
	for (const { at, row } of overrides) addEvent(calendar, row, { uid: uidOf(head.id), options, recurrenceId: at });
	// Occurrences moved off their date: events of their own.
	for (const row of unmatched.values()) addEvent(calendar, row, { uid: uidOf(row.id === head.id ? `${row.id}-moved` : row.id), options });
}

function addEvent(
	calendar: ICalCalendar,
	entry: ViewEntry,
	{ uid, options, repeating, recurrenceId }: { uid: string; options: FeedOptions; repeating?: string; recurrenceId?: Date }
): void {
	const t = text(options.locale);
	const who = options.memberName?.(entry.userId);
	const chantier = entry.chantier;
	const summary = [typeLabel(options.locale, entry.type), chantier ? `${chantier.code} ${chantier.name}` : null, who].filter(Boolean).join(' · ');
	const description = [
		entry.note,
		t(`status_${entry.status}`),
		chantier ? labelled(typeLabel(options.locale, 'chantier'), `${chantier.name} (${chantier.code})`, options.locale) : null,
		`Ref. ${entry.id.slice(0, 8)}`
	]
		.filter(Boolean)
		.join('\n');
	const link = chantier?.discordChannelId && options.channelLink ? options.channelLink(chantier.discordChannelId) : null;
	const event = calendar.createEvent({
		id: uid,
		// Native dates would be written in the process's zone: luxon dates carry the planning's.
		start: DateTime.fromJSDate(entry.startsAt, { zone: options.timeZone }),
		end: DateTime.fromJSDate(entry.endsAt, { zone: options.timeZone }),
		allDay: entry.allDay,
		timezone: options.timeZone,
		summary,
		description,
		location: chantier ? (chantier.address ?? chantier.name) : null,
		url: link,
		status: statusOf(entry.status),
		stamp: entry.updatedAt,
		lastModified: entry.updatedAt,
		created: entry.createdAt,
		categories: [{ name: typeLabel(options.locale, entry.type) }]
	});
	if (repeating) event.repeating(repeating);
	if (recurrenceId) event.recurrenceId(DateTime.fromJSDate(recurrenceId, { zone: options.timeZone }));
}

/**
 * VTIMEZONE for any IANA zone, from luxon's offsets: one STANDARD or DAYLIGHT part per change
 * between two years back and three years ahead (no rule lines, so nothing to get wrong).
 */
export function vtimezone(zone: string): string | null {
	const from = DateTime.now().setZone(zone).startOf('year').minus({ years: 2 });
	if (!from.isValid) return null;
	const offsetAt = (millis: number) => DateTime.fromMillis(millis, { zone }).offset;
	const format = (minutes: number) => {
		const sign = minutes < 0 ? '-' : '+';
		const absolute = Math.abs(minutes);
		return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}${String(absolute % 60).padStart(2, '0')}`;
	};
	const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, `X-LIC-LOCATION:${zone}`];
	const end = from.plus({ years: 6 }).toMillis();
	const hour = 3_600_000;
	let previous = offsetAt(from.toMillis());
	let changes = 0;
	for (let at = from.toMillis(); at < end; at += 6 * hour) {
		const offset = offsetAt(at);
		if (offset === previous) continue;
		// Narrow down to the minute of the change.
		let low = at - 6 * hour;
		let high = at;
		while (high - low > 60_000) {
			const middle = low + Math.floor((high - low) / 2);
			if (offsetAt(middle) === previous) low = middle;
			else high = middle;
		}
		let change = Math.floor(high / 60_000) * 60_000;
		if (offsetAt(change) === previous) change += 60_000;
		const localBefore = DateTime.fromMillis(change, { zone: 'UTC' }).plus({ minutes: previous });
		const kind = offset > previous ? 'DAYLIGHT' : 'STANDARD';
		lines.push(
			`BEGIN:${kind}`,
			`DTSTART:${localBefore.toFormat("yyyyMMdd'T'HHmmss")}`,
			`TZOFFSETFROM:${format(previous)}`,
			`TZOFFSETTO:${format(offset)}`,
			`END:${kind}`
		);
		previous = offset;
		changes++;
	}
	if (changes === 0) {
		lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${format(previous)}`, `TZOFFSETTO:${format(previous)}`, 'END:STANDARD');
	}
	lines.push('END:VTIMEZONE');
	return lines.join('\r\n');
}
