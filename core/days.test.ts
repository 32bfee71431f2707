import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, extractTrailingDueDate, parseDay, parseDayTime, startOfDay, todayIn } from './days.ts';

const paris = 'Europe/Paris';
/** Wednesday 25 November 2026, 10:00 in Paris. */
const wednesday = new Date('2026-11-25T09:00:00Z');
/** Thursday 26 November 2026, 00:30 in Paris, still Wednesday in UTC and New York. */
const afterMidnightInParis = new Date('2026-11-25T23:30:00Z');

const due = (text: string, now = wednesday, zone = paris) => parseDay(text, zone, now);

describe('parseDay', () => {
	it.each([
		['demain', '2026-11-26'],
		['Demain', '2026-11-26'],
		["aujourd'hui", '2026-11-25'],
		['lundi', '2026-11-30'],
		['vendredi 14h', '2026-11-27'],
		['dans 3 jours', '2026-11-28'],
		['pour demain', '2026-11-26'],
		['le 3 mars', '2027-03-03'],
		['25/12', '2026-12-25'],
		['25.12', '2026-12-25'],
		['3/1', '2027-01-03'],
		['25/12/2027', '2027-12-25'],
		['25/12/27', '2027-12-25'],
		['2026-12-25', '2026-12-25'],
		['tomorrow', '2026-11-26'],
		['friday', '2026-11-27'],
		// The day in 2 days, at 23:00 (chrono read 2 days and 23 hours: Saturday).
		['dans 2 jours 23h', '2026-11-27'],
		['dans 3 jours 14h', '2026-11-28'],
		['dans 3 jours à 14h', '2026-11-28']
	])('reads %s as %s', (text, expected) => {
		expect(due(text)).toEqual({ ok: true, date: expected });
	});

	it('keeps a past day of this year as typed when a year is given, and as next year when not', () => {
		expect(due('01/03/2026')).toEqual({ ok: true, date: '2026-03-01' });
		expect(due('01/03')).toEqual({ ok: true, date: '2027-03-01' });
		expect(due('25/11')).toEqual({ ok: true, date: '2026-11-25' });
	});

	it('reads a day without its year as the nearest one when asked: a chantier may have started last week', () => {
		const nearest = (text: string, now = wednesday) => parseDay(text, paris, now, 'nearest');
		expect(nearest('24/11')).toEqual({ ok: true, date: '2026-11-24' });
		expect(nearest('01/03')).toEqual({ ok: true, date: '2027-03-01' });
		expect(nearest('01/08')).toEqual({ ok: true, date: '2026-08-01' });
		expect(nearest('15/12', new Date('2027-01-05T09:00:00Z'))).toEqual({ ok: true, date: '2026-12-15' });
		expect(nearest('lundi')).toEqual({ ok: true, date: '2026-11-23' });
		expect(nearest('demain')).toEqual({ ok: true, date: '2026-11-26' });
		expect(nearest('hier')).toEqual({ ok: true, date: '2026-11-24' });
		expect(nearest('31/02')).toEqual({ ok: false, reason: 'invalid' });
	});

	it('refuses impossible days and text that is not a date', () => {
		expect(due('31/02/2027')).toEqual({ ok: false, reason: 'invalid' });
		expect(due('2026-13-01')).toEqual({ ok: false, reason: 'invalid' });
		expect(due('bientôt')).toEqual({ ok: false, reason: 'unrecognised' });
		expect(due('demain et la clôture')).toEqual({ ok: false, reason: 'unrecognised' });
		expect(due('   ')).toEqual({ ok: false, reason: 'unrecognised' });
	});

	it('counts days in the configured time zone, not the process one', () => {
		expect(due('demain', afterMidnightInParis)).toEqual({ ok: true, date: '2026-11-27' });
		expect(due("aujourd'hui", afterMidnightInParis)).toEqual({ ok: true, date: '2026-11-26' });
		expect(due('demain', afterMidnightInParis, 'America/New_York')).toEqual({ ok: true, date: '2026-11-26' });
		expect(todayIn(paris, afterMidnightInParis)).toBe('2026-11-26');
		expect(todayIn('UTC', afterMidnightInParis)).toBe('2026-11-25');
	});

	it('counts today’s weekday or date as today, at any hour: `mercredi` typed on a Wednesday afternoon', () => {
		const afternoon = new Date('2026-11-25T15:00:00Z');
		expect(due('mercredi', afternoon)).toEqual({ ok: true, date: '2026-11-25' });
		expect(due('25 novembre', afternoon)).toEqual({ ok: true, date: '2026-11-25' });
		expect(due('25/11', afternoon)).toEqual({ ok: true, date: '2026-11-25' });
		expect(due('mercredi prochain', afternoon)).toEqual({ ok: true, date: '2026-12-02' });
	});

	it('reads a month in words as its number: the same year for `15 décembre` as for `15/12`', () => {
		const january = new Date('2027-01-05T09:00:00Z');
		expect(parseDay('15 décembre', paris, january, 'nearest')).toEqual({ ok: true, date: '2026-12-15' });
		expect(parseDay('15/12', paris, january, 'nearest')).toEqual({ ok: true, date: '2026-12-15' });
		expect(parseDay('15 décembre', paris, january)).toEqual({ ok: true, date: '2027-12-15' });
	});

	it('reads « après-demain » and « avant-hier » as two days away, and a typographic apostrophe as a straight one', () => {
		expect(due('après-demain')).toEqual({ ok: true, date: '2026-11-27' });
		expect(due('Apres demain')).toEqual({ ok: true, date: '2026-11-27' });
		expect(due('pour après-demain')).toEqual({ ok: true, date: '2026-11-27' });
		expect(due('avant-hier')).toEqual({ ok: true, date: '2026-11-23' });
		expect(due('avant hier')).toEqual({ ok: true, date: '2026-11-23' });
		expect(due('avant demain')).toEqual({ ok: true, date: '2026-11-26' });
		expect(due('après-demain', afterMidnightInParis)).toEqual({ ok: true, date: '2026-11-28' });
		expect(due('aujourd’hui')).toEqual({ ok: true, date: '2026-11-25' });
		expect(due('d’ici après-demain')).toEqual({ ok: true, date: '2026-11-27' });
	});

	it('reads « last night » as the night before today, at any hour (chrono read today before 06:00)', () => {
		const early = new Date('2026-11-25T04:30:00Z');
		expect(due('last night', early)).toEqual({ ok: true, date: '2026-11-24' });
		expect(due('last night')).toEqual({ ok: true, date: '2026-11-24' });
	});

	// Forward read the next one, and « passé » was refused in every reading.
	it.each([
		['lundi dernier', '2026-11-23'],
		['mercredi dernier', '2026-11-18'],
		['jeudi dernier', '2026-11-19'],
		['lundi passé', '2026-11-23'],
		['Vendredi passe', '2026-11-20'],
		['pour lundi dernier', '2026-11-23'],
		['last monday', '2026-11-23'],
		['last wednesday', '2026-11-18'],
		['past friday', '2026-11-20'],
		['last weekend', '2026-11-22']
	])('reads « %s », which points back, as %s in every reading, forward too', (typed, expected) => {
		for (const reading of ['forward', 'nearest', 'backward'] as const) expect(parseDay(typed, paris, wednesday, reading)).toEqual({ ok: true, date: expected });
	});

	it('reads the forms planning read: `la semaine prochaine`, `du lundi`, an hour after the day', () => {
		expect(due('la semaine prochaine')).toEqual({ ok: true, date: '2026-12-02' });
		expect(due('du lundi')).toEqual({ ok: true, date: '2026-11-30' });
		expect(due('25/12 14h')).toEqual({ ok: true, date: '2026-12-25' });
		expect(due('2026-12-25T08:00:00Z')).toEqual({ ok: true, date: '2026-12-25' });
	});
});

