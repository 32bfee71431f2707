/**
 * The application commands (slash, user and message menus) a command piece declares, read once per
 * constructed piece. The host reads them before a plugin goes live, to refuse a name another plugin
 * already registers (Discord refuses a whole bulk overwrite with a duplicate), and the command sync
 * pushes them.
 */
import type { Command } from '@sapphire/framework';
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Locale } from '../i18n.ts';
import type { Logger } from '../log.ts';

declare module '@sapphire/framework' {
	interface CommandOptions {
		/** What a user or message menu command does, in each language: Discord gives menus a name but no description, so the help shows this one. */
		menuDescription?: Record<Locale, string>;
		/** How the message form (`{prefix}tache …`) is typed, as markdown, in each language: `!aide <commande>` shows it before the slash form. A command that answers messages declares it. */
		prefixUsage?: Record<Locale, string>;
	}
}

export type CommandData = RESTPostAPIApplicationCommandsJSONBody;

const definitions = new WeakMap<Command, CommandData[]>();

export async function commandDefinitions(command: Command, logger: Logger): Promise<CommandData[]> {
	let data = definitions.get(command);
	if (!data) {
		data = await definitionsOf(command, logger);
		definitions.set(command, data);
	}
	return data;
}

/** Discord's key for a duplicate: two commands of the same type may not share a name. */
export function applicationCommandKey(data: CommandData): string {
	return `${data.type ?? 1}:${data.name}`;
}

/** Runs the command's own registerApplicationCommands once and keeps what it declared. */
async function definitionsOf(command: Command, logger: Logger): Promise<CommandData[]> {
	if (!command.registerApplicationCommands) return [];
	// Sapphire keeps one registry per command name: read what this piece declared right after it declares it.
	const registry = command.applicationCommandRegistry as unknown as { apiCalls: { builtData: CommandData }[] };
	registry.apiCalls.length = 0;
	try {
		await command.registerApplicationCommands(command.applicationCommandRegistry);
	} catch (error) {
		logger.error({ err: error, command: command.name }, 'Command definition failed; command not registered');
		return [];
	}
	return registry.apiCalls.map((call) => call.builtData);
}
