import { Command, type Args } from '@sapphire/framework';
import type { ChatInputCommandInteraction, GuildMember, Message } from 'discord.js';
import { buildEmbed, guildTimeZone, inEnglish, localeOf, respond, type Locale } from '#core/plugin-kit.ts';
import { memberStats, statsPeriods as periods, type MemberStat } from '../extension-points.ts';
import { english } from '../localized.ts';
import { lastDays } from '../period.ts';
import { answerUnknownMember } from '../unknown-member.ts';
import { text } from '../text.ts';

/** What the figures cache keeps: the figures and when they were computed, which the answer shows. */
interface ComputedStats {
	stats: MemberStat[];
	computedAt: string;
}

/** `/stats [jours] [membre]`: a member's activity, from what the tracking plugins contribute; cached until a write they summarise. */
export class StatsCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'stats',
			aliases: ['statistiques'],
			description: text('en')('statsDescription'),
			prefixUsage: { fr: text('fr')('usageStats'), en: text('en')('usageStats') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('stats')
				.setDescription(text('fr')('statsDescription'))
				.setDescriptionLocalizations(english('statsDescription'))
				.setContexts(0)
				.addIntegerOption((option) =>
					option
						.setName('jours')
						.setNameLocalizations(inEnglish('days'))
						.setDescription(text('fr')('statsDaysOption'))
						.setDescriptionLocalizations(english('statsDaysOption'))
						.addChoices(...periods.map((days) => ({ name: String(days), value: days })))
				)
				.addUserOption((option) =>
					option
						.setName('membre')
						.setNameLocalizations(inEnglish('member'))
						.setDescription(text('fr')('statsMemberOption'))
						.setDescriptionLocalizations(english('statsMemberOption'))
				)
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction<'cached'>) {
		const member = interaction.options.getMember('membre') ?? interaction.member;
		return this.answer(interaction, interaction.options.getInteger('jours') ?? 7, member);
	}

	public override async messageRun(message: Message<true>, args: Args) {
		const daysFirst = await args.pick('integer').catch(() => null);
		const member = await args.pick('member').catch(() => null);
		// A name that designates nobody is said, not answered with the author's own figures as if they were asked for.
		if (!member && !args.finished) return answerUnknownMember(message, await args.rest('string'), text(localeOf(message))('statsDescription'));
		// The period after the member (`!stats bob 30`) as well as before it.
		const days = daysFirst ?? (await args.pick('integer').catch(() => 7));
		return this.answer(message, days, member ?? message.member!);
	}

	private async answer(target: ChatInputCommandInteraction<'cached'> | Message<true>, days: number, member: GuildMember) {
		const locale = localeOf(target as { locale?: string });
		const t = text(locale);
		if (!(periods as readonly number[]).includes(days)) {
			return respond(target, { embeds: [buildEmbed({ kind: 'warning', title: t('statsDescription'), description: t('badDays') })], ephemeral: true });
		}
		const { stats, computedAt } = await this.statsFor(target.guildId, member.id, days, locale);
		const embed = buildEmbed({
			kind: 'info',
			title: t('statsTitle', { member: member.displayName, days }),
			description: stats.length === 0 ? t('statsNothing') : undefined,
			fields: stats.map((stat) => ({ ...stat, inline: true })),
			footerNote: t('statsFooter')
		});
		// The embed's time is when the figures were computed: Discord shows it in the reader's zone.
		embed.setTimestamp(Date.parse(computedAt));
		return respond(target, { embeds: [embed] });
	}

	/**
	 * Kept by the figures cache until a committed write to a table they may summarise (tasks, planning,
	 * user_stats…), at most a minute. Writes to the message log itself are ignored: message figures come
	 * from its roll-up into user_stats, whose writes do count.
	 */
	private statsFor(guildId: string, userId: string, days: number, locale: Locale): Promise<ComputedStats> {
		const { figures, plugins } = this.container;
		// The server's days; message figures come from the roll-up, whose days are the bot's (TZ_DEFAULT).
		const timeZone = guildTimeZone(guildId);
		const sources = plugins.contributions(memberStats, guildId);
		const key = `team.stats.${guildId}.${userId}.${days}.${locale}.${sources.map(({ plugin }) => plugin).join('+')}`;
		return figures.remember(
			key,
			async () => {
				const period = { guildId, userId, timeZone, locale, ...lastDays(days, timeZone) };
				return { stats: (await Promise.all(sources.map(({ value: source }) => source(period)))).flat(), computedAt: new Date().toISOString() };
			},
			{ ignores: ['messages'] }
		);
	}
}
