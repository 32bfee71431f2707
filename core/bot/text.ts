import { defineMessages } from '../i18n.ts';

/** Texts the core itself shows members. */
export const coreText = defineMessages({
	fr: {
		errorTitle: 'Erreur',
		pluginDisabled: 'Le module « {plugin} » est désactivé sur ce serveur. Un administrateur peut le réactiver avec `/plugins enable`.',
		commandFailed: 'La commande a échoué de façon inattendue. L’erreur a été enregistrée (référence {ref}).',
		denied: 'Action refusée : {reason}',
		notFound: 'Introuvable'
	},
	en: {
		errorTitle: 'Error',
		pluginDisabled: 'The "{plugin}" module is switched off on this server. An administrator can switch it on with `/plugins enable`.',
		commandFailed: 'The command failed unexpectedly. The error was logged (reference {ref}).',
		denied: 'Not allowed: {reason}',
		notFound: 'Not found'
	}
});
