import { Command, type Args } from '@sapphire/framework';
import {
	ApplicationCommandOptionType,
	type APIApplicationCommandOption,
	type ChatInputCommandInteraction,
	type Message,
	type RESTPostAPIChatInputApplicationCommandsJSONBody
} from 'discord.js';
import { buildEmbed, inEnglish, localeOf, respond, type Locale } from '#core/plugin-kit.ts';
import { english } from '../localized.ts';
import { text } from '../text.ts';

interface CommandHelp {
	name: string;
	plugin: string;
	description: string;
	usage: string[];
	names: string[];
}

export class HelpCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, { ...options, name: 'help', aliases: ['aide'], description: text('en')('helpDescription') });
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
		const helps = await this.helps(interaction.guildId, localeOf(interaction));
		await interaction.respond(
			helps
				.filter((help) => help.names.some((name) => name.includes(typed)))
				.slice(0, 25)
				.map((help) => ({ name: `/${help.name} — ${help.description}`.slice(0, 100), value: help.name }))
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
		const helps = await this.helps(target.guildId, locale);
		if (!wanted) {
			const byPlugin = new Map<string, CommandHelp[]>();
			for (const help of helps) byPlugin.set(help.plugin, [...(byPlugin.get(help.plugin) ?? []), help]);
			const fields = [...byPlugin].map(([plugin, list]) => ({
				name: plugin,
				value: list.map((help) => `\`/${help.name}\` — ${help.description}`).join('\n').slice(0, 1024)
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
		const embed = buildEmbed({
			kind: 'info',
			title: t('helpCommandTitle', { command: help.name }),
			description: help.description,
			fields: [
				{ name: t('helpUsage'), value: help.usage.map((line) => `\`${line}\``).join('\n') },
				{ name: t('helpPlugin'), value: help.plugin, inline: true }
			]
		});
		await respond(target, { embeds: [embed], ephemeral: true });
	}

	/** Commands of the plugins active in this guild, described in the reader's language. */
	private async helps(guildId: string | null, locale: Locale): Promise<CommandHelp[]> {
		const { plugins, commandSync, stores } = this.container;
		const helps: CommandHelp[] = [];
		for (const command of stores.get('commands').values()) {
			const plugin = plugins.pluginOf(command);
			if (plugin && !plugins.isActive(plugin, guildId)) continue;
			const [definition] = (await commandSync.definitionsFor(command)) as RESTPostAPIChatInputApplicationCommandsJSONBody[];
			const localized = (map?: Partial<Record<string, string | null>> | null) => (locale === 'en' ? map?.['en-US'] : map?.fr) ?? undefined;
			const name = (definition && localized(definition.name_localizations)) ?? definition?.name ?? command.name;
			helps.push({
				name,
				plugin: plugin ?? 'core',
				description: (definition && localized(definition.description_localizations)) ?? definition?.description ?? command.description,
				usage: usageLines(name, definition?.options ?? [], locale),
				names: [command.name, name, ...command.aliases].map((alias) => alias.toLowerCase())
			});
		}
		return helps.sort((a, b) => a.plugin.localeCompare(b.plugin) || a.name.localeCompare(b.name));
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
