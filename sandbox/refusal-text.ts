/** Why the local server refused a command, a click, a form or a post, said to the sandbox's reader in their language (French, or English) with the names their Discord client shows. */
import { ChannelType } from 'discord.js';
import { permissionName } from '../core/bot/permission-names.ts';
import { refusalOf, type Refusal } from '../emulator/index.ts';

type Texts = { [Reason in Refusal['reason']]: (refusal: Extract<Refusal, { reason: Reason }>) => string };

const fr: Texts = {
	notAMember: ({ guild }) => `Vous n’êtes pas membre de ${guild} : Discord ne vous y propose aucune commande`,
	turnedOffInChannel: ({ command, channel }) => `${command} est désactivée dans #${channel} par les paramètres du serveur : Discord ne vous la propose pas ici`,
	deniedInSettings: ({ command }) => `${command} vous est refusée par les paramètres du serveur : Discord ne vous la propose pas`,
	administratorsOnly: ({ command }) => `${command} est réservée aux administrateurs : Discord ne vous la propose pas`,
	missingPermissions: ({ command, permissions }) => {
		const names = permissions.map((permission) => `« ${permissionName(permission, 'fr')} »`);
		return `${command} demande ${names.length > 1 ? 'les permissions' : 'la permission'} ${names.join(', ')} : Discord ne vous la propose pas`;
	},
	unknownSubcommandGroup: ({ command, typed }) => `${command} n’a pas de groupe de sous-commandes « ${typed} »`,
	unknownSubcommand: ({ command, typed, subcommands }) =>
		subcommands.length > 0
			? `${command} n’a pas de sous-commande « ${typed} » (sous-commandes : ${subcommands.join(', ')})`
			: `${command} n’a pas de sous-commande : « ${typed} » n’en est pas une (une option s’écrit nom:valeur)`,
	subcommandNeeded: ({ command, subcommands }) => `${command} demande une sous-commande : ${subcommands.join(', ')}`,
	unknownOption: ({ command, typed, options }) => `${command} n’a pas d’option « ${typed} » (options : ${options.join(', ') || 'aucune'})`,
	missingOptions: ({ command, options }) =>
		options.length > 1 ? `${command} : il manque les options obligatoires ${options.join(', ')}` : `${command} : il manque l’option obligatoire ${options.join('')}`,
	notAChoice: ({ command, option, choices, got }) => `${command} : « ${got} » n’est pas un choix de l’option « ${option} » (au choix : ${choices.join(', ')})`,
	tooShort: ({ command, option, min, length }) => `${command} : l’option « ${option} » demande au moins ${min} caractères (${length} saisis)`,
	tooLong: ({ command, option, max, length }) => `${command} : l’option « ${option} » prend au plus ${max} caractères (${length} saisis)`,
	tooSmall: ({ command, option, min, got }) => `${command} : l’option « ${option} » vaut au moins ${min} (${got} saisi)`,
	tooBig: ({ command, option, max, got }) => `${command} : l’option « ${option} » vaut au plus ${max} (${got} saisi)`,
	wrongChannelType: ({ command, option, channel, type, expected }) =>
		`${command} : l’option « ${option} » prend ${expected.map((kind) => channelKind.fr(kind)).join(' ou ')} : #${channel} est ${channelKind.fr(type)}`,
	notAnInteger: ({ command, option, got }) => `${command} : l’option « ${option} » demande un nombre entier, pas « ${got} »`,
	notANumber: ({ command, option, got }) => `${command} : l’option « ${option} » demande un nombre, pas « ${got} »`,
	notABoolean: ({ command, option, got }) => `${command} : l’option « ${option} » demande oui ou non, pas « ${got} »`,
	unknownUser: ({ command, option, got }) => `${command} : pas de membre « ${got} » pour l’option « ${option} »`,
	unknownRole: ({ command, option, got }) => `${command} : pas de rôle « ${got} » pour l’option « ${option} »`,
	unknownChannel: ({ command, option, got }) => `${command} : pas de salon « ${got} » pour l’option « ${option} »`,
	attachment: ({ command, option }) => `${command} : l’option « ${option} » attend un fichier, que le bac à sable ne sait pas joindre`,
	category: ({ channel }) => `#${channel} est une catégorie : Discord ne permet ni d’y écrire ni d’y lancer une commande`,
	notInGuild: ({ guild }) => `Vous n’êtes pas membre de ${guild} : Discord ne vous en montre pas les salons`,
	messageGone: () => 'Ce message n’existe plus',
	noSuchComponent: ({ kind }) => (kind === 'button' ? 'Ce message n’a pas ce bouton' : 'Ce message n’a pas ce menu'),
	componentDisabled: ({ kind, label }) =>
		kind === 'button' ? `Le bouton${label ? ` « ${label} »` : ''} est désactivé` : `Le menu${label ? ` « ${label} »` : ''} est désactivé`,
	noMessageCommand: ({ typed }) => `Le menu Applications du message ne propose pas de commande « ${typed} »`,
	formClosed: () => 'Ce formulaire n’est plus ouvert',
	fieldRequired: ({ form, field }) => `${form} : le champ « ${field} » est obligatoire`,
	fieldTooShort: ({ form, field, min, length }) => `${form} : le champ « ${field} » demande au moins ${min} caractères (${length} saisis)`,
	fieldTooLong: ({ form, field, max, length }) => `${form} : le champ « ${field} » prend au plus ${max} caractères (${length} saisis)`,
	unknownFields: ({ form, typed, fields }) =>
		`${form} : pas de champ ${typed.map((name) => `« ${name} »`).join(', ')} (champs : ${fields.join(', ')})`
};

