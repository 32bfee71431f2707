import { Command, type Args } from '@sapphire/framework';
import {
	ApplicationCommandOptionType,
	ApplicationCommandType,
	type APIApplicationCommandOption,
	type ChatInputCommandInteraction,
	type Message,
	type RESTPostAPIChatInputApplicationCommandsJSONBody
} from 'discord.js';
import { buildEmbed, inEnglish, localeOf, matrixDecision, respond, type Locale } from '#core/plugin-kit.ts';
import { english } from '../localized.ts';
import { text } from '../text.ts';

interface CommandHelp {
	name: string;
	/** As the text names it: `/tache`, or `Signaler` for a menu command. */
	shown: string;
	/** Where a menu command is found (`clic droit sur un message › Applications`); none for a slash command. */
	menu?: string;
	plugin: string;
	description: string;
	/** Lines of the usage field, as markdown. */
	usage: string[];
	names: string[];
	/** Whether the command's own preconditions (permissions, where it runs) let this member run it here. */
	allowed: boolean;
}

/** What asked for help: the preconditions are run against it, as they will be against the command. */
type Asker = ChatInputCommandInteraction | Command.AutocompleteInteraction | Message;

export class HelpCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'help',
			aliases: ['aide'],
			description: text('en')('helpDescription'),
			prefixUsage: { fr: text('fr')('usageHelp'), en: text('en')('usageHelp') }
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('help')
				.setNameLocalizations({ fr: 'aide' })
				.setDescription(text('fr')('helpDescription'))
				.setDescriptionLocalizations(english('helpDescription'))
				.addStringOption((option) =>
					option
						.setName('commande')
						.setNameLocalizations(inEnglish('command'))
						.setDescription(text('fr')('helpOption'))
						.setDescriptionLocalizations(english('helpOption'))
						.setRequired(false)
						.setAutocomplete(true)
				)
		);
	}

	public override async autocompleteRun(interaction: Command.AutocompleteInteraction) {
		const typed = interaction.options.getFocused().toLowerCase();
		const helps = await this.helps(interaction, localeOf(interaction));
		await interaction.respond(
			helps
				.filter((help) => help.allowed && help.names.some((name) => name.includes(typed)))
				.slice(0, 25)
				.map((help) => ({ name: `${help.shown} — ${help.description}`.slice(0, 100), value: help.name }))
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.answer(interaction, interaction.options.getString('commande'));
	}

	public override async messageRun(message: Message, args: Args) {
		return this.answer(message, await args.pick('string').catch(() => null));
	}

	private async answer(target: ChatInputCommandInteraction | Message, wanted: string | null) {
		const locale = localeOf(target as { locale?: string });
		const t = text(locale);
		const helps = await this.helps(target, locale);
		if (!wanted) {
			const byPlugin = new Map<string, CommandHelp[]>();
			for (const help of helps.filter((candidate) => candidate.allowed)) byPlugin.set(help.plugin, [...(byPlugin.get(help.plugin) ?? []), help]);
			const fields = [...byPlugin].map(([plugin, list]) => ({
				name: plugin,
				value: list.map((help) => `\`${help.shown}\`${help.menu ? ` (${help.menu})` : ''} — ${help.description}`).join('\n').slice(0, 1024)
			}));
			await respond(target, { embeds: [buildEmbed({ kind: 'info', title: t('helpTitle'), description: t('helpFooter'), fields })], ephemeral: true });
			return;
		}
		const name = wanted.replace(/^[/!]/, '').toLowerCase();
		const help = helps.find((candidate) => candidate.names.includes(name));
		if (!help) {
			await respond(target, { embeds: [buildEmbed({ kind: 'warning', title: t('helpTitle'), description: t('helpUnknown', { command: name }) })], ephemeral: true });
			return;
		}
		if (!help.allowed) {
			await respond(target, { embeds: [buildEmbed({ kind: 'warning', title: t('helpTitle'), description: t('helpNotAllowed', { command: help.shown }) })], ephemeral: true });
			return;
		}
		const embed = buildEmbed({
			kind: 'info',
			title: t('helpCommandTitle', { command: help.shown }),
			description: help.description,
			fields: [
				{ name: t('helpUsage'), value: help.usage.join('\n') },
				{ name: t('helpPlugin'), value: help.plugin, inline: true }
			]
		});
		await respond(target, { embeds: [embed], ephemeral: true });
	}

	/** Commands of the plugins active in this guild, described in the reader's language, with whether the asker may run each. */
	private async helps(asker: Asker, locale: Locale): Promise<CommandHelp[]> {
		const { plugins, commandSync, stores } = this.container;
		const t = text(locale);
		const helps: CommandHelp[] = [];
		for (const command of stores.get('commands').values()) {
			const plugin = plugins.pluginOf(command);
			if (plugin && !plugins.isActive(plugin, asker.guildId)) continue;
			const [declared] = await commandSync.definitionsFor(command);
			// A menu command (right-click › Apps) has no description nor options on Discord: it says where it is found.
			const menu = declared?.type === ApplicationCommandType.Message ? t('helpMessageMenu') : declared?.type === ApplicationCommandType.User ? t('helpUserMenu') : undefined;
			const definition = declared as RESTPostAPIChatInputApplicationCommandsJSONBody | undefined;
			const localized = (map?: Partial<Record<string, string | null>> | null) => (locale === 'en' ? map?.['en-US'] : map?.fr) ?? undefined;
			const name = (definition && localized(definition.name_localizations)) ?? definition?.name ?? command.name;
			// Asked with the prefix, the prefix form comes first, as `!tache aide` shows it.
			const prefixForm = 'author' in asker ? command.options.prefixUsage?.[locale] : undefined;
			const prefixUsage = prefixForm ? [prefixForm] : [];
			helps.push({
				name,
				shown: menu ? name : `/${name}`,
				...(menu ? { menu } : {}),
				plugin: plugin ?? 'core',
				description: menu
					? (command.options.menuDescription?.[locale] ?? command.description)
					: ((definition && localized(definition.description_localizations)) ?? definition?.description ?? command.description),
				usage: menu ? [`${menu} › **${name}**`] : [...prefixUsage, ...usageLines(name, definition?.options ?? [], locale).map((line) => `\`${line}\``)],
				names: [command.name, name, ...command.aliases].map((alias) => alias.toLowerCase()),
				allowed: await this.mayRun(asker, command)
			});
		}
		return helps.sort((a, b) => a.plugin.localeCompare(b.plugin) || a.name.localeCompare(b.name));
	}

	/**
	 * Runs the command's own preconditions (required permissions, where it runs, a plugin's checks)
	 * against the asker, as Sapphire will when the command is run, after the server's permission
	 * matrix. The other global ones are left out: the plugin gate is checked by the caller, and the
	 * rate limit would count the look as a use.
	 */
	private async mayRun(asker: Asker, command: Command): Promise<boolean> {
		try {
			if (matrixDecision(asker, command)?.outcome === 'deny') return false;
			const result =
				'author' in asker
					? await command.preconditions.messageRun(asker, command as never)
					: await command.preconditions.chatInputRun(asker as ChatInputCommandInteraction, command as never);
			return result.isOk();
		} catch (error) {
			this.container.pino.warn({ err: error, command: command.name }, 'help: a precondition threw; the command is left out');
			return false;
		}
	}
}

/** One line per subcommand, or one line with the options: `/plugins enable <plugin> [scope]`. */
function usageLines(name: string, options: APIApplicationCommandOption[], locale: Locale): string[] {
	const subcommands = options.filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
	if (subcommands.length > 0) return subcommands.map((subcommand) => `/${name} ${usageOf(subcommand, locale)}`);
	return [`/${name} ${options.map((option) => usageOf(option, locale)).join(' ')}`.trim()];
}

function usageOf(option: APIApplicationCommandOption, locale: Locale): string {
	const name = (locale === 'en' ? option.name_localizations?.['en-US'] : option.name_localizations?.fr) ?? option.name;
	if (option.type === ApplicationCommandOptionType.Subcommand) return `${name} ${(option.options ?? []).map((sub) => usageOf(sub, locale)).join(' ')}`.trim();
	if (option.type === ApplicationCommandOptionType.SubcommandGroup) return `${name} …`;
	return option.required ? `<${name}>` : `[${name}]`;
}
