import { DateTime } from 'luxon';
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

/**
 * Every form /planifier read before its day part moved to core/days.ts, with what it meant on
 * Wednesday 11 March 2026 at 10:00 in Paris (a start: 08:00 when no hour is typed):
 * [typed, wall clock in Paris, hasTime, hasDate].
 */
const formsRead: [string, string, boolean, boolean][] = [
	['lundi 8h', '2026-03-16 08:00', true, false],
	['LUNDI 8H', '2026-03-16 08:00', true, false],
	['lundi, 8h', '2026-03-16 08:00', true, false],
	['8h lundi', '2026-03-16 08:00', true, false],
	['lundi 17h', '2026-03-16 17:00', true, false],
	['lundi prochain à 8h', '2026-03-16 08:00', true, false],
	['lundi 8h-12h', '2026-03-16 08:00', true, false],
	['vendredi 14h', '2026-03-13 14:00', true, false],
	['vendredi à 16h', '2026-03-13 16:00', true, false],
	['samedi 0h', '2026-03-14 00:00', true, false],
	['dimanche 23h59', '2026-03-15 23:59', true, false],
	['monday 8am', '2026-03-16 08:00', true, false],
	['monday at 5pm', '2026-03-16 17:00', true, false],
	['friday 4pm', '2026-03-13 16:00', true, false],
	['demain 7h30', '2026-03-12 07:30', true, true],
	['demain 8h30', '2026-03-12 08:30', true, true],
	['demain à 8h', '2026-03-12 08:00', true, true],
	['demain, 8h', '2026-03-12 08:00', true, true],
	['demain 14:30', '2026-03-12 14:30', true, true],
	['tomorrow 5pm', '2026-03-12 17:00', true, true],
	['today 3pm', '2026-03-11 15:00', true, true],
	['25/12 14h', '2026-12-25 14:00', true, true],
	['16/03/2026 8h', '2026-03-16 08:00', true, true],
	['16/03 à 8h', '2026-03-16 08:00', true, true],
	['le 16/03 à 8h', '2026-03-16 08:00', true, true],
	['1/4 9h', '2026-04-01 09:00', true, true],
	['30/03 6h', '2026-03-30 06:00', true, true],
	['26/10 6h', '2026-10-26 06:00', true, true],
	['3 mars 14h', '2027-03-03 14:00', true, true],
	['le 3 mars à 9h', '2027-03-03 09:00', true, true],
	['16 mars à 8h', '2026-03-16 08:00', true, true],
	['lundi 16 mars 8h', '2026-03-16 08:00', true, true],
	['le 1er avril 10h', '2026-04-01 10:00', true, true],
	['2026-03-16 06:00', '2026-03-16 06:00', true, true],
	['2026-03-16 6h', '2026-03-16 06:00', true, true],
	['2026-03-16T06:00', '2026-03-16 06:00', true, true],
	['2026-03-16T06:00:00+01:00', '2026-03-16 06:00', true, true],
	['2026-03-16T05:00:00Z', '2026-03-16 06:00', true, true],
	['17h', '2026-03-11 17:00', true, false],
	['13h45', '2026-03-11 13:45', true, false],
	['20h30', '2026-03-11 20:30', true, false],
	['14:00', '2026-03-11 14:00', true, false],
	['à 14h30', '2026-03-11 14:30', true, false],
	['8pm', '2026-03-11 20:00', true, false],
	['5 pm', '2026-03-11 17:00', true, false],
	['at 5pm', '2026-03-11 17:00', true, false],
	// A bare hour already past today is the next one.
	['à 8h', '2026-03-12 08:00', true, false],
	['8H', '2026-03-12 08:00', true, false],
	['8h00', '2026-03-12 08:00', true, false],
	['08h00', '2026-03-12 08:00', true, false],
	['8:30', '2026-03-12 08:30', true, false],
	['at 8:30am', '2026-03-12 08:30', true, false],
	['maintenant', '2026-03-11 10:00', true, true],
	['now', '2026-03-11 10:00', true, true],
	['dans 2 heures', '2026-03-11 12:00', true, true],
	['in 2 hours', '2026-03-11 12:00', true, true],
	['2 hours', '2026-03-11 12:00', true, true],
	['lundi', '2026-03-16 08:00', false, false],
	['Lundi', '2026-03-16 08:00', false, false],
	['ce lundi', '2026-03-16 08:00', false, false],
	['du lundi', '2026-03-16 08:00', false, false],
	['on monday', '2026-03-16 08:00', false, false],
	['mercredi', '2026-03-11 08:00', false, false],
	['samedi', '2026-03-14 08:00', false, false],
	['dimanche', '2026-03-15 08:00', false, false],
	['sunday', '2026-03-15 08:00', false, false],
	['jeudi prochain', '2026-03-19 08:00', false, false],
	['mercredi prochain', '2026-03-18 08:00', false, false],
	['next monday', '2026-03-16 08:00', false, false],
	['ce soir', '2026-03-11 08:00', false, false],
	['cet après-midi', '2026-03-11 08:00', false, false],
	['demain', '2026-03-12 08:00', false, true],
	['demain matin', '2026-03-12 08:00', false, true],
	['demain soir', '2026-03-12 08:00', false, true],
	["aujourd'hui", '2026-03-11 08:00', false, true],
	['today', '2026-03-11 08:00', false, true],
	['tonight', '2026-03-11 08:00', false, true],
	['hier', '2026-03-10 08:00', false, true],
	['yesterday', '2026-03-10 08:00', false, true],
	['dans 2 jours', '2026-03-13 08:00', false, true],
	['dans 3 jours', '2026-03-14 08:00', false, true],
	['in 3 days', '2026-03-14 08:00', false, true],
	['3 days', '2026-03-14 08:00', false, true],
	['la semaine prochaine', '2026-03-18 08:00', false, true],
	['25/12', '2026-12-25 08:00', false, true],
	['le 25/12', '2026-12-25 08:00', false, true],
	['11/03', '2026-03-11 08:00', false, true],
	['10/03', '2027-03-10 08:00', false, true],
	['12/3', '2026-03-12 08:00', false, true],
	['29/03', '2026-03-29 08:00', false, true],
	['25/12/27', '2027-12-25 08:00', false, true],
	['25/12/2027', '2027-12-25 08:00', false, true],
	['le 3 mars', '2027-03-03 08:00', false, true],
	['3 mars 2026', '2026-03-03 08:00', false, true],
	['1er avril', '2026-04-01 08:00', false, true],
	['jeudi 12 mars', '2026-03-12 08:00', false, true],
	['le lundi 16 mars', '2026-03-16 08:00', false, true],
	['march 3rd', '2027-03-03 08:00', false, true],
	['2026-03-16', '2026-03-16 08:00', false, true],
	['2026/03/16', '2026-03-16 08:00', false, true]
];

