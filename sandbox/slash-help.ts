/** What the terminal chat says about a slash command before sending it: a command that does not exist, and `opt:?` help. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord.js';
import { closest, distance } from 'fastest-levenshtein';
import type { DiscordServer } from '../emulator/index.ts';
import { inLocale, isNamed, localizedName } from '../emulator/localized-names.ts';
import { describeChoices } from '../emulator/slash-options.ts';

export interface TypedSlashCommand {
	name: string;
	subcommand?: string;
	options: Record<string, string>;
}

export interface Speaker {
	guildId: string;
	userId: string;
	channelId: string;
	/** The member's Discord language: the names they type and read in the command picker. */
	locale: string;
	/** The language the help's own words are in (the terminal's reader, who may have chosen another with /langue). Default: `locale`. */
	reader?: string;
}

/** What the help says, in the reader's language, as the bot's answers and the local server's refusals are. */
const helpTexts = {
	en: {
		unknownNear: (name: string, nearest: string) => `/${name} is not a command here. Did you mean /${nearest}?`,
		unknown: (name: string, help: string | undefined) => `/${name} is not a command here${help ? ` (/${help} lists them)` : ''}.`,
		noOption: (command: string, name: string, has: string) => `/${command} has no option "${name}" (has: ${has || 'none'})`,
		option: (name: string, description: string) => `${name}: ${description}`,
		required: ' (required)',
		oneOf: 'one of:',
		suggestions: 'suggestions:',
		noSuggestion: '(no suggestion for an empty value)',
		kinds: {
			[ApplicationCommandOptionType.String]: 'text',
			[ApplicationCommandOptionType.Integer]: 'whole number',
			[ApplicationCommandOptionType.Number]: 'number',
			[ApplicationCommandOptionType.Boolean]: 'yes or no',
			[ApplicationCommandOptionType.User]: 'member',
			[ApplicationCommandOptionType.Channel]: 'channel',
			[ApplicationCommandOptionType.Role]: 'role',
			[ApplicationCommandOptionType.Mentionable]: 'member or role',
			[ApplicationCommandOptionType.Attachment]: 'file'
		} as Partial<Record<ApplicationCommandOptionType, string>>
	},
	fr: {
		unknownNear: (name: string, nearest: string) => `/${name} n’est pas une commande ici. Vouliez-vous dire /${nearest} ?`,
		unknown: (name: string, help: string | undefined) => `/${name} n’est pas une commande ici${help ? ` (/${help} les liste)` : ''}.`,
		noOption: (command: string, name: string, has: string) => `/${command} n’a pas d’option « ${name} » (options : ${has || 'aucune'})`,
		option: (name: string, description: string) => `${name} : ${description}`,
		required: ' (obligatoire)',
		oneOf: 'au choix :',
		suggestions: 'suggestions :',
		noSuggestion: '(aucune suggestion pour une valeur vide)',
		kinds: {
			[ApplicationCommandOptionType.String]: 'texte',
			[ApplicationCommandOptionType.Integer]: 'nombre entier',
			[ApplicationCommandOptionType.Number]: 'nombre',
			[ApplicationCommandOptionType.Boolean]: 'oui ou non',
			[ApplicationCommandOptionType.User]: 'membre',
			[ApplicationCommandOptionType.Channel]: 'salon',
			[ApplicationCommandOptionType.Role]: 'rôle',
			[ApplicationCommandOptionType.Mentionable]: 'membre ou rôle',
			[ApplicationCommandOptionType.Attachment]: 'fichier'
		} as Partial<Record<ApplicationCommandOptionType, string>>
	}
};
type HelpTexts = (typeof helpTexts)['en'];

/** The value that asks for an option's choices instead of sending: `/planifier type:?`. */
export const askChoices = '?';

/**
 * Null when the command can be sent as typed. Otherwise what to print instead: that the command
 * does not exist (with the nearest name among those Discord's picker would show the speaker), or the
 * choices and suggestions of each option typed as `opt:?`. Names are read and shown as in the speaker's
 * locale (`/aide commande:?` in French, a choice by its shown name); the texts are in the reader's language.
 */