const en: Texts = {
	notAMember: ({ guild }) => `You are not a member of ${guild}: Discord offers you none of its commands`,
	turnedOffInChannel: ({ command, channel }) => `${command} is turned off in #${channel} in the server’s settings: Discord does not offer it to you here`,
	deniedInSettings: ({ command }) => `${command} is denied to you in the server’s settings: Discord does not offer it to you`,
	administratorsOnly: ({ command }) => `${command} is for administrators only: Discord does not offer it to you`,
	missingPermissions: ({ command, permissions }) => {
		const names = permissions.map((permission) => `"${permissionName(permission, 'en')}"`);
		return `${command} needs the ${names.join(', ')} permission${names.length > 1 ? 's' : ''}: Discord does not offer it to you`;
	},
	unknownSubcommandGroup: ({ command, typed }) => `${command} has no subcommand group "${typed}"`,
	unknownSubcommand: ({ command, typed, subcommands }) =>
		subcommands.length > 0
			? `${command} has no subcommand "${typed}" (subcommands: ${subcommands.join(', ')})`
			: `${command} takes no subcommand: "${typed}" is not one (an option is typed name:value)`,
	subcommandNeeded: ({ command, subcommands }) => `${command} needs a subcommand: ${subcommands.join(', ')}`,
	unknownOption: ({ command, typed, options }) => `${command} has no option "${typed}" (has: ${options.join(', ') || 'none'})`,
	missingOptions: ({ command, options }) =>
		options.length > 1 ? `${command}: the required options ${options.join(', ')} are missing` : `${command}: the required option ${options.join('')} is missing`,
	notAChoice: ({ command, option, choices, got }) => `${command}: "${got}" is not a choice of option "${option}" (one of: ${choices.join(', ')})`,
	tooShort: ({ command, option, min, length }) => `${command}: option "${option}" needs at least ${min} characters (got ${length})`,
	tooLong: ({ command, option, max, length }) => `${command}: option "${option}" takes at most ${max} characters (got ${length})`,
	tooSmall: ({ command, option, min, got }) => `${command}: option "${option}" must be at least ${min} (got ${got})`,
	tooBig: ({ command, option, max, got }) => `${command}: option "${option}" must be at most ${max} (got ${got})`,
	wrongChannelType: ({ command, option, channel, type, expected }) =>
		`${command}: option "${option}" takes ${expected.map((kind) => channelKind.en(kind)).join(' or ')}: #${channel} is ${channelKind.en(type)}`,
	notAnInteger: ({ command, option, got }) => `${command}: option "${option}" needs a whole number, not "${got}"`,
	notANumber: ({ command, option, got }) => `${command}: option "${option}" needs a number, not "${got}"`,
	notABoolean: ({ command, option, got }) => `${command}: option "${option}" needs yes or no, not "${got}"`,
	unknownUser: ({ command, option, got }) => `${command}: no member "${got}" for option "${option}"`,
	unknownRole: ({ command, option, got }) => `${command}: no role "${got}" for option "${option}"`,
	unknownChannel: ({ command, option, got }) => `${command}: no channel "${got}" for option "${option}"`,
	attachment: ({ command, option }) => `${command}: option "${option}" takes a file, which the sandbox cannot attach`,
	category: ({ channel }) => `#${channel} is a category: Discord lets nobody post or run a command there`,
	notInGuild: ({ guild }) => `You are not a member of ${guild}: Discord does not show you its channels`,
	messageGone: () => 'This message no longer exists',
	noSuchComponent: ({ kind }) => (kind === 'button' ? 'This message has no such button' : 'This message has no such menu'),
	componentDisabled: ({ kind, label }) => `The ${kind === 'button' ? 'button' : 'menu'}${label ? ` "${label}"` : ''} is disabled`,
	noMessageCommand: ({ typed }) => `The message's Apps menu offers no command "${typed}"`,
	formClosed: () => 'This form is no longer open',
	fieldRequired: ({ form, field }) => `${form}: the field "${field}" is required`,
	fieldTooShort: ({ form, field, min, length }) => `${form}: the field "${field}" needs at least ${min} characters (got ${length})`,
	fieldTooLong: ({ form, field, max, length }) => `${form}: the field "${field}" takes at most ${max} characters (got ${length})`,
	unknownFields: ({ form, typed, fields }) => `${form}: no field ${typed.map((name) => `"${name}"`).join(', ')} (fields: ${fields.join(', ')})`
};