/** Typed forms /planifier refused. */
const formsRefused = ['', '   ', 'n’importe quoi', 'lundi 8h patate', 'la semaine des quatre jeudis', 'jamais', 'bof', '31/02', '2026-02-30', 'demain 25h', 'demain 8h70'];

describe('the forms /planifier reads', () => {
	const wall = (typed: string) => {
		const moment = parseMoment(typed, { reference, timeZone: zone, defaultTime: { hour: 8, minute: 0 } });
		return moment && [DateTime.fromJSDate(moment.date, { zone }).toFormat('yyyy-MM-dd HH:mm'), moment.hasTime, moment.hasDate];
	};

	it.each(formsRead)('reads « %s » as %s', (typed, expected, hasTime, hasDate) => {
		expect(wall(typed)).toEqual([expected, hasTime, hasDate]);
	});

	it.each(formsRefused)('refuses « %s »', (typed) => {
		expect(wall(typed)).toBeNull();
	});

	it('reads today’s weekday or date as next week or next year once its hour (noon when none) has passed', () => {
		expect(wall('mercredi 8h')).toEqual(['2026-03-18 08:00', true, false]);
		expect(wall('11/03 8h')).toEqual(['2027-03-11 08:00', true, true]);
		expect(wall('11 mars 8h')).toEqual(['2027-03-11 08:00', true, true]);
		const afternoon = (typed: string) => DateTime.fromJSDate(parseMoment(typed, { reference: new Date('2026-03-11T12:00:00Z'), timeZone: zone })!.date, { zone }).toISODate();
		expect(afternoon('mercredi')).toBe('2026-03-18');
		expect(afternoon('11/03')).toBe('2027-03-11');
		expect(afternoon('11 mars')).toBe('2027-03-11');
	});

	it('reads a spaced hour as a duration: « 12 h » is in twelve hours', () => {
		expect(wall('12 h')).toEqual(['2026-03-11 22:00', true, true]);
		expect(wall('8 h')).toEqual(['2026-03-11 18:00', true, true]);
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
