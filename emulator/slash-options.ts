import { ApplicationCommandOptionType, ChannelType } from 'discord.js';
import type {
	APIApplicationCommand,
	APIApplicationCommandChannelOption,
	APIApplicationCommandInteractionDataOption,
	APIApplicationCommandOption,
	APIApplicationCommandOptionChoice,
	APIInteractionDataResolved
} from 'discord.js';
import { findChoice, isNamed, localizedName, type Named } from './localized-names.ts';
import { CommandRefused } from './refusals.ts';
import type { DiscordState } from './state.ts';
import type { SlashCommandInput, SlashOptionValue } from './types.ts';

type DataOption = APIApplicationCommandInteractionDataOption;
type Resolved = { -readonly [K in keyof APIInteractionDataResolved]-?: NonNullable<APIInteractionDataResolved[K]> };

/** Who runs the command, where: resolved channels carry this user's permissions. */
export interface Invoker {
	guildId: string | undefined;
	userId: string;
	/** The member's language: subcommands and options may be typed by the names shown in it. */
	locale?: string;
}

export interface BuiltOptions {
	options: DataOption[];
	resolved: Partial<Resolved>;
}

/** The option a value is typed for: the command and option as the member's client shows them, and the name they typed. */
interface OptionAt {
	command: string;
	option: string;
	typed: string;
}

/** What a refusal names: the command and the option, as shown. */
const subject = ({ command, option }: OptionAt) => ({ command, option });

const TRUE_WORDS = new Set(['true', 'yes', 'oui', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'non', '0', 'off']);

/**
 * Turns `{ name: 'tasks' }` into the typed option tree Discord would send, using the
 * registered command definition (so `/plugins disable name:tasks` becomes a subcommand
 * holding a string option), and fills `resolved` for users, roles and channels. Subcommands and
 * options typed by their localized names (`/aide commande:…` or `/help command:…`) are sent by
 * their own names, and a choice typed by the name shown (`priorite:Haute`, `priority:high`) by its
 * value, as Discord's client does. What it would not send throws a `CommandRefused`.
 */
export function buildCommandOptions(
	state: DiscordState,
	command: APIApplicationCommand | undefined,
	input: SlashCommandInput,
	invoker: Invoker,
	focused?: string
): BuiltOptions {
	const resolved: Partial<Resolved> = {};
	if (Array.isArray(input.options)) return { options: input.options, resolved };
	const values = input.options ?? {};
	const { locale } = invoker;
	const [groupName, subcommandName] = splitSubcommand(input);
	/** The command as the member sees it, for the refusals. */
	const shown = command ? localizedName(command, locale) : input.name;
	const label = `/${shown}`;
	let definitions = command?.options;
	const find = (typed: string) => definitions?.find((option) => isNamed(option, typed, locale));
	const wrap: ((options: DataOption[]) => DataOption[])[] = [];

	if (groupName) {
		const group = find(groupName);
		if (command && group?.type !== ApplicationCommandOptionType.SubcommandGroup) {
			throw new CommandRefused({ reason: 'unknownSubcommandGroup', command: label, typed: groupName }, `/${shown} has no subcommand group "${groupName}"`);
		}
		definitions = group?.type === ApplicationCommandOptionType.SubcommandGroup ? group.options : undefined;
		const name = group?.name ?? groupName;
		wrap.push((options) => [{ type: ApplicationCommandOptionType.SubcommandGroup, name, options } as DataOption]);
	}
	if (subcommandName) {
		const subcommand = find(subcommandName);
		if (command && subcommand?.type !== ApplicationCommandOptionType.Subcommand) {
			throw new CommandRefused(
				{ reason: 'unknownSubcommand', command: label, typed: subcommandName, subcommands: namesOf(subcommandsOf(definitions), locale) },
				`/${shown} has no subcommand "${subcommandName}" (has: ${listed(namesOf(definitions, locale))})`
			);
		}
		definitions = subcommand?.type === ApplicationCommandOptionType.Subcommand ? subcommand.options : undefined;
		const name = subcommand?.name ?? subcommandName;
		wrap.push((options) => [{ type: ApplicationCommandOptionType.Subcommand, name, options } as DataOption]);
	} else if (definitions?.some((option) => option.type === ApplicationCommandOptionType.Subcommand)) {
		throw new CommandRefused(
			{ reason: 'subcommandNeeded', command: label, subcommands: namesOf(subcommandsOf(definitions), locale) },
			`/${shown} needs a subcommand (one of: ${listed(namesOf(definitions, locale))})`
		);
	}

	const focusedName = focused === undefined ? undefined : (find(focused)?.name ?? focused);
	const options = Object.entries(values).map(([typed, value]) => {
		const definition = find(typed);
		if (command && !definition) {
			throw new CommandRefused(
				{ reason: 'unknownOption', command: label, typed, options: namesOf(definitions, locale) },
				`/${shown}: unknown option "${typed}" (has: ${listed(namesOf(definitions, locale))})`
			);
		}
		const name = definition?.name ?? typed;
		const type = definition?.type ?? inferType(value);
		if (name === focusedName) return { type, name, value: String(value), focused: true } as DataOption;
		const at = { command: label, option: definition ? localizedName(definition, locale) : typed, typed };
		// Discord's client sends the value of the choice picked by the name it shows.
		const choices = definition && 'choices' in definition ? definition.choices : undefined;
		const converted = (choices && findChoice<APIApplicationCommandOptionChoice>(choices, value, locale)?.value) ?? convertValue(state, type, at, value, invoker, resolved, definition && 'channel_types' in definition ? definition.channel_types : undefined);
		if (command && definition) refuseOutOfBounds(at, definition, converted, locale);
		if (command && definition?.type === ApplicationCommandOptionType.Channel) refuseChannelType(state, at, definition, String(converted));
		return { type, name, value: converted } as DataOption;
	});

	if (command && focused === undefined) {
		const given = new Set(options.map((option) => option.name));
		const missing = (definitions ?? []).filter((option) => 'required' in option && option.required && !given.has(option.name));
		if (missing.length > 0) {
			throw new CommandRefused({ reason: 'missingOptions', command: label, options: namesOf(missing, locale) }, `/${shown}: missing required option(s) ${listed(namesOf(missing, locale))}`);
		}
	}

	return { options: wrap.reduceRight((inner, wrapper) => wrapper(inner), options), resolved };
}

