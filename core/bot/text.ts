import { defineMessages } from '../i18n.ts';

/** Texts the core itself shows members. */
export const coreText = defineMessages({
	fr: {
		errorTitle: 'Erreur',
		pluginDisabled: 'Le module « {plugin} » est désactivé ici, ou un module dont il dépend l’est. Un administrateur peut le réactiver avec `/plugins enable`.',
		commandFailed: 'La commande a échoué de façon inattendue. L’erreur a été enregistrée (référence {ref}).',
		denied: 'Action refusée : {reason}',
		deniedUserPermissions: 'Il vous manque la permission : {permissions}.',
		deniedBotPermissions: 'Le bot n’a pas la permission : {permissions}. Demandez à un administrateur de la lui donner.',
		deniedServerOnly: 'Cette commande ne s’utilise que sur un serveur, pas en message privé.',
		deniedMatrixChannel: 'Cette commande est interdite dans « {place} » sur ce serveur.',
		deniedMatrixElsewhere: 'Cette commande n’est pas permise dans « {place} » sur ce serveur.',
		deniedMatrixRole: 'Cette commande est réservée sur ce serveur {count, plural, one {au rôle} other {aux rôles}} : {roles}.',
		matrixRefusalTitle: 'Commande refusée',
		matrixRefusal: '<@{actor}> a tenté `/{command}` dans <#{channel}> : {reason}',
		healthDegraded: 'Monster : service dégradé',
		healthRecovered: 'Monster : tout fonctionne de nouveau',
		healthFailing: 'En panne : {components}',
		healthBack: 'Rétabli : {components}',
		taskFailedTitle: 'Tâche planifiée en échec : {task}',
		taskFailedDescription: '{attempts, plural, one {Échec au premier essai, sans nouvel essai prévu.} other {Échec après # essais.}} Dernière erreur : {reason}',
		outgoingRepeated: 'encore {count} fois en {seconds} s',
		outgoingDenied: 'Commande refusée : /{command}',
		outgoingDeniedBody: '<@{actorId}> — {reason}',
		outgoingLogLine: 'Journal ({level})'
	},
	en: {
		errorTitle: 'Error',
		pluginDisabled: 'The "{plugin}" module, or one it depends on, is switched off here. An administrator can switch it on with `/plugins enable`.',
		commandFailed: 'The command failed unexpectedly. The error was logged (reference {ref}).',
		denied: 'Not allowed: {reason}',
		deniedUserPermissions: 'You are missing the permission: {permissions}.',
		deniedBotPermissions: 'The bot is missing the permission: {permissions}. Ask an administrator to grant it.',
		deniedServerOnly: 'This command works in a server only, not in direct messages.',
		deniedMatrixChannel: 'This command is not allowed in "{place}" on this server.',
		deniedMatrixElsewhere: 'This command is not allowed in "{place}" on this server.',
		deniedMatrixRole: 'On this server this command is for {count, plural, one {the role} other {the roles}}: {roles}.',
		matrixRefusalTitle: 'Command refused',
		matrixRefusal: '<@{actor}> tried `/{command}` in <#{channel}>: {reason}',
		healthDegraded: 'Monster: service degraded',
		healthRecovered: 'Monster: everything works again',
		healthFailing: 'Down: {components}',
		healthBack: 'Back: {components}',
		taskFailedTitle: 'Scheduled task failing: {task}',
		taskFailedDescription: '{attempts, plural, one {Failed on its only try.} other {Failed after # tries.}} Last error: {reason}',
		outgoingRepeated: '{count} more times in {seconds} s',
		outgoingDenied: 'Command refused: /{command}',
		outgoingDeniedBody: '<@{actorId}> — {reason}',
		outgoingLogLine: 'Log ({level})'
	}
});
