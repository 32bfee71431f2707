import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { buildModal, validateForm, type FormField } from './form.ts';

const fields: FormField[] = [
	{ id: 'title', label: 'Titre', maxLength: 50 },
	{ id: 'hours', label: 'Heures' },
	{ id: 'email', label: 'E-mail', required: false }
];
const schema = z.object({
	title: z.string().min(3).max(10),
	hours: z.coerce.number().int().min(1).max(24),
	email: z.email().optional()
});

describe('validateForm', () => {
	it('returns the parsed values, an empty optional field as undefined', () => {
		expect(validateForm({ title: 'Dalle', hours: '8', email: '' }, fields, schema, 'fr')).toEqual({
			ok: true,
			values: { title: 'Dalle', hours: 8, email: undefined }
		});
	});

	it('lists what to fix, one line per field, in French', () => {
		const result = validateForm({ title: 'ab', hours: 'huit', email: 'nope' }, fields, schema, 'fr');
		expect(result).toEqual({
			ok: false,
			problems: ['• **Titre** : au moins 3 caractères', '• **Heures** : doit être un nombre', '• **E-mail** : format invalide'].join('\n')
		});
	});

	it('lists what to fix in English, with bounds and whole numbers', () => {
		const result = validateForm({ title: 'far too long title', hours: '2.5', email: '' }, fields, schema, 'en');
		expect(result).toEqual({ ok: false, problems: ['• **Titre**: at most 10 characters', '• **Heures**: must be a whole number'].join('\n') });
		expect(validateForm({ title: 'Dalle', hours: '30' }, fields, schema, 'en')).toEqual({ ok: false, problems: '• **Heures**: at most 24' });
	});

	it('calls an empty required field required, and shows refine messages as written', () => {
		const refined = schema.refine((values) => values.hours < 12 || values.title !== 'Nuit', { message: 'pas plus de 12 h la nuit', path: ['hours'] });
		expect(validateForm({ title: '', hours: '8' }, fields, schema, 'fr')).toEqual({ ok: false, problems: '• **Titre** : obligatoire' });
		expect(validateForm({ title: 'Nuit', hours: '14' }, fields, refined, 'fr')).toEqual({ ok: false, problems: '• **Heures** : pas plus de 12 h la nuit' });
	});
});

describe('buildModal', () => {
	it('builds labelled text inputs with their limits and values', () => {
		const modal = buildModal({ customId: 'ui:form:abc:submit', title: 'Rapport', fields: [{ ...fields[0]!, value: 'Dalle', placeholder: 'Dalle B2' }, { ...fields[2]!, style: 'paragraph' }] }).toJSON();
		expect(modal.custom_id).toBe('ui:form:abc:submit');
		expect(modal.components).toMatchObject([
			{ type: 18, label: 'Titre', component: { type: 4, custom_id: 'title', style: 1, required: true, max_length: 50, value: 'Dalle', placeholder: 'Dalle B2' } },
			{ type: 18, label: 'E-mail', component: { type: 4, custom_id: 'email', style: 2, required: false } }
		]);
	});

	it('refuses more than 5 fields', () => {
		const six = Array.from({ length: 6 }, (_, index) => ({ id: `f${index}`, label: `F${index}` }));
		expect(() => buildModal({ customId: 'x', title: 'x', fields: six })).toThrow(/at most 5/);
	});
});