/**
 * Every form /planifier read with its own parser (plugins/planning/dates.ts) before it moved here, with
 * what it meant then and means now on Wednesday 11 March 2026 at 10:00 in Paris (08:00 when no hour is
 * typed, as for a planning start): [typed, wall clock in Paris, hasTime, hasDate].
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

describe('parseDayTime', () => {
	// Wednesday 11 March 2026, 10:00 in Paris (09:00 UTC), before the spring DST change of 29 March.
	const reference = new Date('2026-03-11T09:00:00Z');
	const read = (typed: string, now = reference) => parseDayTime(typed, paris, now, { hour: 8, minute: 0 });
	const wall = (typed: string, now = reference) => {
		const moment = read(typed, now);
		return moment.ok ? [DateTime.fromJSDate(moment.at, { zone: paris }).toFormat('yyyy-MM-dd HH:mm'), moment.hasTime, moment.hasDate] : moment.reason;
	};
	const utc = (typed: string, now = reference) => {
		const moment = read(typed, now);
		return moment.ok ? moment.at.toISOString() : moment.reason;
	};

	it.each(formsRead)('reads « %s » as %s, as planning did', (typed, expected, hasTime, hasDate) => {
		expect(wall(typed)).toEqual([expected, hasTime, hasDate]);
	});

	it.each([
		['', 'unrecognised'],
		['   ', 'unrecognised'],
		['n’importe quoi', 'unrecognised'],
		['lundi 8h patate', 'unrecognised'],
		['la semaine des quatre jeudis', 'unrecognised'],
		['jamais', 'unrecognised'],
		['demain 25h', 'unrecognised'],
		// Read forward, chrono's English took these for « in 25 hours ».
		['25h', 'unrecognised'],
		['24h', 'unrecognised'],
		['36h30', 'unrecognised'],
		['demain 8h70', 'unrecognised'],
		['25/12 demain', 'unrecognised'],
		['31/02', 'invalid'],
		['31/02 8h', 'invalid'],
		['2026-02-30', 'invalid']
	])('refuses « %s » (%s)', (typed, reason) => {
		expect(read(typed)).toEqual({ ok: false, reason });
	});

	it('reads today’s weekday or date as today whatever the hour, as parseDay does (planning jumped a week or a year)', () => {
		expect(wall('mercredi 8h')).toEqual(['2026-03-11 08:00', true, false]);
		expect(wall('11/03 8h')).toEqual(['2026-03-11 08:00', true, true]);
		expect(wall('11 mars 8h')).toEqual(['2026-03-11 08:00', true, true]);
		const afternoon = new Date('2026-03-11T12:00:00Z');
		expect(wall('mercredi', afternoon)).toEqual(['2026-03-11 08:00', false, false]);
		expect(wall('11/03', afternoon)).toEqual(['2026-03-11 08:00', false, true]);
		expect(wall('11 mars', afternoon)).toEqual(['2026-03-11 08:00', false, true]);
	});

	it('reads a weekday that points back as the last one, named from today as « hier » is (planning read the next one)', () => {
		expect(wall('lundi dernier')).toEqual(['2026-03-09 08:00', false, true]);
		expect(wall('lundi dernier 8h')).toEqual(['2026-03-09 08:00', true, true]);
		expect(wall('mercredi dernier 14h')).toEqual(['2026-03-04 14:00', true, true]);
		expect(wall('vendredi passé à 16h')).toEqual(['2026-03-06 16:00', true, true]);
		expect(wall('last monday 8am')).toEqual(['2026-03-09 08:00', true, true]);
	});

	// chrono added an hour typed after a count to the count (« dans 2 jours 8h »: 2 days and 8 hours); « à 14h » and « 8h30 » it read so.
	it.each([
		['dans 2 jours 8h', '2026-03-13 08:00'],
		['dans 2 jours 8 h', '2026-03-13 08:00'],
		['dans 2 jours, 8h', '2026-03-13 08:00'],
		['dans deux jours 8h30', '2026-03-13 08:30'],
		['dans 3 jours 14h', '2026-03-14 14:00'],
		['dans 3 jours à 14h', '2026-03-14 14:00'],
		['dans une semaine 9h', '2026-03-18 09:00'],
		['dans 2 semaines 10h', '2026-03-25 10:00'],
		['il y a 2 jours 8h', '2026-03-09 08:00']
	])('reads « %s » as that day at that hour, %s', (typed, expected) => {
		expect(wall(typed)).toEqual([expected, true, true]);
	});

	it('reads hours written out after a count of days as part of the count', () => {
		expect(wall('dans 2 jours 8 heures')).toEqual(['2026-03-13 18:00', true, true]);
		expect(wall('in 2 days 8 hours')).toEqual(['2026-03-13 18:00', true, true]);
	});

	it('reads a spaced hour as an hour of the day (planning read « 12 h » as in twelve hours)', () => {
		expect(wall('12 h')).toEqual(['2026-03-11 12:00', true, false]);
		expect(wall('8 h')).toEqual(['2026-03-12 08:00', true, false]);
		expect(wall('12 h 30')).toEqual(['2026-03-11 12:30', true, false]);
		expect(wall('lundi 8 h')).toEqual(['2026-03-16 08:00', true, false]);
	});

	it('reads the day forms parseDay read and planning did not, with an hour after them', () => {
		expect(wall('25.12 14h')).toEqual(['2026-12-25 14:00', true, true]);
		expect(wall('25/12 à 14h30')).toEqual(['2026-12-25 14:30', true, true]);
		expect(wall('le 25/12 à 14h')).toEqual(['2026-12-25 14:00', true, true]);
		expect(wall('pour demain')).toEqual(['2026-03-12 08:00', false, true]);
		expect(wall("d'ici lundi 8h")).toEqual(['2026-03-16 08:00', true, false]);
		expect(wall('après-demain 7h30')).toEqual(['2026-03-13 07:30', true, true]);
		expect(wall('après-demain')).toEqual(['2026-03-13 08:00', false, true]);
	});

	it('places the hour in the zone’s offset of that day, across both DST changes', () => {
		expect(utc('28/03 6h')).toBe('2026-03-28T05:00:00.000Z');
		expect(utc('30/03 6h')).toBe('2026-03-30T04:00:00.000Z');
		// 02:30 does not exist on 29 March: the clock goes from 02:00 to 03:00.
		expect(utc('29/03 2h30')).toBe('2026-03-29T01:30:00.000Z');
		expect(utc('29/03 3h')).toBe('2026-03-29T01:00:00.000Z');
		// 02:30 comes twice on 25 October: the second, in winter time.
		expect(utc('25/10 2h30')).toBe('2026-10-25T01:30:00.000Z');
		expect(utc('26/10 6h')).toBe('2026-10-26T05:00:00.000Z');
		expect(utc('29/03')).toBe('2026-03-29T06:00:00.000Z');
		expect(startOfDay('2026-03-29', paris)).toEqual(new Date('2026-03-28T23:00:00Z'));
		expect(startOfDay('2026-03-30', paris)).toEqual(new Date('2026-03-29T22:00:00Z'));
	});

	it('counts from the day in the zone, not in the process or UTC', () => {
		// 23:30 UTC is already Thursday in Paris.
		const late = new Date('2026-03-11T23:30:00Z');
		expect(utc('demain 8h', late)).toBe('2026-03-13T07:00:00.000Z');
		expect(utc('jeudi 8h', late)).toBe('2026-03-12T07:00:00.000Z');
		expect(parseDayTime('demain 8h', 'America/New_York', late)).toEqual({ ok: true, at: new Date('2026-03-12T12:00:00Z'), hasTime: true, hasDate: true, hasDay: true });
	});

	it('reads a bare hour or a weekday from the instant given: an end from its start’s day', () => {
		const startDay = startOfDay('2026-03-16', paris);
		expect(utc('17h', startDay)).toBe('2026-03-16T16:00:00.000Z');
		expect(utc('8h', startDay)).toBe('2026-03-16T07:00:00.000Z');
		expect(utc('lundi 18h', startDay)).toBe('2026-03-16T17:00:00.000Z');
		expect(utc('vendredi 16h', startDay)).toBe('2026-03-20T15:00:00.000Z');
	});

	it('tells a bare hour from an hour with a day, a weekday included', () => {
		const hasDay = (typed: string) => {
			const moment = parseDayTime(typed, paris, reference);
			return moment.ok && moment.hasDay;
		};
		expect(['17h', '7h30', '5pm'].map(hasDay)).toEqual([false, false, false]);
		expect(['lundi 8h', 'monday 8am', 'demain 7h30', '25/12 14h', 'lundi'].map(hasDay)).toEqual([true, true, true, true, true]);
	});

	it('puts a day without an hour at midnight unless told', () => {
		expect(parseDayTime('25/12', paris, reference)).toEqual({ ok: true, at: new Date('2026-12-24T23:00:00Z'), hasTime: false, hasDate: true, hasDay: true });
	});
});

/**
 * Every form `/recherche depuis:` read with its own parser (plugins/monitoring/since.ts) before it moved
 * here, with the day it meant then and means now, read backward on Wednesday 11 March 2026 at 10:00 in
 * Paris: [typed, day]. Where the two differ, a comment says what since.ts read.
 */
