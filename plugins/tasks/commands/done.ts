import { Command, type MessageCommand } from '@sapphire/framework';
import type { ChatInputCommandInteraction, Message } from 'discord.js';
import { inEnglish, localeOf } from '#core/plugin-kit.ts';
import { autocompleteTask } from '../autocomplete.ts';
import { completeAndAnswer, warn } from '../flows.ts';
import { en, text } from '../text.ts';

/** `/done <tâche>` and `!done <code | intitulé>` (aliases `!fait`, `!terminer`): completes a task, undoable for 30 s. */
export class DoneCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'done',
			aliases: ['fait', 'terminer'],
			description: text('en')('doneDescription'),
			prefixUsage: { fr: text('fr')('helpDone'), en: text('en')('helpDone') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('done')
				.setDescription(fr('doneDescription'))
				.setDescriptionLocalizations(en('doneDescription'))
				.setContexts(0)
				.addStringOption((option) =>
					option
						.setName('tache')
						.setNameLocalizations(inEnglish('task'))
						.setDescription(fr('optTask'))
						.setDescriptionLocalizations(en('optTask'))
						.setRequired(true)
						.setAutocomplete(true)
				)
		);
	}

	public override async autocompleteRun(interaction: Command.AutocompleteInteraction) {
		await autocompleteTask(interaction, interaction.options.getFocused(), true);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		await completeAndAnswer(interaction, interaction.options.getString('tache', true), localeOf(interaction));
	}

	public override async messageRun(message: Message, _args: unknown, context: MessageCommand.RunContext) {
		const locale = localeOf(message);
		const raw = message.content.slice(context.commandPrefix.length).trim().slice(context.commandName.length).trim();
		if (!raw) return warn(message, [{ code: 'missingTask' }], locale);
		await completeAndAnswer(message, raw, locale);
	}
}
