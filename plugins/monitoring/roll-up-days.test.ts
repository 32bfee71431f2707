// Which days a roll-up of the message log recomputes, in the bot’s time zone.
import { describe, expect, it } from 'vitest';
import { daysToRollUp } from './roll-up-days.ts';

const paris = 'Europe/Paris';
const montreal = 'America/Montreal';
// Wednesday 25 November 2026, 00:30 in Paris; still Tuesday 24, 18:30, in Montreal.
const now = new Date('2026-11-24T23:30:00Z');

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