const sinceForms: [string, string][] = [
	['2026-11-01', '2026-11-01'],
	['2026-03-01', '2026-03-01'],
	['2025-12-25', '2025-12-25'],
	['2026-03-11', '2026-03-11'],
	['2026-03-12', '2026-03-12'],
	['2027-01-01', '2027-01-01'],
	['2024-02-29', '2024-02-29'],
	['2026-3-1', '2026-03-01'],
	['2026/03/01', '2026-03-01'],
	['2026-03-01T08:00', '2026-03-01'],
	['2026-03-01T08:00:00Z', '2026-03-01'],
	['25/11', '2025-11-25'],
	['1/3', '2026-03-01'],
	['01/03', '2026-03-01'],
	['10/03', '2026-03-10'],
	['11/03', '2026-03-11'],
	['12/03', '2025-03-12'],
	['12/3', '2025-03-12'],
	['25/12', '2025-12-25'],
	['31/12', '2025-12-31'],
	['1/1', '2026-01-01'],
	['25/12/2025', '2025-12-25'],
	['25/12/25', '2025-12-25'],
	['01/03/2026', '2026-03-01'],
	['01/03/26', '2026-03-01'],
	['1/3/2026', '2026-03-01'],
	['29/02/2024', '2024-02-29'],
	['hier', '2026-03-10'],
	['Hier', '2026-03-10'],
	['HIER', '2026-03-10'],
	// Two days away (since.ts read « hier » and « demain »).
	['avant-hier', '2026-03-09'],
	['avant hier', '2026-03-09'],
	['après-demain', '2026-03-13'],
	["aujourd'hui", '2026-03-11'],
	['ce matin', '2026-03-11'],
	['ce soir', '2026-03-11'],
	['hier soir', '2026-03-10'],
	['hier matin', '2026-03-10'],
	// A day to come is kept as typed.
	['demain', '2026-03-12'],
	['lundi', '2026-03-09'],
	['mardi', '2026-03-10'],
	['mercredi', '2026-03-11'],
	['jeudi', '2026-03-05'],
	['vendredi', '2026-03-06'],
	['samedi', '2026-03-07'],
	['dimanche', '2026-03-08'],
	['Lundi', '2026-03-09'],
	['lundi dernier', '2026-03-09'],
	['mercredi dernier', '2026-03-04'],
	['jeudi dernier', '2026-03-05'],
	['dimanche dernier', '2026-03-08'],
	// A weekday after today is last week's, even « prochain ».
	['lundi prochain', '2026-03-09'],
	['ce lundi', '2026-03-09'],
	['le lundi', '2026-03-09'],
	['du lundi', '2026-03-09'],
	['la semaine dernière', '2026-03-04'],
	['la semaine derniere', '2026-03-04'],
	['la semaine passée', '2026-03-04'],
	['le mois dernier', '2026-02-11'],
	["l'année dernière", '2025-03-11'],
	['il y a 3 jours', '2026-03-08'],
	['il y a trois jours', '2026-03-08'],
	['il y a une semaine', '2026-03-04'],
	['il y a 2 semaines', '2026-02-25'],
	['il y a un mois', '2026-02-11'],
	['dans 3 jours', '2026-03-14'],
	['1er mars', '2026-03-01'],
	['le 1er mars', '2026-03-01'],
	['3 mars', '2026-03-03'],
	['le 3 mars', '2026-03-03'],
	['12 mars', '2025-03-12'],
	['25 décembre', '2025-12-25'],
	['le 25 décembre', '2025-12-25'],
	['25 décembre 2025', '2025-12-25'],
	['1er janvier', '2026-01-01'],
	['jeudi 12 mars', '2025-03-12'],
	['lundi 9 mars', '2026-03-09'],
	['mercredi 11 mars', '2026-03-11'],
	['lundi 8h', '2026-03-09'],
	['hier 18h', '2026-03-10'],
	['hier à 18h', '2026-03-10'],
	['25/12 14h', '2025-12-25'],
	['17h', '2026-03-11'],
	['8h', '2026-03-11'],
	['maintenant', '2026-03-11'],
	['yesterday', '2026-03-10'],
	['Yesterday', '2026-03-10'],
	['today', '2026-03-11'],
	['tomorrow', '2026-03-12'],
	['monday', '2026-03-09'],
	['Monday', '2026-03-09'],
	['wednesday', '2026-03-11'],
	['thursday', '2026-03-05'],
	['sunday', '2026-03-08'],
	['last monday', '2026-03-09'],
	['last thursday', '2026-03-05'],
	['last week', '2026-03-04'],
	['last month', '2026-02-11'],
	['last year', '2025-03-11'],
	['this week', '2026-03-08'],
	['3 days ago', '2026-03-08'],
	['a week ago', '2026-03-04'],
	['2 weeks ago', '2026-02-25'],
	['a month ago', '2026-02-11'],
	['march 1', '2026-03-01'],
	['march 1st', '2026-03-01'],
	['1 march', '2026-03-01'],
	['december 25', '2025-12-25'],
	['dec 25 2025', '2025-12-25'],
	['December 25, 2025', '2025-12-25'],
	['this morning', '2026-03-11'],
	// since.ts read it on the process's clock (yesterday in a process in Paris, today in one in Montreal).
	['last night', '2026-03-10'],
	// Whichever language reads more (since.ts read French first, which took only the hour: today).
	['monday 8am', '2026-03-09'],
	['yesterday 6pm', '2026-03-10'],
	['now', '2026-03-11'],
	['le 25/12', '2025-12-25'],
	['pour lundi', '2026-03-09'],
	// What the field is for may come first.
	['depuis lundi', '2026-03-09'],
	['since monday', '2026-03-09'],
	['depuis hier', '2026-03-10'],
	['depuis le 1er mars', '2026-03-01'],
	['depuis le 25/12', '2025-12-25'],
	// since.ts refused these.
	['25.12', '2025-12-25'],
	['1.3', '2026-03-01'],
	['10.03', '2026-03-10'],
	['aujourd’hui', '2026-03-11']
];

