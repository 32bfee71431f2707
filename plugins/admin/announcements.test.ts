// When scheduled announcements run: the clock time of the server's zone, held across the DST changes.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dueAction, firstRun, nextRun, type Schedule } from './announcements.ts';
import type { Announcement } from './schema.ts';

const zone = 'Europe/Paris';
const paris = (iso: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const local = (date: Date | null) => (date ? DateTime.fromJSDate(date, { zone }).toFormat("cccc yyyy-MM-dd HH:mm 'UTC'ZZ") : null);
const daily: Schedule = { hour: 8, minute: 0, repeat: 'quotidienne' };

/** The runs after `first`, each computed from the one before, as the minute task does. */
function runs(schedule: Schedule, first: Date, count: number): (string | null)[] {
	const shown = [local(first)];
	let previous = first;
	for (let index = 1; index < count; index++) {
		const next = nextRun(schedule, zone, previous, previous)!;
		shown.push(local(next));
		previous = next;
	}
	return shown;
}

describe('next run of an announcement in Europe/Paris', () => {
	it('stays at 08:00 local across the March change (UTC+1 → UTC+2)', () => {
		expect(runs(daily, paris('2026-03-28T08:00'), 3)).toEqual([
			'Saturday 2026-03-28 08:00 UTC+01:00',
			'Sunday 2026-03-29 08:00 UTC+02:00',
			'Monday 2026-03-30 08:00 UTC+02:00'
		]);
	});

	it('stays at 08:00 local across the October change (UTC+2 → UTC+1), weekly too', () => {
		expect(runs(daily, paris('2026-10-24T08:00'), 3)).toEqual([
			'Saturday 2026-10-24 08:00 UTC+02:00',
			'Sunday 2026-10-25 08:00 UTC+01:00',
			'Monday 2026-10-26 08:00 UTC+01:00'
		]);
		expect(runs({ ...daily, repeat: 'hebdomadaire' }, paris('2026-10-19T08:00'), 2)).toEqual(['Monday 2026-10-19 08:00 UTC+02:00', 'Monday 2026-10-26 08:00 UTC+01:00']);
	});

	it('a time the spring change skips runs an hour later that day only, then at its time again', () => {
		expect(runs({ hour: 2, minute: 30, repeat: 'quotidienne' }, paris('2026-03-28T02:30'), 3)).toEqual([
			'Saturday 2026-03-28 02:30 UTC+01:00',
			'Sunday 2026-03-29 03:30 UTC+02:00',
			'Monday 2026-03-30 02:30 UTC+02:00'
		]);
	});

	it('a time the autumn change repeats runs once that day', () => {
		const shown = runs({ hour: 2, minute: 30, repeat: 'quotidienne' }, paris('2026-10-24T02:30'), 3);
		expect(shown.filter((run) => run?.includes('2026-10-25'))).toHaveLength(1);
		expect(shown[2]).toBe('Monday 2026-10-26 02:30 UTC+01:00');
	});

	it('working days skip the weekend; a one-off has no next run', () => {
		expect(runs({ ...daily, repeat: 'jours_ouvres' }, paris('2026-03-27T08:00'), 2)).toEqual(['Friday 2026-03-27 08:00 UTC+01:00', 'Monday 2026-03-30 08:00 UTC+02:00']);
		expect(nextRun({ ...daily, repeat: 'aucune' }, zone, paris('2026-03-27T08:00'), paris('2026-03-27T08:00'))).toBeNull();
	});

	it('the first run is today’s time, or tomorrow’s once passed, or on the day typed', () => {
		expect(local(firstRun(daily, zone, paris('2026-03-28T07:59')))).toBe('Saturday 2026-03-28 08:00 UTC+01:00');
		expect(local(firstRun(daily, zone, paris('2026-03-28T08:00')))).toBe('Sunday 2026-03-29 08:00 UTC+02:00');
		expect(local(firstRun({ ...daily, repeat: 'jours_ouvres' }, zone, paris('2026-03-28T07:00')))).toBe('Monday 2026-03-30 08:00 UTC+02:00');
		expect(local(firstRun(daily, zone, paris('2026-03-28T07:00'), '2026-10-25'))).toBe('Sunday 2026-10-25 08:00 UTC+01:00');
		expect(firstRun(daily, zone, paris('2026-03-28T09:00'), '2026-03-28')).toBeNull();
	});

	it('a run missed by less than an hour is sent; later, it is skipped to the next one after now', () => {
		const row = { ...daily, nextRunAt: paris('2026-03-28T08:00') } as Announcement;
		expect(dueAction(row, zone, paris('2026-03-28T08:59'))).toEqual({ send: true, next: paris('2026-03-29T08:00') });
		expect(dueAction(row, zone, paris('2026-03-30T09:01'))).toEqual({ send: false, next: paris('2026-03-31T08:00') });
	});
});
