import { Command, type Args } from '@sapphire/framework';
import type { APIEmbedField, ChatInputCommandInteraction, Message } from 'discord.js';
import { buildEmbed, calendarDay, escapeUserText, guildTimeZone, inEnglish, localeOf, pluginLogger, respond, type Locale } from '#core/plugin-kit.ts';
import { chantierSections, type Chantier } from '../../team/public.ts';
import { answer, answerUsage, autocompleteChantier, chantierNamed, thisWeek } from '../chantier-flows.ts';
import { channelsOf } from '../chantiers.ts';
import { text } from '../text.ts';

const en = (key: Parameters<ReturnType<typeof text>>[0]) => inEnglish(text('en')(key));

/** Discord's limit on a field's value. */
const fieldLimit = 1024;

const fitField = (lines: string[]) => {
	let value = '';
	for (const line of lines) {
		if (value.length + line.length + 2 > fieldLimit) return `${value}\n…`;
		value = value ? `${value}\n${line}` : line;
	}
	return value || '—';
};

/**
 * `/chantier code`: one chantier, its channels, and what the other plugins add (open tasks, who is
 * planned there this week) through team's `/chantier` extension point.
 */
export class ChantierCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'chantier',
			aliases: ['site'],
			description: text('en')('chantierDescription'),
			prefixUsage: { fr: text('fr')('usageChantier'), en: text('en')('usageChantier') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('chantier')
				.setNameLocalizations(inEnglish('site'))
				.setDescription(fr('chantierDescription'))
				.setDescriptionLocalizations(en('chantierDescription'))
				.setContexts(0)
				.addStringOption((option) =>
					option.setName('code').setDescription(fr('chantierOption')).setDescriptionLocalizations(en('chantierOption')).setRequired(true).setAutocomplete(true)
				)
		);
	}

	public override autocompleteRun(interaction: Command.AutocompleteInteraction) {
		return autocompleteChantier(interaction, 'all');
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.show(interaction, interaction.options.getString('code', true));
	}

	public override async messageRun(message: Message, args: Args) {
		const reference = await args.rest('string').catch(() => '');
		if (!reference) return answerUsage(message);
		return this.show(message, reference);
	}

	private async show(target: ChatInputCommandInteraction | Message, reference: string) {
		const locale = localeOf(target as { locale?: string });
		const t = text(locale);
		const chantier = reference ? await chantierNamed(target.guildId!, reference) : undefined;
		if (!chantier) {
			pluginLogger(this).info({ guildId: target.guildId, reference }, 'Unknown chantier asked for');
			return answer(target, 'warning', t('refusedTitle'), t('unknownChantier', { chantier: escapeUserText(reference) }));
		}
		const fields = [...(await this.ownFields(target, chantier, locale)), ...(await this.contributedFields(target.guildId!, chantier, locale))];
		const embed = buildEmbed({ kind: 'info', title: `🏗️ ${chantier.code} — ${chantier.name}`, fields });
		return respond(target, { embeds: [embed], ephemeral: true });
	}

	private async ownFields(target: ChatInputCommandInteraction | Message, chantier: Chantier, locale: Locale): Promise<APIEmbedField[]> {
		const t = text(locale);
		const { category, channels } = await channelsOf(target.guild!, chantier);
		const dates = datesOf(chantier, locale);
		return [
			{ name: t('fieldStatus'), value: t(`status_${chantier.status}`), inline: true },
			...(chantier.client ? [{ name: t('fieldClient'), value: escapeUserText(chantier.client), inline: true }] : []),
			...(chantier.address ? [{ name: t('fieldAddress'), value: escapeUserText(chantier.address), inline: true }] : []),
			...(dates ? [{ name: t('fieldDates'), value: dates, inline: true }] : []),
			{
				name: t('fieldChannels'),
				value: category ? fitField(channels.length > 0 ? channels.map((channel) => `<#${channel.id}>`) : [t('noChannels')]) : t('noCategory')
			}
		];
	}

	/** One field per contributing plugin; one that fails is logged and left out. */
	private async contributedFields(guildId: string, chantier: Chantier, locale: Locale): Promise<APIEmbedField[]> {
		const timeZone = guildTimeZone(guildId);
		const period = { guildId, chantierId: chantier.id, timeZone, locale, ...thisWeek(timeZone, new Date()) };
		const sections = await Promise.all(
			this.container.plugins.contributions(chantierSections, guildId).map(({ plugin, value }) =>
				value(period).catch((error: unknown) => {
					pluginLogger(this).error({ err: error, contributor: plugin, chantier: chantier.code }, 'A /chantier section failed');
					return null;
				})
			)
		);
		return sections.flatMap((section) => (section ? [{ name: section.title, value: fitField(section.lines) }] : []));
	}
}

/** « 2 mars 2026 → 30 juin 2026 », « à partir du 2 mars 2026 », « jusqu’au 30 juin 2026 »; null without dates. */
function datesOf(chantier: Pick<Chantier, 'startsOn' | 'endsOn'>, locale: Locale): string | null {
	const t = text(locale);
	const start = chantier.startsOn ? calendarDay(chantier.startsOn, locale) : null;
	const end = chantier.endsOn ? calendarDay(chantier.endsOn, locale) : null;
	if (start && end) return t('datesBetween', { start, end });
	if (start) return t('datesFrom', { start });
	return end ? t('datesUntil', { end }) : null;
}
