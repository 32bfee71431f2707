// What Discord checks in an application command it is given, answered in its 50035 shape.
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';

type Errors = Record<string, unknown>;

const nameRule = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const reason = (code: string, message: string) => ({ _errors: [{ code, message }] });

/** Options a command or a subcommand holds: subcommands and groups hold their own. */
const isContainer = (type: unknown) => type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup;

/** Slash commands and options: Discord's pattern, lower case. Menus (user, message): any 1 to 32 characters, capitals and spaces included. */
function nameErrors(name: unknown, slash: boolean): Errors | undefined {
	const valid = typeof name === 'string' && (slash ? nameRule.test(name) && name === name.toLowerCase() : [...name].length >= 1 && [...name].length <= 32);
	return valid ? undefined : reason('APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
}

function descriptionErrors(description: unknown): Errors | undefined {
	const length = typeof description === 'string' ? [...description].length : 0;
	return length >= 1 && length <= 100 ? undefined : reason('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
}

function optionListErrors(options: unknown): Errors | undefined {
	if (!Array.isArray(options)) return undefined;
	const errors: Errors = {};
	if (options.length > 25) return reason('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
	const names = new Set<unknown>();
	let optionalSeen = false;
	for (const [index, option] of (options as Record<string, unknown>[]).entries()) {
		const own: Errors = {};
		const name = nameErrors(option.name, true);
		if (name) own.name = name;
		const description = descriptionErrors(option.description);
		if (description) own.description = description;
		if (Array.isArray(option.choices) && option.choices.length > 25) own.choices = reason('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
		if (isContainer(option.type)) {
			const inner = optionListErrors(option.options);
			if (inner) own.options = inner;
		}
		if (Object.keys(own).length > 0) errors[index] = own;
		if (names.has(option.name)) return reason('APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME', 'Option names must be unique');
		names.add(option.name);
		if (!isContainer(option.type)) {
			if (option.required === true && optionalSeen) return reason('APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
			if (option.required !== true) optionalSeen = true;
		}
	}
	return Object.keys(errors).length > 0 ? errors : undefined;
}

/** Discord's errors for one command definition (`{ name: { _errors: […] } }`), or undefined when it takes it. */
export function commandErrors(definition: Record<string, unknown>): Errors | undefined {
	const type = (definition.type as number | undefined) ?? ApplicationCommandType.ChatInput;
	const chatInput = type === ApplicationCommandType.ChatInput;
	const errors: Errors = {};
	const name = nameErrors(definition.name, chatInput);
	if (name) errors.name = name;
	if (chatInput) {
		const description = descriptionErrors(definition.description);
		if (description) errors.description = description;
		const options = optionListErrors(definition.options);
		if (options) errors.options = options;
	}
	return Object.keys(errors).length > 0 ? errors : undefined;
}

/** Discord's errors for a bulk overwrite, keyed by each refused command's index (a repeated name included), or undefined. */
export function commandListErrors(definitions: Record<string, unknown>[]): Errors | undefined {
	const errors: Errors = {};
	const seen = new Set<string>();
	for (const [index, definition] of definitions.entries()) {
		const own = commandErrors(definition);
		const key = `${(definition.type as number | undefined) ?? ApplicationCommandType.ChatInput}:${String(definition.name)}`;
		if (own) errors[index] = own;
		else if (seen.has(key)) errors[index] = { name: reason('APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique') };
		seen.add(key);
	}
	return Object.keys(errors).length > 0 ? errors : undefined;
}