export async function slashCommandHelp(server: DiscordServer, typed: TypedSlashCommand, speaker: Speaker): Promise<string | null> {
	const { locale } = speaker;
	const texts = helpTexts[(speaker.reader ?? locale).startsWith('en') ? 'en' : 'fr'];
	const command = server.state.findCommand(typed.name, speaker.guildId, ApplicationCommandType.ChatInput, locale);
	const offered = server.commandsShownTo(speaker.userId, speaker.channelId);
	if (!command) return unknownCommand(offered, typed.name, speaker, texts);
	const asked = Object.entries(typed.options).filter(([, value]) => value === askChoices);
	// A command Discord hides from the member is sent as typed: the local server refuses it, and says why.
	if (asked.length === 0 || !offered.includes(command)) return null;
	const definitions = optionsOf(command, typed.subcommand, locale);
	const others = Object.fromEntries(Object.entries(typed.options).filter(([, value]) => value !== askChoices));
	const lines: string[] = [];
	for (const [name] of asked) {
		const definition = definitions.find((option) => isNamed(option, name, locale));
		if (!definition) {
			const has = definitions.map((option) => localizedName(option, locale)).join(', ');
			lines.push(`! ${texts.noOption(localizedName(command, locale), name, has)}`);
			continue;
		}
		lines.push(await describeOption(server, typed, definition, { ...others, [name]: '' }, speaker, texts));
	}
	return lines.join('\n');
}

/**
 * That the command does not exist, pointing only to names the speaker may type: the own names and those shown
 * in their locale of the commands their client offers them.
 */
function unknownCommand(commands: APIApplicationCommand[], name: string, speaker: Speaker, texts: HelpTexts): string {
	const names = [...new Set(commands.flatMap((command) => [localizedName(command, speaker.locale), command.name]))];
	const wanted = name.toLowerCase();
	const nearest = names.length > 0 ? closest(wanted, names) : undefined;
	// Beyond a third of the name changed, the nearest command is a guess, not a typo.
	const close = nearest !== undefined && distance(wanted, nearest) <= Math.max(2, Math.floor(wanted.length / 3));
	if (close) return `! ${texts.unknownNear(name, nearest)}`;
	const help = commands.find((command) => command.name === 'help');
	return `! ${texts.unknown(name, help ? localizedName(help, speaker.locale) : undefined)}`;
}

function optionsOf(command: APIApplicationCommand, subcommand: string | undefined, locale: string): APIApplicationCommandOption[] {
	let options = command.options ?? [];
	for (const part of subcommand?.split(/\s+/).filter(Boolean) ?? []) {
		const next = options.find((option) => isNamed(option, part, locale));
		options = next && 'options' in next ? ((next.options ?? []) as APIApplicationCommandOption[]) : [];
	}
	return options;
}

async function describeOption(
	server: DiscordServer,
	typed: TypedSlashCommand,
	definition: APIApplicationCommandOption,
	options: Record<string, string>,
	speaker: Speaker,
	texts: HelpTexts
): Promise<string> {
	const { locale } = speaker;
	const description = inLocale(definition.description, definition.description_localizations, locale);
	const head = texts.option(`${localizedName(definition, locale)}${'required' in definition && definition.required ? texts.required : ''}`, description);
	// A choice is typed by the name the member's client shows.
	const choices = 'choices' in definition ? definition.choices?.map((choice) => localizedName(choice, locale)) : undefined;
	if (choices?.length) return `${head}\n  ${texts.oneOf} ${choices.join(', ')}`;
	if ('autocomplete' in definition && definition.autocomplete) {
		const suggestions = await server.sendAutocomplete({
			name: typed.name,
			...(typed.subcommand ? { subcommand: typed.subcommand } : {}),
			options,
			focused: definition.name,
			userId: speaker.userId,
			channelId: speaker.channelId,
			locale: speaker.locale
		});
		return suggestions.length > 0 ? `${head}\n  ${texts.suggestions} ${describeChoices(suggestions)}` : `${head}\n  ${texts.noSuggestion}`;
	}
	return `${head}\n  ${texts.kinds[definition.type] ?? ApplicationCommandOptionType[definition.type].toLowerCase()}`;
}
