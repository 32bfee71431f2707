import { Command, type Args } from '@sapphire/framework';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type ChatInputCommandInteraction, type Message, type PermissionsBitField } from 'discord.js';
import { buildEmbed, inEnglish, type Locale, localeOf, openForm, respond } from '#core/plugin-kit.ts';
import { applyEdit, formValuesOf, type EditFormData } from '../actions.ts';
import { entryChoices, entryOption } from '../autocomplete.ts';
import { findEntry, setStatus, shortId, withChantiers, type EntryStatus, type PlanningEntry } from '../planning.ts';
import { answerProblem, InputError, isPlanner, plainWord, segments } from '../support.ts';
import { english, text } from '../text.ts';

const statusWords: Record<string, EntryStatus> = {
	prevu: 'prevu',
	planned: 'prevu',
	confirme: 'confirme',
	confirmed: 'confirme',
	termine: 'termine',
	done: 'termine',
	annule: 'annule',
	cancelled: 'annule',
	canceled: 'annule'
};

const fieldWords: Record<string, keyof EditFormData['values']> = {
	type: 'type',
	debut: 'debut',
	start: 'debut',
	fin: 'fin',
	end: 'fin',
	chantier: 'chantier',
	site: 'chantier',
	note: 'note'
};

/** Custom id of the button a prefix command shows to open the edit form: `planning:edit:<entry>:<requester>`. */
export const editButtonPrefix = 'planning:edit:';

/**
 * `/modifierplanning <entrée> [statut]`: a status moves along the workflow at once; without one, the
 * edit form opens filled with the entry. `!modifierplanning <réf> [statut …]` or with fields
 * (`début lundi 8h ; fin 17h ; note …`), or alone for a button that opens the form.
 */
export class ModifierPlanningCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'modifierplanning',
			aliases: ['editplanning'],
			description: text('en')('editDescription'),
			prefixUsage: { fr: text('fr')('usageEdit'), en: text('en')('usageEdit') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('modifierplanning')
				.setNameLocalizations(inEnglish('editplanning'))
				.setDescription(fr('editDescription'))
				.setDescriptionLocalizations(english('editDescription'))
				.setContexts(0)
				.addStringOption(entryOption)
				.addStringOption((option) =>
					option
						.setName('statut')
						.setNameLocalizations(inEnglish('status'))
						.setDescription(fr('statusOption'))
						.setDescriptionLocalizations(english('statusOption'))
						.addChoices(
							...(['confirme', 'termine', 'annule'] as const).map((status) => ({
								name: fr(`status_${status}`),
								name_localizations: english(`status_${status}`),
								value: status
							}))
						)
				)
		);
	}

	public override async autocompleteRun(interaction: Command.AutocompleteInteraction) {
		await interaction.respond(
			await entryChoices({
				guildId: interaction.guildId,
				userId: interaction.user.id,
				typed: interaction.options.getFocused(),
				locale: localeOf(interaction),
				everyone: isPlanner(interaction.memberPermissions)
			})
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const locale = localeOf(interaction);
		try {
			const entry = await this.editable(interaction.guildId, interaction.options.getString('entree', true), interaction.user.id, interaction.memberPermissions);
			const status = interaction.options.getString('statut') as EntryStatus | null;
			if (status) return await this.changeStatus(interaction, locale, entry, status);
			const [withChantier] = await withChantiers(this.container.db, [entry]);
			await openForm<EditFormData>(interaction, { form: 'planning.edit', data: { guildId: entry.guildId, id: entry.id, values: formValuesOf(withChantier!) }, locale });
		} catch (error) {
			await answerProblem(interaction, locale, error);
		}
	}

	public override async messageRun(message: Message, args: Args) {
		const locale = localeOf(message);
		const t = text(locale);
		try {
			const reference = await args.pick('string').catch(() => null);
			if (!reference) throw new InputError('usage', { usage: t('usageEdit') });
			const entry = await this.editable(message.guildId, reference, message.author.id, message.member?.permissions);
			const rest = await args.rest('string').catch(() => '');
			if (!rest) {
				const button = new ButtonBuilder().setCustomId(`${editButtonPrefix}${entry.id}:${message.author.id}`).setLabel(t('openForm')).setStyle(ButtonStyle.Primary);
				await respond(message, {
					embeds: [buildEmbed({ kind: 'info', title: t('editFormTitle', { id: shortId(entry.id) }), description: t('openFormBody', { id: shortId(entry.id) }) })],
					components: [new ActionRowBuilder<ButtonBuilder>().addComponents(button)]
				});
				return;
			}
			const [first, ...others] = segments(rest);
			const statusMatch = /^(statut|status)\s+(.+)$/i.exec(first ?? '');
			if (statusMatch && others.length === 0) {
				const status = statusWords[plainWord(statusMatch[2]!)];
				if (!status) throw new InputError('unknownOption', { value: statusMatch[2]!.slice(0, 40), usage: t('usage', { usage: t('usageEdit') }) });
				return await this.changeStatus(message, locale, entry, status);
			}
			const typed: Partial<EditFormData['values']> = {};
			for (const part of [first!, ...others]) {
				const [, rawKey = '', value = ''] = /^([^\s:]+)\s*:?\s*(.*)$/.exec(part) ?? [];
				const field = fieldWords[plainWord(rawKey)];
				if (!field) throw new InputError('unknownOption', { value: part.slice(0, 40), usage: t('usage', { usage: t('usageEdit') }) });
				typed[field] = value;
			}
			const [withChantier] = await withChantiers(this.container.db, [entry]);
			await applyEdit(message, locale, { guildId: entry.guildId, id: entry.id, before: formValuesOf(withChantier!), typed });
		} catch (error) {
			await answerProblem(message, locale, error);
		}
	}

	/** The entry, if it exists and the member may change it (their own, or any for a manager). */
	private async editable(guildId: string | null, reference: string, actorId: string, permissions: Readonly<PermissionsBitField> | null | undefined): Promise<PlanningEntry> {
		if (!guildId) throw new InputError('guildOnly');
		const entry = await findEntry(this.container.db, guildId, reference);
		if (!entry) throw new InputError('unknownEntry', { entry: reference.slice(0, 40) });
		if (entry.userId !== actorId && !isPlanner(permissions)) throw new InputError('notAllowed');
		return entry;
	}

	private async changeStatus(target: ChatInputCommandInteraction | Message, locale: Locale, entry: PlanningEntry, status: EntryStatus) {
		const t = text(locale);
		const updated = await setStatus(this.container.db, { guildId: entry.guildId, id: entry.id }, status);
		await respond(target, {
			embeds: [buildEmbed({ kind: 'success', title: t('statusTitle'), description: t('statusBody', { id: shortId(updated.id), status: t(`status_${updated.status}`) }) })]
		});
	}
}
