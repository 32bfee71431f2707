import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildRrule, describeRrule, expandRrule, occurrenceEnd, parseStoredRule } from './recurrence.ts';

const zone = 'Europe/Paris';
const local = (date: Date) => DateTime.fromJSDate(date, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('recurring series', () => {
	it('keeps a weekly Monday 06:00 series at 06:00 local across the last Sundays of March and October', () => {
		const first = new Date('2026-03-16T05:00:00Z'); // Monday 16 March 06:00 CET
		const rule = buildRrule({ kind: 'weekly', interval: 1, until: '2026-11-02' }, first, zone);
		expect(rule).toBe('DTSTART;TZID=Europe/Paris:20260316T060000\nRRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20261102T225959Z');
		const starts = expandRrule(parseStoredRule(rule, { start: first, timeZone: zone }));
		expect(starts).toHaveLength(34);
		expect(starts.every((start) => local(start).startsWith('Mon') && local(start).endsWith('06:00'))).toBe(true);
		// UTC moves with the clocks: 05:00Z before 29 March, 04:00Z until 25 October, 05:00Z after.
		expect(starts[1]!.toISOString()).toBe('2026-03-23T05:00:00.000Z');
		expect(starts[2]!.toISOString()).toBe('2026-03-30T04:00:00.000Z');
		expect(starts.find((start) => start.toISOString().startsWith('2026-10-19'))!.toISOString()).toBe('2026-10-19T04:00:00.000Z');
		expect(starts.find((start) => start.toISOString().startsWith('2026-10-26'))!.toISOString()).toBe('2026-10-26T05:00:00.000Z');
		expect(starts.at(-1)!.toISOString()).toBe('2026-11-02T05:00:00.000Z');
	});

	it('keeps the wall-clock length of each occurrence', () => {
		const first = { startsAt: new Date('2026-03-23T05:00:00Z'), endsAt: new Date('2026-03-23T13:00:00Z') }; // 06:00–14:00
		const end = occurrenceEnd(first, new Date('2026-03-30T04:00:00Z'), zone);
		expect(local(end)).toBe('Mon 2026-03-30 14:00');
	});

	it('builds every-weekday and every-N-weeks rules', () => {
		const first = new Date('2026-03-16T07:00:00Z');
		const weekdays = buildRrule({ kind: 'weekdays', interval: 1, until: '2026-03-27' }, first, zone);
		expect(expandRrule(parseStoredRule(weekdays, { start: first, timeZone: zone })).map(local)).toEqual([
			'Mon 2026-03-16 08:00', 'Tue 2026-03-17 08:00', 'Wed 2026-03-18 08:00', 'Thu 2026-03-19 08:00', 'Fri 2026-03-20 08:00',
			'Mon 2026-03-23 08:00', 'Tue 2026-03-24 08:00', 'Wed 2026-03-25 08:00', 'Thu 2026-03-26 08:00', 'Fri 2026-03-27 08:00'
		]);
		const fortnightly = buildRrule({ kind: 'weekly', interval: 2, until: '2026-04-30' }, first, zone);
		expect(fortnightly).toContain('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO');
		const stored = parseStoredRule(fortnightly, { start: first, timeZone: zone });
		expect(expandRrule(stored).map(local)).toEqual(['Mon 2026-03-16 08:00', 'Mon 2026-03-30 08:00', 'Mon 2026-04-13 08:00', 'Mon 2026-04-27 08:00']);
		expect(describeRrule(stored, 'fr')).toBe('toutes les 2 semaines jusqu’au 30 avril 2026');
		expect(describeRrule(parseStoredRule(weekdays, { start: first, timeZone: zone }), 'en')).toBe('every weekday until 27 March 2026');
	});

	it('reads a bare rule anchored on the first entry', () => {
		const first = new Date('2026-03-16T05:00:00Z');
		const stored = parseStoredRule('FREQ=WEEKLY;BYDAY=MO;COUNT=3', { start: first, timeZone: zone });
		expect(expandRrule(stored).map(local)).toEqual(['Mon 2026-03-16 06:00', 'Mon 2026-03-23 06:00', 'Mon 2026-03-30 06:00']);
	});
});
