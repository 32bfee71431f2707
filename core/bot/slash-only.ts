// What a member who types a slash-only command with the prefix (`!timeout`) is told: the command's slash form.
import { container, type Command } from '@sapphire/framework';
import { ApplicationCommandType, type Message } from 'discord.js';
import { commandDefinitions } from '../host/command-definitions.ts';
import { localeOf, type Locale } from '../i18n.ts';
import { buildEmbed } from '../ui/embeds.ts';
import { respondWithEmbed } from '../ui/respond.ts';
import { coreText } from './text.ts';

/**
 * Answers a prefix message naming a command that has no prefix form, with its slash name in the member's
 * language. Silent for a command of a plugin switched off there (it would not run as a slash command either)
 * and for a menu-only command (nothing to type).
 */
export async function explainSlashOnly(message: Message, command: Command): Promise<void> {
	const plugin = container.plugins.pluginOf(command);
	if (plugin && !container.plugins.isActive(plugin, message.guildId)) return;
	const locale = localeOf(message);
	const name = await slashNameShown(command, locale);
	if (!name) return;
	const text = coreText(locale);
	container.pino.info({ command: command.name, plugin, actorId: message.author.id }, 'Slash-only command typed with the prefix');
	await respondWithEmbed(message, buildEmbed({ kind: 'info', title: text('slashOnlyTitle'), description: text('slashOnly', { command: name }) }));
}

/** A command's slash name as a Discord client in `locale` shows it (`aide` for the `help` piece); undefined for a menu-only command. */
export async function slashNameShown(command: Command, locale: Locale): Promise<string | undefined> {
	const slash = (await commandDefinitions(command, container.pino)).find((data) => (data.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput);
	if (!slash) return undefined;
	return (locale === 'en' ? slash.name_localizations?.['en-US'] : slash.name_localizations?.fr) ?? slash.name;
}
