import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { buildEmbed, localeOf, safeMentions } from '#core/plugin-kit.ts';
import { formButtonPrefix, loadFormPreset, openCreateForm } from '../flows.ts';
import { text } from '../text.ts';

/**
 * "Ouvrir le formulaire" under `!tache` (a prefix message cannot open a modal itself) and
 * "Corriger le formulaire" under a refused form: opens the task form, filled with what was kept.
 */
export class FormButtonHandler extends InteractionHandler {
	public constructor(context: InteractionHandler.LoaderContext, options: InteractionHandler.Options) {
		super(context, { ...options, interactionHandlerType: InteractionHandlerTypes.Button });
	}

	public override parse(interaction: ButtonInteraction) {
		return interaction.customId.startsWith(formButtonPrefix) ? this.some(interaction.customId.slice(formButtonPrefix.length)) : this.none();
	}

	public override async run(interaction: ButtonInteraction, key: string) {
		const locale = localeOf(interaction);
		const preset = await loadFormPreset(key);
		if (!preset || preset.requesterId !== interaction.user.id) {
			const title = preset ? text(locale)('refusedTitle') : text(locale)('formExpired');
			await interaction.reply({ embeds: [buildEmbed({ kind: 'warning', title, locale })], flags: MessageFlags.Ephemeral, allowedMentions: safeMentions });
			return;
		}
		await openCreateForm(interaction, preset.values, locale);
	}
}
