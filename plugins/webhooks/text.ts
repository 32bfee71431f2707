import { defineMessages } from '#core/plugin-kit.ts';

export const text = defineMessages({
	fr: {
		tallyRefusedTitle: 'Réponse Tally non enregistrée',
		tallyRefusedBody: 'Une réponse au formulaire « {form} » n’a rien créé :\n{problems}'
	},
	en: {
		tallyRefusedTitle: 'Tally response not saved',
		tallyRefusedBody: 'A response to the form "{form}" created nothing:\n{problems}'
	}
});
