import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { buildEmbed, localeOf, openForm, safeMentions } from '#core/plugin-kit.ts';
import { formValuesOf, type EditFormData } from '../actions.ts';
import { findEntry, withChantiers } from '../planning.ts';
import { text } from '../text.ts';
import { memberName } from '../views.ts';

/** The "open the form" button under `!modifierplanning <réf>`: a prefix command cannot open a modal itself. */
export class PlanningEditButtonHandler extends InteractionHandler {
	public constructor(context: InteractionHandler.LoaderContext, options: InteractionHandler.Options) {
		super(context, { ...options, interactionHandlerType: InteractionHandlerTypes.Button });
	}

	public override parse(interaction: ButtonInteraction) {
		const match = /^planning:edit:([0-9a-f-]{36}):(\d+)$/.exec(interaction.customId);
		return match ? this.some({ id: match[1]!, requesterId: match[2]! }) : this.none();
	}

	public override async run(interaction: ButtonInteraction, { id, requesterId }: { id: string; requesterId: string }) {
		const locale = localeOf(interaction);
		const t = text(locale);
		const refuse = (description: string) =>
			interaction.reply({ embeds: [buildEmbed({ kind: 'warning', title: t('problemTitle'), description })], flags: MessageFlags.Ephemeral, allowedMentions: safeMentions });
		if (interaction.user.id !== requesterId) return void (await refuse(t('notYourButtons', { who: await memberName(interaction.guild, requesterId) })));
		const entry = interaction.guildId ? await findEntry(this.container.db, interaction.guildId, id) : undefined;
		if (!entry) return void (await refuse(t('unknownEntry', { entry: id.slice(0, 8) })));
		const [withChantier] = await withChantiers(this.container.db, [entry]);
		await openForm<EditFormData>(interaction, { form: 'planning.edit', data: { guildId: entry.guildId, id: entry.id, values: formValuesOf(withChantier!) }, locale });
	}
}
