/** The members plugin's texts, French first. */
import { defineMessages, inEnglish } from '#core/plugin-kit.ts';

export const text = defineMessages({
	fr: {
		myDataDescription: 'Vous envoie (en privé) un fichier de tout ce que le bot garde sur vous',
		myDataTitle: 'Vos données',
		myDataBody:
			'Voici, en JSON, tout ce que le bot garde sur vous sur ce serveur, module par module ({plugins}). Pour les faire effacer, demandez-le à un administrateur (`/oublier`).',
		myDataFailed: 'Le module {plugins} n’a pas pu répondre : réessayez plus tard, ou demandez à un administrateur (l’erreur est dans le journal).',
		myDataDm: 'Je vous ai envoyé vos données en message privé.',
		myDataDmClosed: 'Je ne peux pas vous écrire en privé : utilisez `/mesdonnees`, dont la réponse n’est visible que par vous.',
		forgetDescription: 'Efface les données d’un membre dans tous les modules (administrateurs)',
		forgetMemberOption: 'Le membre (ou son identifiant s’il a quitté le serveur)',
		forgetRefusedTitle: 'Effacement refusé',
		forgetUsage: 'Indiquez le membre : {usage}',
		forgetUnknown: '« {value} » n’est ni une mention ni un identifiant Discord.',
		forgetBot: 'Le bot ne garde rien sur un bot : rien à effacer.',
		forgetQuestionTitle: 'Effacer les données de {member} ?',
		forgetQuestionBody:
			'Chaque module supprime ce qu’il garde sur ce membre (messages, tâches, planning, statistiques, choix de langue…) ; ce qui sert aussi aux autres reste, sans son identifiant (remplacé par `0`). C’est définitif.',
		forgetConfirm: 'Effacer',
		forgetDoneTitle: 'Données effacées',
		forgetDoneBody: 'Ce qui a été fait, module par module :\n{lines}',
		forgetFailedTitle: 'Données effacées en partie',
		forgetFailed: '⚠️ {plugins} : échec (détails dans le journal du bot) ; relancez `/oublier` pour réessayer.',
		forgetNothing: 'rien',
		logForgetTitle: 'Données d’un membre effacées',
		logForgetBody: '{actor} a effacé les données d’un membre (le journal d’audit le nomme).\n{lines}',
		welcomeRoleFailedTitle: 'Rôle d’arrivée non donné',
		welcomeRoleFailed: 'Je n’ai pas pu donner le rôle « {role} » à {member} : {reason}',
		welcomeRoleMissing: 'le rôle n’existe pas sur ce serveur',
		welcomeChannelMissingTitle: 'Accueil non publié',
		welcomeChannelMissing: 'Le salon d’accueil « {channel} » est introuvable : {member} n’a pas été accueilli.',
		logLeftTitle: 'Départ',
		logLeft: '{member} (**{name}**) a quitté le serveur.',
		// the prefix forms, as `!aide <commande>` shows them
		usageMyData: '`{prefix}mesdonnees` : le fichier arrive en message privé',
		usageForget: '`{prefix}oublier <@membre | identifiant>`'
	},
	en: {
		myDataDescription: 'Sends you (privately) a file of everything the bot keeps about you',
		myDataTitle: 'Your data',
		myDataBody: 'Here is, as JSON, everything the bot keeps about you in this server, plugin by plugin ({plugins}). To have it erased, ask an administrator (`/forget`).',
		myDataFailed: 'The {plugins} plugin could not answer: try again later, or ask an administrator (the error is in the log).',
		myDataDm: 'I sent you your data by direct message.',
		myDataDmClosed: 'I cannot write to you privately: use `/mydata`, whose answer only you can see.',
		forgetDescription: 'Erases a member’s data in every plugin (administrators)',
		forgetMemberOption: 'The member (or their id if they left the server)',
		forgetRefusedTitle: 'Erasure refused',
		forgetUsage: 'Name the member: {usage}',
		forgetUnknown: '“{value}” is neither a mention nor a Discord id.',
		forgetBot: 'The bot keeps nothing about a bot: nothing to erase.',
		forgetQuestionTitle: 'Erase the data of {member}?',
		forgetQuestionBody:
			'Every plugin deletes what it keeps about this member (messages, tasks, planning, statistics, language choice…); what others need too stays, without their id (replaced by `0`). This cannot be undone.',
		forgetConfirm: 'Erase',
		forgetDoneTitle: 'Data erased',
		forgetDoneBody: 'What was done, plugin by plugin:\n{lines}',
		forgetFailedTitle: 'Data partly erased',
		forgetFailed: '⚠️ {plugins}: failed (details in the bot’s log); run `/forget` again to retry.',
		forgetNothing: 'nothing',
		logForgetTitle: 'A member’s data erased',
		logForgetBody: '{actor} erased a member’s data (the audit log names them).\n{lines}',
		welcomeRoleFailedTitle: 'Newcomer role not given',
		welcomeRoleFailed: 'I could not give the role “{role}” to {member}: {reason}',
		welcomeRoleMissing: 'this server has no such role',
		welcomeChannelMissingTitle: 'Welcome not posted',
		welcomeChannelMissing: 'The welcome channel “{channel}” cannot be found: {member} was not welcomed.',
		logLeftTitle: 'Departure',
		logLeft: '{member} (**{name}**) left the server.',
		usageMyData: '`{prefix}mydata`: the file comes by direct message',
		usageForget: '`{prefix}forget <@member | id>`'
	}
});

export const english = (key: Parameters<ReturnType<typeof text>>[0]) => inEnglish(text('en')(key));
