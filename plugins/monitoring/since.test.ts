import { DateTime } from 'luxon';
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

/**
 * Every form `/recherche depuis:` read, with the day it meant on Wednesday 11 March 2026 at 10:00 in
 * Paris (the search starts at midnight that day): [typed, day in Paris]. Left out: « last night »,
 * read on the process's clock (yesterday in a process in Paris, today in one in Montreal).
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
	// chrono swaps day and month when the month is over 12.
	['01/13', '2026-01-13'],
	['29/02/2024', '2024-02-29'],
	['hier', '2026-03-10'],
	['Hier', '2026-03-10'],
	['HIER', '2026-03-10'],
	// Only the last word is read: « avant-hier » is « hier », « après-demain » is « demain ».
	['avant-hier', '2026-03-10'],
	['avant hier', '2026-03-10'],
	["aujourd'hui", '2026-03-11'],
	['ce matin', '2026-03-11'],
	['ce soir', '2026-03-11'],
	['hier soir', '2026-03-10'],
	['hier matin', '2026-03-10'],
	// A day to come is kept as typed.
	['demain', '2026-03-12'],
	['après-demain', '2026-03-12'],
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
	['depuis lundi', '2026-03-09'],
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
	// « a 1 » is read as one o'clock today.
	['il y a 1 an', '2026-03-11'],
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
	// French is tried first and reads only the hour: today.
	['monday 8am', '2026-03-11'],
	['yesterday 6pm', '2026-03-11'],
	['now', '2026-03-11'],
	// Words around the date are ignored, whatever they say.
	['since monday', '2026-03-09'],
	['depuis hier', '2026-03-10'],
	['depuis le 1er mars', '2026-03-01'],
	['depuis le 25/12', '2025-12-25'],
	['le 25/12', '2025-12-25'],
	['pour lundi', '2026-03-09'],
	['lundi et mardi', '2026-03-09'],
	['hier ou avant', '2026-03-10'],
	['xyz hier', '2026-03-10'],
	['messages de lundi', '2026-03-09'],
];

/** Forms it refused. */
const sinceRefused = ['2026-02-29', '2026-13-45', '25.12', '1.3', '10.03', '25-12', '29/02', '31/02', '31/04', '32/01', '29/02/2026', '31/02/2026', 'aujourd’hui', 'semaine dernière', 'mois dernier', 'l’an dernier', 'cette semaine', 'ce mois-ci', '3 jours', 'mars', 'novembre', 'décembre 2025', 'n’importe quoi', 'la semaine des quatre jeudis', 'bientôt', '', '   ', '12', '2026', '0'];

describe('parseSince: every form it reads, on Wednesday 11 March 2026 at 10:00 in Paris', () => {
	const wednesday = new Date('2026-03-11T09:00:00Z');
	const day = (typed: string) => {
		const at = parseSince(typed, paris, wednesday);
		return at && DateTime.fromJSDate(at, { zone: paris }).toFormat("yyyy-MM-dd' 'HH:mm");
	};

	it.each(sinceForms)('reads %j as %s', (typed, expected) => {
		expect(day(typed)).toBe(`${expected} 00:00`);
	});

	it.each(sinceRefused)('refuses %j', (typed) => {
		expect(day(typed)).toBeNull();
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