/** What since.ts refused, and what it read and is now refused. */
const sinceRefused: [string, 'unrecognised' | 'invalid'][] = [
	['2026-02-29', 'invalid'],
	['2026-13-45', 'invalid'],
	['29/02', 'invalid'],
	['31/02', 'invalid'],
	['31/04', 'invalid'],
	['32/01', 'invalid'],
	['29/02/2026', 'invalid'],
	['31/02/2026', 'invalid'],
	// since.ts read it as 13 January, month and day swapped.
	['01/13', 'invalid'],
	['25-12', 'unrecognised'],
	['semaine dernière', 'unrecognised'],
	['mois dernier', 'unrecognised'],
	['l’an dernier', 'unrecognised'],
	['cette semaine', 'unrecognised'],
	['ce mois-ci', 'unrecognised'],
	['3 jours', 'unrecognised'],
	['mars', 'unrecognised'],
	['novembre', 'unrecognised'],
	['décembre 2025', 'unrecognised'],
	// since.ts read « a 1 » as one o'clock today.
	['il y a 1 an', 'unrecognised'],
	// since.ts read the date and ignored whatever was around it.
	['lundi et mardi', 'unrecognised'],
	['hier ou avant', 'unrecognised'],
	['xyz hier', 'unrecognised'],
	['messages de lundi', 'unrecognised'],
	['n’importe quoi', 'unrecognised'],
	['la semaine des quatre jeudis', 'unrecognised'],
	['bientôt', 'unrecognised'],
	['', 'unrecognised'],
	['   ', 'unrecognised'],
	['12', 'unrecognised'],
	['2026', 'unrecognised'],
	['0', 'unrecognised']
];

