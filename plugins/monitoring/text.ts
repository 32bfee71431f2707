import { defineMessages } from '#core/plugin-kit.ts';

export const text = defineMessages({
	fr: {
		searchDescription: 'Recherche dans l’historique des messages des salons que vous pouvez lire',
		searchTextOption: 'Les mots à chercher (les fautes de frappe sont tolérées)',
		searchChannelOption: 'Seulement dans ce salon',
		searchAuthorOption: 'Seulement les messages de ce membre',
		searchSinceOption: 'Depuis une date : 25/11, lundi, 2026-11-01…',
		searchTitle: 'Recherche : « {text} »',
		searchNone: 'Aucun message trouvé.',
		searchUsage: 'Utilisation : `!recherche <texte> [#salon] [@membre]`.',
		badSince: 'Date « {value} » non comprise : écrivez par exemple 25/11, lundi ou 2026-11-01.',
		emptyText: 'Indiquez au moins un mot à chercher.',
		messagesSection: 'Messages',
		messagesToday: '{count} message(s) aujourd’hui, par {authors} membre(s)',
		busiestHour: 'Heure la plus active : {hour}h ({count} messages)',
		chartTitle: 'Messages par heure',
		statMessages: 'Messages',
		statTasksCreated: 'Tâches créées',
		statTasksDone: 'Tâches terminées',
		statActiveTime: 'Temps actif'
	},
	en: {
		searchDescription: 'Searches the message history of the channels you can read',
		searchTextOption: 'The words to look for (typos are tolerated)',
		searchChannelOption: 'Only in this channel',
		searchAuthorOption: 'Only messages of this member',
		searchSinceOption: 'Since a date: 25/11, monday, 2026-11-01…',
		searchTitle: 'Search: "{text}"',
		searchNone: 'No message found.',
		searchUsage: 'Usage: `!recherche <text> [#channel] [@member]`.',
		badSince: 'Date "{value}" not understood: write for example 25/11, monday or 2026-11-01.',
		emptyText: 'Give at least one word to look for.',
		messagesSection: 'Messages',
		messagesToday: '{count} message(s) today, by {authors} member(s)',
		busiestHour: 'Busiest hour: {hour}:00 ({count} messages)',
		chartTitle: 'Messages per hour',
		statMessages: 'Messages',
		statTasksCreated: 'Tasks created',
		statTasksDone: 'Tasks done',
		statActiveTime: 'Active time'
	}
});
