import { describe, expect, it } from 'vitest';
import { buildEmbed, embedKinds, footerText } from './embeds.ts';

describe('buildEmbed', () => {
	it('gives the kind its colour and icon, the footer its note and the embed the current time', () => {
		const before = Date.now();
		const embed = buildEmbed({ kind: 'warning', title: 'Attention', description: 'Chantier fermé', footerNote: 'Page 2/5' }).toJSON();
		expect(embed.color).toBe(embedKinds.warning.color);
		expect(embed.title).toBe('⚠️ Attention');
		expect(embed.description).toBe('Chantier fermé');
		expect(embed.footer).toEqual({ text: footerText('Page 2/5') });
		expect(Date.parse(embed.timestamp!)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
	});

	it('cuts the title, description and fields to what Discord accepts', () => {
		const fields = Array.from({ length: 30 }, (_, index) => ({ name: `Champ ${index}`, value: 'x' }));
		const embed = buildEmbed({ kind: 'info', title: 't'.repeat(300), description: 'd'.repeat(5000), fields }).toJSON();
		expect(embed.title).toHaveLength(256);
		expect(embed.description).toHaveLength(4096);
		expect(embed.fields).toHaveLength(25);
	});

	it('leaves out an empty description', () => {
		expect(buildEmbed({ kind: 'success', title: 'Pong', description: '' }).toJSON()).not.toHaveProperty('description');
	});

	it('still refuses a field Discord would refuse, with the builder\'s own error', () => {
		expect(() => buildEmbed({ kind: 'info', title: 'Liste', fields: [{ name: 'n'.repeat(257), value: 'nom trop long' }] })).toThrow();
	});
});