describe('days of the month and parts of months, as people plan with them', () => {
	// Wednesday 25 November 2026, 10:00 in Paris.
	const backward = (text: string) => parseDay(text, paris, wednesday, 'backward');

	it.each([
		['le 28', '2026-11-28'],
		['le 25', '2026-11-25'],
		['le 5', '2026-12-05'],
		['le 1er', '2026-12-01'],
		['the 5th', '2026-12-05'],
		// November has no 31st: the next month that has one.
		['le 31', '2026-12-31'],
		['fin du mois', '2026-11-30'],
		['fin de mois', '2026-11-30'],
		["fin d'année", '2026-12-31'],
		['fin janvier', '2027-01-31'],
		['fin février', '2027-02-28'],
		['début mars', '2027-03-01'],
		['debut decembre', '2026-12-01'],
		['mi-juin', '2027-06-15'],
		['fin novembre', '2026-11-30'],
		['semaine prochaine', '2026-12-02'],
		['mois prochain', '2026-12-25']
	])('reads « %s » as %s', (text, expected) => {
		expect(due(text)).toEqual({ ok: true, date: expected });
	});

	it('reads them backward in a search since a day: this month’s day or the last one, the last end of a month', () => {
		expect(backward('le 5')).toEqual({ ok: true, date: '2026-11-05' });
		expect(backward('le 28')).toEqual({ ok: true, date: '2026-10-28' });
		expect(backward('le 31')).toEqual({ ok: true, date: '2026-10-31' });
		expect(backward('fin du mois')).toEqual({ ok: true, date: '2026-10-31' });
		expect(backward("fin d'année")).toEqual({ ok: true, date: '2025-12-31' });
		expect(backward('début mars')).toEqual({ ok: true, date: '2026-03-01' });
	});

	it('reads the hour after a day of the month; « 15 à 8h » was 15:00 today', () => {
		expect(parseDayTime('le 15 à 8h', paris, wednesday)).toEqual({ ok: true, at: new Date('2026-12-15T07:00:00Z'), hasTime: true, hasDate: true, hasDay: true });
		expect(due('le 3 mars')).toEqual({ ok: true, date: '2027-03-03' });
	});

	it('refuses a day no month has, and a part of something that is no month', () => {
		expect(due('le 32')).toEqual({ ok: false, reason: 'invalid' });
		expect(due('le 0')).toEqual({ ok: false, reason: 'invalid' });
		expect(due('fin chantier')).toEqual({ ok: false, reason: 'unrecognised' });
		expect(due('début du mois')).toEqual({ ok: false, reason: 'unrecognised' });
	});
});

