import { Command, type Args } from '@sapphire/framework';
import type { ChatInputCommandInteraction, Message, PermissionsBitField } from 'discord.js';
import { confirm, inEnglish, type Locale, localeOf } from '#core/plugin-kit.ts';
import type { DeleteArgs } from '../actions.ts';
import { entryChoices, entryOption } from '../autocomplete.ts';
import { findEntry, isInSeries, withChantiers } from '../planning.ts';
import { answerProblem, InputError, isPlanner, plainWord } from '../support.ts';
import { english, text } from '../text.ts';
import { entrySummary } from '../views.ts';

/** `/supprimerplanning <entrée> [serie]` and `!supprimerplanning <réf> [série]`: a soft delete, after a confirmation button. */
export class SupprimerPlanningCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'supprimerplanning',
			aliases: ['deleteplanning'],
			description: text('en')('deleteDescription'),
			prefixUsage: { fr: text('fr')('usageDelete'), en: text('en')('usageDelete') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('supprimerplanning')
				.setNameLocalizations(inEnglish('deleteplanning'))
				.setDescription(fr('deleteDescription'))
				.setDescriptionLocalizations(english('deleteDescription'))
				.setContexts(0)
				.addStringOption(entryOption)
				.addBooleanOption((option) =>
					option.setName('serie').setNameLocalizations(inEnglish('series')).setDescription(fr('seriesOption')).setDescriptionLocalizations(english('seriesOption'))
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

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.ask(interaction, localeOf(interaction), interaction.options.getString('entree', true), interaction.options.getBoolean('serie') ?? false, interaction.user.id, interaction.memberPermissions);
	}

	public override async messageRun(message: Message, args: Args) {
		const locale = localeOf(message);
		const reference = await args.pick('string').catch(() => null);
		const flag = plainWord(await args.rest('string').catch(() => ''));
		if (!reference || (flag && !['serie', 'series', 'toute la serie'].includes(flag))) return answerProblem(message, locale, new InputError('usage', { usage: text(locale)('usageDelete') }));
		return this.ask(message, locale, reference, flag !== '', message.author.id, message.member?.permissions);
	}

	private async ask(
		target: ChatInputCommandInteraction | Message,
		locale: Locale,
		reference: string,
		series: boolean,
		actorId: string,
		permissions: Readonly<PermissionsBitField> | null | undefined
	) {
		const t = text(locale);
		try {
			if (!target.guildId) throw new InputError('guildOnly');
			const entry = await findEntry(this.container.db, target.guildId, reference);
			if (!entry) throw new InputError('unknownEntry', { entry: reference.slice(0, 40) });
			if (entry.userId !== actorId && !isPlanner(permissions)) throw new InputError('notAllowed');
			const wholeSeries = series && isInSeries(entry);
			const [withChantier] = await withChantiers(this.container.db, [entry]);
			const what = entrySummary(withChantier!, locale);
			await confirm<DeleteArgs>(target, {
				action: 'planning.delete',
				args: { guildId: entry.guildId, id: entry.id, series: wholeSeries },
				title: wholeSeries ? t('deleteSeriesTitle') : t('deleteTitle'),
				description: wholeSeries ? t('deleteSeriesBody', { what }) : t('deleteBody', { what }),
				confirmLabel: t('deleteConfirm'),
				locale,
				ephemeral: true
			});
		} catch (error) {
			await answerProblem(target, locale, error);
		}
	}
}
