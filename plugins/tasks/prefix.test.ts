import { describe, expect, it } from 'vitest';
import { parseCreateArgs, parseListArgs, tokenize } from './prefix.ts';

describe('prefix grammar', () => {
	it('keeps quoted values whole', () => {
		expect(tokenize('Poser "la porte" desc:"deux mots ici" tags:a,b')).toEqual(['Poser', 'la porte', 'desc:deux mots ici', 'tags:a,b']);
		expect(tokenize('desc:« avec guillemets »  fin')).toEqual(['desc:avec guillemets', 'fin']);
	});

	it('reads the documented example of !tache', () => {
		expect(parseCreateArgs('Réparer la clôture demain priorite:haute <@123456789> #CH-001 tags:a,b')).toEqual({
			title: 'Réparer la clôture demain',
			priority: 'haute',
			assigneeId: '123456789',
			chantier: 'CH-001',
			tags: 'a,b'
		});
	});

	it('reads keys without accents or case, and every form of assignee and chantier', () => {
		expect(
			parseCreateArgs('Commander Priorité:urgente Échéance:"25/12" desc:"Béton C25" pour:@bob chantier:<#42424242> tag:x tags:y')
		).toEqual({
			title: 'Commander',
			priority: 'urgente',
			due: '25/12',
			description: 'Béton C25',
			assigneeName: 'bob',
			chantierChannelId: '42424242',
			tags: 'x,y'
		});
		expect(parseCreateArgs('Note: appeler @everyone').title).toBe('Note: appeler @everyone');
	});

	it('reads !taches filters and keeps unknown words for an error', () => {
		expect(parseListArgs('statut:en_cours priorite:haute moi #CH-001 tag:urgent retard')).toEqual({
			status: 'en_cours',
			priority: 'haute',
			mine: true,
			chantier: 'CH-001',
			tag: 'urgent',
			overdue: true,
			unknown: []
		});
		expect(parseListArgs('<@555555555> n_importe')).toEqual({ assigneeId: '555555555', unknown: ['n_importe'] });
	});
});
