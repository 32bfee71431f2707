import { describe, expect, it } from 'vitest';
import { dayLabel, momentLabel, mondayOf } from './dates.ts';

const zone = 'Europe/Paris';

describe('days', () => {
	it('finds a week’s Monday and names days', () => {
		expect(mondayOf('2026-03-11')).toBe('2026-03-09');
		expect(dayLabel('2026-03-16', 'fr')).toBe('lundi 16 mars');
		expect(dayLabel('2026-03-16', 'en')).toBe('Monday 16 March');
		expect(dayLabel('2026-06-01', 'fr', true)).toBe('lundi 1er juin 2026');
		expect(dayLabel('2026-06-01', 'en')).toBe('Monday 1 June');
		expect(momentLabel(new Date('2026-06-01T07:30:00Z'), zone, 'fr')).toBe('lundi 1er juin à 09:30');
		expect(momentLabel(new Date('2026-06-01T07:30:00Z'), zone, 'en', false)).toBe('Monday 1 June');
	});
});
