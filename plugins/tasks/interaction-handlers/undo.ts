import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { buildEmbed, escapeUserText, localeOf, safeMentions } from '#core/plugin-kit.ts';
import { peekUndo, takeUndo, undoPrefix, viewContext } from '../flows.ts';
import { reopenTask } from '../tasks.ts';
import { text } from '../text.ts';
import { problemEmbed, taskEmbed } from '../views.ts';

/** The "Annuler" button under a completed task: reopens it within 30 s, for the member who completed it. */
export class UndoHandler extends InteractionHandler {
	public constructor(context: InteractionHandler.LoaderContext, options: InteractionHandler.Options) {
		super(context, { ...options, interactionHandlerType: InteractionHandlerTypes.Button });
	}

	public override parse(interaction: ButtonInteraction) {
		return interaction.customId.startsWith(undoPrefix) ? this.some(interaction.customId.slice(undoPrefix.length)) : this.none();
	}

	public override async run(interaction: ButtonInteraction, taskId: string) {
		const locale = localeOf(interaction);
		const t = text(locale);
		const ephemeral = { flags: MessageFlags.Ephemeral, allowedMentions: safeMentions } as const;
		const pending = await peekUndo(taskId);
		if (pending && pending.actorId !== interaction.user.id) {
			await interaction.reply({ embeds: [buildEmbed({ kind: 'warning', title: t('refusedTitle'), description: t('undoNotYours'), locale })], ...ephemeral });
			return;
		}
		// Taken, not read: a double press reopens once.
		const state = pending && (await takeUndo(taskId));
		if (!state) {
			await interaction.update({ components: [], allowedMentions: safeMentions });
			await interaction.followUp({ embeds: [buildEmbed({ kind: 'warning', title: t('undoExpired'), locale })], ...ephemeral });
			return;
		}
		const outcome = await reopenTask(this.container.db, state.guildId, taskId, state.previousStatus);
		if (!outcome.ok) {
			await interaction.update({ components: [], allowedMentions: safeMentions });
			await interaction.followUp({ embeds: [problemEmbed(outcome.problems, locale)], ...ephemeral });
			return;
		}
		const task = outcome.value;
		const context = await viewContext(locale, [task]);
		const body = t('undoneBody', { status: t(`status_${task.status}`), actor: interaction.user.id });
		await interaction.update({ embeds: [taskEmbed('info', t('undoneTitle', { title: escapeUserText(task.title) }), task, context, body)], components: [], allowedMentions: safeMentions });
	}
}
