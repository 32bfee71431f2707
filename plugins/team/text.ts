import { defineMessages } from '#core/plugin-kit.ts';

export const text = defineMessages({
	fr: {
		pingDescription: 'Vérifie que le bot répond et affiche sa latence',
		pongTitle: 'Pong !',
		pongBody: 'Latence de la passerelle : {gateway} ms · aller-retour : {roundTrip} ms',
		helpDescription: 'Liste les commandes disponibles, ou l’aide d’une commande',
		helpOption: 'La commande dont afficher l’aide',
		helpTitle: 'Commandes disponibles',
		helpFooter: 'Tapez /aide <commande> (ou !aide <commande>) pour le détail.',
		helpCommandTitle: 'Aide : /{command}',
		helpUsage: 'Utilisation',
		helpPlugin: 'Module',
		helpUnknown: 'Commande « {command} » inconnue ou désactivée ici. Tapez /aide pour la liste.',
		infoDescription: 'Version, disponibilité, modules et état des services du bot',
		infoTitle: 'Informations sur le bot',
		infoVersion: 'Version',
		infoUptime: 'En ligne depuis',
		infoPlugins: 'Modules',
		infoServices: 'Services',
		infoPluginsSummary: '{active} actifs · {failed} en échec · {off} désactivés ici',
		up: 'opérationnel',
		down: 'hors service'
	},
	en: {
		pingDescription: 'Checks that the bot answers and shows its latency',
		pongTitle: 'Pong!',
		pongBody: 'Gateway latency: {gateway} ms · round trip: {roundTrip} ms',
		helpDescription: 'Lists the available commands, or the help of one command',
		helpOption: 'The command to explain',
		helpTitle: 'Available commands',
		helpFooter: 'Type /help <command> (or !help <command>) for details.',
		helpCommandTitle: 'Help: /{command}',
		helpUsage: 'Usage',
		helpPlugin: 'Module',
		helpUnknown: 'Unknown command "{command}", or switched off here. Type /help for the list.',
		infoDescription: 'Version, uptime, modules and service status of the bot',
		infoTitle: 'About the bot',
		infoVersion: 'Version',
		infoUptime: 'Up since',
		infoPlugins: 'Modules',
		infoServices: 'Services',
		infoPluginsSummary: '{active} active · {failed} failed · {off} off here',
		up: 'up',
		down: 'down'
	}
});