/** `/plan type:…`: what Discord's client would not send (a value outside the choices, too long, too small…). */
function refuseOutOfBounds(at: OptionAt, definition: APIApplicationCommandOption, value: string | number | boolean, locale: string | undefined): void {
	const where = `${at.command}: option "${at.typed}"`;
	const choices = 'choices' in definition ? definition.choices : undefined;
	if (choices?.length && !choices.some((choice) => choice.value === value)) {
		throw new CommandRefused(
			{ reason: 'notAChoice', ...subject(at), choices: namesOf(choices, locale), got: String(value) },
			`${where} must be one of: ${describeChoices(choices)} (got "${String(value)}")`
		);
	}
	if (typeof value === 'string') {
		const { min_length: min, max_length: max } = definition as { min_length?: number; max_length?: number };
		const length = value.length;
		if (min !== undefined && length < min) throw new CommandRefused({ reason: 'tooShort', ...subject(at), min, length }, `${where} needs at least ${min} characters (got ${length})`);
		if (max !== undefined && length > max) throw new CommandRefused({ reason: 'tooLong', ...subject(at), max, length }, `${where} takes at most ${max} characters (got ${length})`);
	}
	if (typeof value === 'number') {
		const { min_value: min, max_value: max } = definition as { min_value?: number; max_value?: number };
		if (min !== undefined && value < min) throw new CommandRefused({ reason: 'tooSmall', ...subject(at), min, got: value }, `${where} must be at least ${min} (got ${value})`);
		if (max !== undefined && value > max) throw new CommandRefused({ reason: 'tooBig', ...subject(at), max, got: value }, `${where} must be at most ${max} (got ${value})`);
	}
}

const CHANNEL_KINDS: Partial<Record<ChannelType, string>> = {
	[ChannelType.GuildText]: 'text',
	[ChannelType.GuildVoice]: 'voice',
	[ChannelType.GuildCategory]: 'category',
	[ChannelType.GuildAnnouncement]: 'announcement',
	[ChannelType.GuildStageVoice]: 'stage',
	[ChannelType.GuildForum]: 'forum',
	[ChannelType.GuildMedia]: 'media',
	[ChannelType.PublicThread]: 'public thread',
	[ChannelType.PrivateThread]: 'private thread',
	[ChannelType.AnnouncementThread]: 'announcement thread'
};
const kindOf = (type: ChannelType) => CHANNEL_KINDS[type] ?? `type ${type}`;

/** Discord's client offers only channels of the option's `channel_types`, and Discord refuses any other. */
function refuseChannelType(state: DiscordState, at: OptionAt, definition: APIApplicationCommandChannelOption, channelId: string): void {
	const kinds = definition.channel_types;
	const channel = state.channels.get(channelId);
	if (!kinds?.length || !channel || kinds.includes(channel.type as (typeof kinds)[number])) return;
	const name = channel.name ?? channel.id;
	throw new CommandRefused(
		{ reason: 'wrongChannelType', ...subject(at), channel: name, type: channel.type, expected: [...kinds] },
		`${at.command}: option "${at.typed}" takes a ${kinds.map(kindOf).join(' or ')} channel: #${name} is a ${kindOf(channel.type)} channel`
	);
}

/** `chantier (Chantier), conges (Congés)`: the value to type, and what Discord shows. */
export function describeChoices(choices: readonly { name: string; value: string | number }[]): string {
	return choices.map((choice) => (String(choice.value) === choice.name ? choice.name : `${choice.value} (${choice.name})`)).join(', ');
}

