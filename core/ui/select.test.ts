import { describe, expect, it } from 'vitest';
import { buildSelect, requestedSelectPage } from './select.ts';

const choices = (count: number) => Array.from({ length: count }, (_, index) => ({ label: `Site ${index + 1}`, value: `site-${index + 1}` }));
const valuesOf = (row: ReturnType<typeof buildSelect>) => row.components[0]!.toJSON().options.map((option) => option.value);

describe('buildSelect', () => {
	it('shows up to 25 choices as they are', () => {
		expect(valuesOf(buildSelect({ customId: 'sites', choices: choices(25), locale: 'fr' }))).toHaveLength(25);
	});

	it('pages longer lists by 23 with "Back…" and "More…" entries', () => {
		const first = buildSelect({ customId: 'sites', choices: choices(50), locale: 'fr' });
		expect(valuesOf(first)).toHaveLength(24);
		expect(valuesOf(first).at(-1)).toBe('ui:select-page:2');
		expect(first.components[0]!.toJSON().options.at(-1)?.label).toBe('Plus…');

		const second = buildSelect({ customId: 'sites', choices: choices(50), page: 2, locale: 'en' });
		expect(valuesOf(second)).toEqual(['ui:select-page:1', ...choices(50).slice(23, 46).map((choice) => choice.value), 'ui:select-page:3']);
		const last = buildSelect({ customId: 'sites', choices: choices(50), page: 3, locale: 'en' });
		expect(valuesOf(last)).toEqual(['ui:select-page:2', 'site-47', 'site-48', 'site-49', 'site-50']);
	});

	it('tells a page request from a real choice', () => {
		expect(requestedSelectPage(['ui:select-page:3'])).toBe(3);
		expect(requestedSelectPage(['site-4'])).toBeNull();
	});
});