/** A kind of channel as a noun phrase: « un salon vocal », "a voice channel". */
const kinds: Partial<Record<ChannelType, { fr: string; en: string }>> = {
	[ChannelType.GuildText]: { fr: 'un salon textuel', en: 'a text channel' },
	[ChannelType.GuildVoice]: { fr: 'un salon vocal', en: 'a voice channel' },
	[ChannelType.GuildCategory]: { fr: 'une catégorie', en: 'a category' },
	[ChannelType.GuildAnnouncement]: { fr: 'un salon d’annonces', en: 'an announcement channel' },
	[ChannelType.GuildStageVoice]: { fr: 'un salon de conférence', en: 'a stage channel' },
	[ChannelType.GuildForum]: { fr: 'un salon forum', en: 'a forum channel' },
	[ChannelType.GuildMedia]: { fr: 'un salon multimédia', en: 'a media channel' },
	[ChannelType.PublicThread]: { fr: 'un fil public', en: 'a public thread' },
	[ChannelType.PrivateThread]: { fr: 'un fil privé', en: 'a private thread' },
	[ChannelType.AnnouncementThread]: { fr: 'un fil d’annonces', en: 'an announcement thread' }
};
const channelKind = {
	fr: (type: ChannelType) => kinds[type]?.fr ?? `un salon de type ${type}`,
	en: (type: ChannelType) => kinds[type]?.en ?? `a channel of type ${type}`
};

/** The refusal in this language (a locale tag: `en`, `en-US` for English, French otherwise). */
export function sayRefusal(refusal: Refusal, locale: string): string {
	const texts = locale.startsWith('en') ? en : fr;
	return (texts[refusal.reason] as (refusal: Refusal) => string)(refusal);
}

/** What to tell the reader of an error met while sending: a refusal in their language, anything else as it was thrown. */
export function explainError(error: unknown, locale: string): string {
	const refusal = refusalOf(error);
	if (refusal) return sayRefusal(refusal, locale);
	return error instanceof Error ? error.message : String(error);
}