function splitSubcommand(input: SlashCommandInput): [string | undefined, string | undefined] {
	const parts = input.subcommand?.trim().split(/\s+/).filter(Boolean) ?? [];
	if (parts.length === 2) return [parts[0], parts[1]];
	return [input.subcommandGroup, parts[0]];
}

/** Names of options, subcommands or choices, as shown in this locale. */
function namesOf(named: readonly Named[] | undefined, locale: string | undefined): string[] {
	return (named ?? []).map((option) => localizedName(option, locale));
}

const listed = (names: string[]) => names.join(', ') || 'none';

const subcommandsOf = (options: readonly APIApplicationCommandOption[] | undefined) =>
	(options ?? []).filter((option) => option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup);

function inferType(value: SlashOptionValue): ApplicationCommandOptionType {
	if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
	if (typeof value === 'number') return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
	return ApplicationCommandOptionType.String;
}

function convertValue(
	state: DiscordState,
	type: ApplicationCommandOptionType,
	at: OptionAt,
	value: SlashOptionValue,
	invoker: Invoker,
	resolved: Partial<Resolved>,
	channelTypes?: readonly ChannelType[]
): string | number | boolean {
	const text = String(value);
	const guildId = invoker.guildId;
	const name = at.typed;
	switch (type) {
		case ApplicationCommandOptionType.Integer: {
			const integer = Number(text);
			if (!Number.isInteger(integer)) throw new CommandRefused({ reason: 'notAnInteger', ...subject(at), got: text }, `Option "${name}" needs an integer, got "${text}"`);
			return integer;
		}
		case ApplicationCommandOptionType.Number: {
			const number = Number(text);
			if (Number.isNaN(number)) throw new CommandRefused({ reason: 'notANumber', ...subject(at), got: text }, `Option "${name}" needs a number, got "${text}"`);
			return number;
		}
		case ApplicationCommandOptionType.Boolean:
			if (typeof value === 'boolean') return value;
			if (TRUE_WORDS.has(text.toLowerCase())) return true;
			if (FALSE_WORDS.has(text.toLowerCase())) return false;
			throw new CommandRefused({ reason: 'notABoolean', ...subject(at), got: text }, `Option "${name}" needs true or false, got "${text}"`);
		case ApplicationCommandOptionType.User:
			return resolveUser(state, at, text, guildId, resolved);
		case ApplicationCommandOptionType.Role:
			return resolveRole(state, at, text, guildId, resolved);
		case ApplicationCommandOptionType.Mentionable:
			return state.findUser(text, guildId) ? resolveUser(state, at, text, guildId, resolved) : resolveRole(state, at, text, guildId, resolved);
		case ApplicationCommandOptionType.Channel: {
			// Discord's picker offers only the option's channel types: a name shared with a category means the channel.
			const channel = state.findChannel(text, guildId, channelTypes);
			if (!channel) throw new CommandRefused({ reason: 'unknownChannel', ...subject(at), got: text }, `Option "${name}": no channel "${text}"`);
			resolved.channels = {
				...resolved.channels,
				[channel.id]: {
					id: channel.id,
					name: channel.name ?? null,
					type: channel.type,
					parent_id: channel.parent_id ?? null,
					permissions: guildId ? state.permissionsOf(guildId, invoker.userId, channel.id).toString() : '0'
				} as Resolved['channels'][string]
			};
			return channel.id;
		}
		case ApplicationCommandOptionType.Attachment:
			throw new CommandRefused({ reason: 'attachment', ...subject(at) }, `Option "${name}": attachment options are not supported by the test server`);
		default:
			return text;
	}
}

function resolveUser(state: DiscordState, at: OptionAt, text: string, guildId: string | undefined, resolved: Partial<Resolved>): string {
	const user = state.findUser(text, guildId);
	if (!user) throw new CommandRefused({ reason: 'unknownUser', ...subject(at), got: text }, `Option "${at.typed}": no user "${text}"`);
	resolved.users = { ...resolved.users, [user.id]: user };
	if (guildId && state.members(guildId).has(user.id)) {
		const { user: _user, ...member } = state.memberPayload(guildId, user.id);
		resolved.members = {
			...resolved.members,
			[user.id]: { ...member, permissions: state.permissionsOf(guildId, user.id).toString() } as Resolved['members'][string]
		};
	}
	return user.id;
}

function resolveRole(state: DiscordState, at: OptionAt, text: string, guildId: string | undefined, resolved: Partial<Resolved>): string {
	const role = guildId ? state.findRole(text, guildId) : undefined;
	if (!role) throw new CommandRefused({ reason: 'unknownRole', ...subject(at), got: text }, `Option "${at.typed}": no role "${text}"`);
	resolved.roles = { ...resolved.roles, [role.id]: role };
	return role.id;
}
