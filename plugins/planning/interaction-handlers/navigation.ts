import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { buildEmbed, localeOf, safeMentions } from '#core/plugin-kit.ts';
import { text } from '../text.ts';
import { memberName, parseNavCustomId, renderView } from '../views.ts';

/** Previous / today / next on a week or month view: the button carries the period, the member and who may press. */
export class PlanningNavigationHandler extends InteractionHandler {
	public constructor(context: InteractionHandler.LoaderContext, options: InteractionHandler.Options) {
		super(context, { ...options, interactionHandlerType: InteractionHandlerTypes.Button });
	}

	public override parse(interaction: ButtonInteraction) {
		const request = parseNavCustomId(interaction.customId);
		return request ? this.some(request) : this.none();
	}

	public override async run(interaction: ButtonInteraction, request: NonNullable<ReturnType<typeof parseNavCustomId>>) {
		const locale = localeOf(interaction);
		if (!interaction.guildId) return;
		if (interaction.user.id !== request.requesterId) {
			const who = await memberName(interaction.guild, request.requesterId);
			await interaction.reply({
				embeds: [buildEmbed({ kind: 'warning', title: text(locale)('problemTitle'), description: text(locale)('notYourButtons', { who }) })],
				flags: MessageFlags.Ephemeral,
				allowedMentions: safeMentions
			});
			return;
		}
		// The view keeps the language it was opened in only through the presser's locale: same person.
		const view = await renderView({ ...request, guildId: interaction.guildId, locale }, interaction.guild);
		await interaction.update({ ...view, allowedMentions: safeMentions });
	}
}
