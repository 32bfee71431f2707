import { describe, expect, it } from 'vitest';
import { dayLabel, momentLabel, mondayOf, parseDay, parseMoment } from './dates.ts';

const zone = 'Europe/Paris';
// Wednesday 11 March 2026, 10:00 in Paris (09:00 UTC).
const reference = new Date('2026-03-11T09:00:00Z');
const at = (text: string, options: Partial<Parameters<typeof parseMoment>[1]> = {}) =>
	parseMoment(text, { reference, timeZone: zone, ...options })?.date.toISOString();

describe('parseMoment (French first, in the planning zone)', () => {
	it('reads what people type', () => {
		expect(at('lundi 8h')).toBe('2026-03-16T07:00:00.000Z');
		expect(at('demain 7h30')).toBe('2026-03-12T06:30:00.000Z');
		expect(at('25/12 14h')).toBe('2026-12-25T13:00:00.000Z');
		expect(at('vendredi 14h')).toBe('2026-03-13T13:00:00.000Z');
		expect(at('lundi prochain à 8h')).toBe('2026-03-16T07:00:00.000Z');
		expect(at('2026-03-16 06:00')).toBe('2026-03-16T05:00:00.000Z');
		expect(at('2026-03-16T06:00:00+01:00')).toBe('2026-03-16T05:00:00.000Z');
		expect(at('16/03/2026 8h')).toBe('2026-03-16T07:00:00.000Z');
	});

	it('uses the zone’s summer offset after the March change', () => {
		expect(at('30/03 6h')).toBe('2026-03-30T04:00:00.000Z');
		expect(at('26/10 6h')).toBe('2026-10-26T05:00:00.000Z');
	});

	it('reads English too', () => {
		expect(at('monday 8am')).toBe('2026-03-16T07:00:00.000Z');
		expect(at('tomorrow 5pm')).toBe('2026-03-12T16:00:00.000Z');
	});

	it('reads an end time relative to the start', () => {
		const start = new Date('2026-03-16T07:00:00Z');
		expect(parseMoment('17h', { reference: start, timeZone: zone })?.date.toISOString()).toBe('2026-03-16T16:00:00.000Z');
	});

	it('says whether a time and a date were given, and fills the default hour', () => {
		const day = parseMoment('25/12', { reference, timeZone: zone, defaultTime: { hour: 8, minute: 0 } });
		expect(day).toEqual({ date: new Date('2026-12-25T07:00:00Z'), hasTime: false, hasDate: true });
		expect(parseMoment('lundi 8h', { reference, timeZone: zone })).toMatchObject({ hasTime: true, hasDate: false });
		expect(parseMoment('17h', { reference, timeZone: zone })).toMatchObject({ hasTime: true, hasDate: false });
		expect(parseMoment('demain 9h', { reference, timeZone: zone })).toMatchObject({ hasTime: true, hasDate: true });
	});

	it('refuses text it does not fully understand', () => {
		expect(at('n’importe quoi')).toBeUndefined();
		expect(at('lundi 8h patate')).toBeUndefined();
		expect(at('')).toBeUndefined();
	});

	it('does not depend on the process time zone', () => {
		// The reference is 23:30 UTC, already the next day in Paris.
		const late = new Date('2026-03-11T23:30:00Z');
		expect(parseMoment('demain 8h', { reference: late, timeZone: zone })?.date.toISOString()).toBe('2026-03-13T07:00:00.000Z');
	});
});

describe('days', () => {
	it('parses a day and names it', () => {
		expect(parseDay('30/06', { reference, timeZone: zone })).toBe('2026-06-30');
		expect(parseDay('2026-04-14', { reference, timeZone: zone })).toBe('2026-04-14');
		expect(parseDay('bof', { reference, timeZone: zone })).toBeNull();
		expect(mondayOf('2026-03-11')).toBe('2026-03-09');
		expect(dayLabel('2026-03-16', 'fr')).toBe('lundi 16 mars');
		expect(dayLabel('2026-03-16', 'en')).toBe('Monday 16 March');
		expect(dayLabel('2026-06-01', 'fr', true)).toBe('lundi 1er juin 2026');
		expect(dayLabel('2026-06-01', 'en')).toBe('Monday 1 June');
		expect(momentLabel(new Date('2026-06-01T07:30:00Z'), zone, 'fr')).toBe('lundi 1er juin à 09:30');
		expect(momentLabel(new Date('2026-06-01T07:30:00Z'), zone, 'en', false)).toBe('Monday 1 June');
	});
});