describe('parseDay, read backward (a search since a day)', () => {
	const wednesday = new Date('2026-03-11T09:00:00Z');
	const since = (typed: string, now = wednesday, zone = paris) => parseDay(typed, zone, now, 'backward');

	it.each(sinceForms)('reads « %s » as %s', (typed, expected) => {
		expect(since(typed)).toEqual({ ok: true, date: expected });
	});

	it.each(sinceRefused)('refuses « %s » (%s)', (typed, reason) => {
		expect(since(typed)).toEqual({ ok: false, reason });
	});

	it('counts on the zone’s calendar just after midnight, whatever the process’s', () => {
		// Wednesday 25 November 2026, 00:30 in Paris; still Tuesday 24, 18:30, in Montreal.
		const afterMidnight = new Date('2026-11-24T23:30:00Z');
		const montreal = 'America/Montreal';
		expect(since('lundi', afterMidnight)).toEqual({ ok: true, date: '2026-11-23' });
		expect(since('hier', afterMidnight)).toEqual({ ok: true, date: '2026-11-24' });
		expect(since('mercredi', afterMidnight)).toEqual({ ok: true, date: '2026-11-25' });
		expect(since('25/11', afterMidnight)).toEqual({ ok: true, date: '2026-11-25' });
		expect(since('26/11', afterMidnight)).toEqual({ ok: true, date: '2025-11-26' });
		expect(since('jeudi', afterMidnight)).toEqual({ ok: true, date: '2026-11-19' });
		expect(since('lundi', afterMidnight, montreal)).toEqual({ ok: true, date: '2026-11-23' });
		expect(since('hier', afterMidnight, montreal)).toEqual({ ok: true, date: '2026-11-23' });
		expect(since('jeudi', afterMidnight, montreal)).toEqual({ ok: true, date: '2026-11-19' });
		expect(since('25/11', afterMidnight, montreal)).toEqual({ ok: true, date: '2025-11-25' });
		// 1 November 2026 starts in summer time in Montreal (UTC−4); the clocks go back at 02:00 that day.
		expect(startOfDay('2026-11-01', montreal)).toEqual(new Date('2026-11-01T04:00:00Z'));
	});
});

