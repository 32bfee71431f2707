import { describe, expect, it } from 'vitest';
import { InputError, parseTimes, problemText } from './support.ts';

// Wednesday 11 March 2026, 10:00 in Paris (09:00 UTC); no bot running: the default zone, Europe/Paris.
const now = new Date('2026-03-11T09:00:00Z');
const times = (start: string, end: string) => parseTimes(start, end, 'fr', 'guild', now);
const refusal = (start: string, end: string, locale: 'fr' | 'en' = 'fr') => {
	try {
		parseTimes(start, end, locale, 'guild', now);
	} catch (error) {
		if (error instanceof InputError) return problemText(locale, error);
		throw error;
	}
	throw new Error(`"${start}" → "${end}" was accepted`);
};

describe('parseTimes: start and end as typed', () => {
	it('puts a bare end hour on the start’s day', () => {
		expect(times('demain 14h', '17h')).toEqual({ startsAt: new Date('2026-03-12T13:00:00Z'), endsAt: new Date('2026-03-12T16:00:00Z'), allDay: false });
	});

	it('reads an end that names its day as it would read a start', () => {
		expect(times('demain 14h', 'vendredi 9h').endsAt).toEqual(new Date('2026-03-13T08:00:00Z'));
		expect(times('lundi 22h', 'mardi 6h').endsAt).toEqual(new Date('2026-03-17T05:00:00Z'));
		expect(times('lundi', 'vendredi')).toEqual({ startsAt: new Date('2026-03-15T23:00:00Z'), endsAt: new Date('2026-03-20T23:00:00Z'), allDay: true });
	});

	it('reads today’s weekday as today at any hour, as every command reads a day', () => {
		expect(times('mercredi 8h', '12h')).toEqual({ startsAt: new Date('2026-03-11T07:00:00Z'), endsAt: new Date('2026-03-11T11:00:00Z'), allDay: false });
		expect(times('mercredi', 'mercredi')).toEqual({ startsAt: new Date('2026-03-10T23:00:00Z'), endsAt: new Date('2026-03-11T23:00:00Z'), allDay: true });
	});

	it('says which field it could not read, quoting it, in the member’s language', () => {
		expect(refusal('la semaine des quatre jeudis', '17h')).toBe(
			'Début : « la semaine des quatre jeudis » n’est pas une date comprise. Exemples : « lundi 8h », « demain 7h30 », « 25/12 14h », « 2026-03-16 08:00 ».'
		);
		expect(refusal('demain 8h', '31/02')).toBe('Fin : « 31/02 » n’existe pas au calendrier.');
		expect(refusal('lundi 8h patate', '17h', 'en')).toBe('Start: "lundi 8h patate" is not a date I understand. Examples: "monday 8am", "lundi 8h", "25/12 14h", "2026-03-16 08:00".');
		expect(refusal('31/02 8h', '17h', 'en')).toBe('Start: "31/02 8h" is not a day of the calendar.');
	});

	it('refuses an end before the start instead of making an overnight entry', () => {
		expect(refusal('demain 14h', 'demain 9h')).toBe(
			'La fin (jeudi 12 mars à 09:00) doit être après le début (jeudi 12 mars à 14:00). Pour finir un autre jour, écrivez ce jour dans la fin (ex. « mardi 6h »).'
		);
		expect(refusal('demain 14h', '9h')).toContain('La fin (jeudi 12 mars à 09:00)');
		expect(refusal('25/03', '20/03')).toBe('La fin (vendredi 20 mars) doit être après le début (mercredi 25 mars). Pour finir un autre jour, écrivez ce jour dans la fin (ex. « mardi 6h »).');
	});
});
