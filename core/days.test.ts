import { describe, expect, it } from 'vitest';
import { addDays, extractTrailingDueDate, parseDay, todayIn } from './days.ts';

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
		['friday', '2026-11-27']
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