/**
 * The process's own zone changes nothing, even when the zone's wall clock is a time that zone skips.
 * Node reads `process.env.TZ` again when it is set, so this file's process changes zone here and back.
 */
describe('in a process whose zone skips the wall-clock time of the zone read', () => {
	const processZone = process.env.TZ;
	const restore = () => {
		if (processZone === undefined) delete process.env.TZ;
		else process.env.TZ = processZone;
	};
	afterAll(restore);

	describe('a process in Nuuk, whose clocks jump from 23:00 on Saturday 28 March 2026 to 00:00 on the 29th', () => {
		// Saturday 28 March 2026, 23:30 in Paris.
		const saturdayNight = new Date('2026-03-28T22:30:00Z');
		beforeAll(() => {
			process.env.TZ = 'America/Nuuk';
		});

		it('is a process where that wall-clock time does not exist', () => {
			expect(new Date(2026, 2, 28, 23, 30).getDate()).toBe(29);
		});

		it('reads days on the Paris calendar: « demain » is Sunday 29, not Monday', () => {
			expect(parseDay('demain', paris, saturdayNight)).toEqual({ ok: true, date: '2026-03-29' });
			expect(parseDay("aujourd'hui", paris, saturdayNight)).toEqual({ ok: true, date: '2026-03-28' });
			expect(parseDay('samedi', paris, saturdayNight)).toEqual({ ok: true, date: '2026-03-28' });
			expect(parseDay('hier', paris, saturdayNight, 'backward')).toEqual({ ok: true, date: '2026-03-27' });
			const now = parseDayTime('maintenant', paris, saturdayNight);
			expect(now.ok && now.at).toEqual(saturdayNight);
		});
	});

	describe('a process in Paris, whose clocks jump from 02:00 to 03:00 on Sunday 29 March 2026', () => {
		const montreal = 'America/Montreal';
		// Sunday 29 March 2026, 02:30 in Montreal (already in summer time), 08:30 in Paris.
		const earlySunday = new Date('2026-03-29T06:30:00Z');
		const read = (typed: string) => {
			const moment = parseDayTime(typed, montreal, earlySunday);
			return moment.ok ? DateTime.fromJSDate(moment.at, { zone: montreal }).toFormat('yyyy-MM-dd HH:mm') : moment.reason;
		};
		beforeAll(() => {
			process.env.TZ = 'Europe/Paris';
		});

		it('is a process where that wall-clock time does not exist', () => {
			expect(new Date(2026, 2, 29, 2, 30).getHours()).toBe(3);
		});

		it('reads hours from 02:30 in Montreal, not 03:30: « 3h » is still today', () => {
			expect(read('3h')).toBe('2026-03-29 03:00');
			expect(read('2h')).toBe('2026-03-30 02:00');
			expect(read('maintenant')).toBe('2026-03-29 02:30');
			expect(read('dans 2 heures')).toBe('2026-03-29 04:30');
			expect(read('demain 8h')).toBe('2026-03-30 08:00');
		});
	});
});

