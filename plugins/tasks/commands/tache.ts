import { Command, type MessageCommand } from '@sapphire/framework';
import type { ChatInputCommandInteraction, Message } from 'discord.js';
import { inEnglish, localeOf } from '#core/plugin-kit.ts';
import { autocompleteChantier, autocompleteDue, autocompleteTag } from '../autocomplete.ts';
import { answerPrefixHelp, createAndAnswer, openCreateForm, resolvePrefixCreate, warn } from '../flows.ts';
import { parseCreateArgs } from '../prefix.ts';
import { limits, priorities } from '../tasks.ts';
import { en, text } from '../text.ts';

/** `/tache` (EN `/task`) and `!tache …`: creates a task; without a title, opens the form. */
export class TacheCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'tache',
			aliases: ['task', 'tâche'],
			description: text('en')('createDescription'),
			prefixUsage: { fr: text('fr')('helpCreate'), en: text('en')('helpCreate') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('tache')
				.setNameLocalizations(inEnglish('task'))
				.setDescription(fr('createDescription'))
				.setDescriptionLocalizations(en('createDescription'))
				.setContexts(0)
				.addStringOption((option) =>
					option
						.setName('titre')
						.setNameLocalizations(inEnglish('title'))
						.setDescription(fr('optTitle'))
						.setDescriptionLocalizations(en('optTitle'))
						.setMaxLength(limits.title)
				)
				.addStringOption((option) =>
					option
						.setName('echeance')
						.setNameLocalizations(inEnglish('due'))
						.setDescription(fr('optDue'))
						.setDescriptionLocalizations(en('optDue'))
						.setAutocomplete(true)
				)
				.addStringOption((option) =>
					option
						.setName('priorite')
						.setNameLocalizations(inEnglish('priority'))
						.setDescription(fr('optPriority'))
						.setDescriptionLocalizations(en('optPriority'))
						.addChoices(...priorities.map((priority) => ({ name: fr(`priority_${priority}`), name_localizations: en(`priority_${priority}`), value: priority })))
				)
				.addUserOption((option) =>
					option
						.setName('assigne')
						.setNameLocalizations(inEnglish('assignee'))
						.setDescription(fr('optAssignee'))
						.setDescriptionLocalizations(en('optAssignee'))
				)
				.addStringOption((option) =>
					option
						.setName('chantier')
						.setNameLocalizations(inEnglish('site'))
						.setDescription(fr('optChantier'))
						.setDescriptionLocalizations(en('optChantier'))
						.setAutocomplete(true)
				)
				.addStringOption((option) =>
					option
						.setName('tags')
						.setDescription(fr('optTags'))
						.setDescriptionLocalizations(en('optTags'))
						.setAutocomplete(true)
				)
				.addStringOption((option) =>
					option
						.setName('description')
						.setDescription(fr('optDescription'))
						.setDescriptionLocalizations(en('optDescription'))
						.setMaxLength(limits.description)
				)
		);
	}

	public override async autocompleteRun(interaction: Command.AutocompleteInteraction) {
		const focused = interaction.options.getFocused(true);
		if (focused.name === 'chantier') return autocompleteChantier(interaction, focused.value);
		if (focused.name === 'tags') return autocompleteTag(interaction, focused.value, true);
		return autocompleteDue(interaction, focused.value);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const locale = localeOf(interaction);
		const options = interaction.options;
		const values = {
			title: options.getString('titre'),
			description: options.getString('description'),
			priority: options.getString('priorite'),
			due: options.getString('echeance'),
			tags: options.getString('tags'),
			assigneeId: options.getUser('assigne')?.id ?? null,
			chantier: options.getString('chantier')
		};
		if (!values.title) {
			const preset = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
			return openCreateForm(interaction, preset, locale);
		}
		await createAndAnswer(interaction, values, locale);
	}

	public override async messageRun(message: Message, _args: unknown, context: MessageCommand.RunContext) {
		const locale = localeOf(message);
		const raw = message.content.slice(context.commandPrefix.length).trim().slice(context.commandName.length).trim();
		if (!raw || ['aide', 'help', '?'].includes(raw.toLowerCase())) return answerPrefixHelp(message, locale);
		const { input, problems } = await resolvePrefixCreate(message, parseCreateArgs(raw));
		if (problems.length > 0) return warn(message, problems, locale);
		await createAndAnswer(message, input, locale);
	}
}
