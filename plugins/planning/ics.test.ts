import { describe, expect, it } from 'vitest';
import { eventsOf, parseIcs } from '../../test/fixtures/planning/ics.ts';
import { buildFeed, vtimezone } from './ics.ts';
import type { ViewEntry } from './planning.ts';
import { buildRrule, expandRrule, parseStoredRule } from './recurrence.ts';

const zone = 'Europe/Paris';
const chantier = { id: '00000000-0000-4000-8000-0000000000c1', code: 'CH-01', name: 'École Jaurès', address: '12 rue Jaurès, Lyon', discordChannelId: '123' };
let counter = 0;
const entry = (fields: Partial<ViewEntry>): ViewEntry => ({
	id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
	guildId: 'g',
	userId: 'u1',
	type: 'chantier',
	startsAt: new Date('2026-03-16T07:00:00Z'),
	endsAt: new Date('2026-03-16T16:00:00Z'),
	allDay: false,
	chantierId: chantier.id,
	status: 'prevu',
	note: 'Coffrage, dalle; niveau 2',
	rrule: null,
	recurrenceId: null,
	createdBy: 'u1',
	createdAt: new Date('2026-03-01T00:00:00Z'),
	updatedAt: new Date('2026-03-01T00:00:00Z'),
	deletedAt: null,
	chantier,
	...fields
});
const base = { name: 'Planning', timeZone: zone, locale: 'fr' as const, since: new Date('2026-01-01T00:00:00Z'), channelLink: (id: string) => `https://discord.com/channels/g/${id}` };

describe('calendar feed', () => {
	it('carries the full event: summary, description, place, link, times with TZID, status', () => {
		const one = entry({ status: 'confirme' });
		const calendar = parseIcs(buildFeed({ ...base, entries: [one], heads: [] }));
		expect(calendar.type).toBe('VCALENDAR');
		expect(calendar.components.some((item) => item.type === 'VTIMEZONE' && item.get('TZID')?.value === zone)).toBe(true);
		const [event] = eventsOf(calendar);
		expect(event!.get('UID')!.value).toBe(`${one.id}@monster-planning`);
		expect(event!.get('SUMMARY')!.value).toBe('Chantier · CH-01 École Jaurès');
		expect(event!.get('DESCRIPTION')!.value).toContain('Coffrage, dalle; niveau 2');
		expect(event!.get('DESCRIPTION')!.value).toContain('Chantier : École Jaurès (CH-01)');
		expect(event!.get('LOCATION')!.value).toBe('12 rue Jaurès, Lyon');
		expect(event!.get('URL')!.value).toBe('https://discord.com/channels/g/123');
		expect(event!.get('DTSTART')).toMatchObject({ params: { TZID: zone }, value: '20260316T080000' });
		expect(event!.get('DTEND')).toMatchObject({ params: { TZID: zone }, value: '20260316T170000' });
		expect(event!.get('STATUS')!.value).toBe('CONFIRMED');
	});

	it('writes the event in the feed’s language, English without the French space before a colon', () => {
		const [event] = eventsOf(parseIcs(buildFeed({ ...base, locale: 'en', entries: [entry({ status: 'confirme' })], heads: [] })));
		expect(event!.get('SUMMARY')!.value).toBe('Work site · CH-01 École Jaurès');
		expect(event!.get('DESCRIPTION')!.value).toContain('Work site: École Jaurès (CH-01)');
	});

	it('writes a series as one event with its RRULE, EXDATE for deleted occurrences and overrides for edited ones', () => {
		const first = new Date('2026-03-16T05:00:00Z');
		const rrule = buildRrule({ kind: 'weekly', interval: 1, until: '2026-04-06' }, first, zone);
		const starts = expandRrule(parseStoredRule(rrule, { start: first, timeZone: zone }));
		const end = (start: Date) => new Date(start.getTime() + 8 * 3_600_000);
		const head = entry({ startsAt: starts[0], endsAt: end(starts[0]!), rrule });
		// 23 March deleted (absent), 30 March cancelled, 6 April at the rule's time.
		const cancelled = entry({ startsAt: starts[2], endsAt: end(starts[2]!), recurrenceId: head.id, status: 'annule' });
		const last = entry({ startsAt: starts[3], endsAt: end(starts[3]!), recurrenceId: head.id });
		const calendar = parseIcs(buildFeed({ ...base, entries: [head, cancelled, last], heads: [head] }));
		const events = eventsOf(calendar);
		expect(events).toHaveLength(2);
		const [series, override] = events;
		expect(series!.get('RRULE')!.value).toBe('FREQ=WEEKLY;BYDAY=MO;UNTIL=20260406T215959Z');
		expect(series!.get('DTSTART')).toMatchObject({ params: { TZID: zone }, value: '20260316T060000' });
		expect(series!.get('EXDATE')).toMatchObject({ params: { TZID: zone }, value: '20260323T060000' });
		expect(override!.get('UID')!.value).toBe(series!.get('UID')!.value);
		// Still 06:00 local after the change to summer time.
		expect(override!.get('RECURRENCE-ID')).toMatchObject({ params: { TZID: zone }, value: '20260330T060000' });
		expect(override!.get('DTSTART')!.value).toBe('20260330T060000');
		expect(override!.get('STATUS')!.value).toBe('CANCELLED');
	});

	it('describes the zone’s daylight-saving changes', () => {
		const block = vtimezone(zone)!;
		expect(block).toContain('TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200');
		expect(block).toMatch(/BEGIN:DAYLIGHT\r\nDTSTART:\d{4}0329T020000|BEGIN:DAYLIGHT\r\nDTSTART:\d{4}03\d\dT020000/);
		expect(vtimezone('UTC')).toContain('TZOFFSETTO:+0000');
	});
});