describe('extractTrailingDueDate', () => {
	const extract = (text: string) => extractTrailingDueDate(text, paris, wednesday);

	it('takes the words of a date at the end of a title, for parseDay to read', () => {
		expect(extract('Réparer la clôture demain')).toEqual({ due: 'demain', rest: 'Réparer la clôture' });
		expect(extract('Appeler le client lundi')).toEqual({ due: 'lundi', rest: 'Appeler le client' });
		expect(extract('Commander le béton pour le 25/12')).toEqual({ due: '25/12', rest: 'Commander le béton' });
		expect(extract('Livrer les parpaings 2026-12-01')).toEqual({ due: '2026-12-01', rest: 'Livrer les parpaings' });
		expect(extract('Finir le mur pour vendredi')).toEqual({ due: 'vendredi', rest: 'Finir le mur' });
		expect(due(extract('Finir le mur pour vendredi')!.due)).toEqual({ ok: true, date: '2026-11-27' });
	});

	it('takes a part of a month, and leaves a number after « le » in the title', () => {
		expect(extract('Livrer le placo fin mars')).toEqual({ due: 'fin mars', rest: 'Livrer le placo' });
		expect(extract('Rendre le devis pour la fin du mois')).toEqual({ due: 'fin du mois', rest: 'Rendre le devis' });
		expect(extract('Appeler le 18')).toBeNull();
		expect(extract('Vérifier la fin')).toBeNull();
	});

	it('takes an English date too, as an English-speaking member writes it', () => {
		expect(extract('Deliver the bricks tomorrow')).toEqual({ due: 'tomorrow', rest: 'Deliver the bricks' });
		expect(extract('Call the client by next monday')).toEqual({ due: 'next monday', rest: 'Call the client' });
		expect(due(extract('Order sand on friday')!.due)).toEqual({ ok: true, date: '2026-11-27' });
		expect(extract('Order sand on friday')!.rest).toBe('Order sand');
	});

	it('hands over a day that does not exist, so it is refused as the slash option would be', () => {
		expect(extract('Réunion 31/02')).toEqual({ due: '31/02', rest: 'Réunion' });
		expect(due(extract('Réunion 31/02')!.due)).toEqual({ ok: false, reason: 'invalid' });
		expect(extract('Réunion 2027-02-30')).toEqual({ due: '2027-02-30', rest: 'Réunion' });
	});

	it('leaves titles without a trailing date alone', () => {
		expect(extract('Poser 2 fenêtres')).toBeNull();
		expect(extract('Couper la planche de 2.50')).toBeNull();
		expect(extract('Demain matin, vérifier la dalle du garage')).toBeNull();
		expect(extract('demain')).toBeNull();
	});
});

describe('helpers', () => {
	it('adds days across month ends', () => {
		expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
	});
});
