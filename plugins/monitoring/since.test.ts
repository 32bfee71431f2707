import { describe, expect, it } from 'vitest';
import { daysToRollUp, parseSince, startOfDay } from './since.ts';

const paris = 'Europe/Paris';
const montreal = 'America/Montreal';
// Wednesday 25 November 2026, 00:30 in Paris; still Tuesday 24, 18:30, in Montreal.
const now = new Date('2026-11-24T23:30:00Z');
const iso = (value: string, timeZone: string) => parseSince(value, timeZone, now)?.toISOString() ?? null;

describe('parseSince: the start of a day in the bot’s time zone, whatever the process’s', () => {
	it('reads dates and relative words on the Paris calendar just after midnight', () => {
		expect(iso('lundi', paris)).toBe('2026-11-22T23:00:00.000Z');
		expect(iso('25/11', paris)).toBe('2026-11-24T23:00:00.000Z');
		expect(iso('2026-11-01', paris)).toBe('2026-10-31T23:00:00.000Z');
		expect(iso('hier', paris)).toBe('2026-11-23T23:00:00.000Z');
		expect(iso('mercredi', paris)).toBe('2026-11-24T23:00:00.000Z');
		expect(iso('yesterday', paris)).toBe('2026-11-23T23:00:00.000Z');
	});

	it('reads the same words on the Montreal calendar, across its daylight-saving change', () => {
		expect(iso('lundi', montreal)).toBe('2026-11-23T05:00:00.000Z');
		expect(iso('hier', montreal)).toBe('2026-11-23T05:00:00.000Z');
		// 1 November 2026 starts in summer time (UTC−4); the clocks go back at 02:00 that day.
		expect(iso('2026-11-01', montreal)).toBe('2026-11-01T04:00:00.000Z');
		// 25 November has not begun in Montreal: the last one was in 2025.
		expect(iso('25/11', montreal)).toBe('2025-11-25T05:00:00.000Z');
	});

	it('always points to the past when the year or the week is implied', () => {
		expect(iso('26/11', paris)).toBe('2025-11-25T23:00:00.000Z');
		expect(iso('jeudi', paris)).toBe('2026-11-18T23:00:00.000Z');
		expect(iso('jeudi', montreal)).toBe('2026-11-19T05:00:00.000Z');
		expect(iso('1/12', paris)).toBe('2025-11-30T23:00:00.000Z');
		expect(iso('25/11/2025', paris)).toBe('2025-11-24T23:00:00.000Z');
	});

	it('answers null for what it does not understand', () => {
		expect(iso('la semaine des quatre jeudis', paris)).toBeNull();
		expect(iso('n’importe quoi', montreal)).toBeNull();
		expect(iso('2026-13-45', paris)).toBeNull();
		expect(iso('', paris)).toBeNull();
	});
});

describe('startOfDay', () => {
	it('reads YYYY-MM-DD as midnight in the zone, not UTC midnight', () => {
		expect(startOfDay('2026-11-25', paris)?.toISOString()).toBe('2026-11-24T23:00:00.000Z');
		expect(startOfDay('2026-07-14', paris)?.toISOString()).toBe('2026-07-13T22:00:00.000Z');
		expect(startOfDay('2026-11-25', montreal)?.toISOString()).toBe('2026-11-25T05:00:00.000Z');
		expect(startOfDay('not a date', paris)).toBeNull();
	});
});

describe('daysToRollUp', () => {
	it('recomputes yesterday too during the first three hours of the day', () => {
		expect(daysToRollUp(new Date('2026-11-24T23:05:00Z'), paris)).toEqual(['2026-11-24', '2026-11-25']);
		// The 00:00 run was skipped: the 00:30 or 02:50 run still counts 23:50–23:59.
		expect(daysToRollUp(now, paris)).toEqual(['2026-11-24', '2026-11-25']);
		expect(daysToRollUp(new Date('2026-11-25T01:50:00Z'), paris)).toEqual(['2026-11-24', '2026-11-25']);
	});

	it('recomputes only today afterwards', () => {
		expect(daysToRollUp(new Date('2026-11-25T02:00:00Z'), paris)).toEqual(['2026-11-25']);
		expect(daysToRollUp(new Date('2026-11-25T12:00:00Z'), paris)).toEqual(['2026-11-25']);
	});

	it('uses the zone’s calendar, not UTC’s', () => {
		// 23:30 UTC is already tomorrow in Paris, still this evening in Montreal.
		expect(daysToRollUp(now, montreal)).toEqual(['2026-11-24']);
		expect(daysToRollUp(new Date('2026-11-25T06:30:00Z'), montreal)).toEqual(['2026-11-24', '2026-11-25']);
	});
});
