import { describe, expect, it } from 'vitest';
import { InputError, parseTimes, problemText } from './support.ts';

// Wednesday 11 March 2026, 10:00 in Paris (09:00 UTC); no bot running: the default zone, Europe/Paris.
const now = new Date('2026-03-11T09:00:00Z');
const times = (start: string, end: string) => parseTimes(start, end, 'fr', 'guild', now);
const refusal = (start: string, end: string) => {
	try {
		times(start, end);
	} catch (error) {
		if (error instanceof InputError) return problemText('fr', error);
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

	it('refuses an end before the start instead of making an overnight entry', () => {
		expect(refusal('demain 14h', 'demain 9h')).toBe(
			'La fin (jeudi 12 mars à 09:00) doit être après le début (jeudi 12 mars à 14:00). Pour finir un autre jour, écrivez ce jour dans la fin (ex. « mardi 6h »).'
		);
		expect(refusal('demain 14h', '9h')).toContain('La fin (jeudi 12 mars à 09:00)');
		expect(refusal('25/03', '20/03')).toBe('La fin (vendredi 20 mars) doit être après le début (mercredi 25 mars). Pour finir un autre jour, écrivez ce jour dans la fin (ex. « mardi 6h »).');
	});
});
