import { Command } from '@sapphire/framework';
import { AttachmentBuilder, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { buildEmbed, fitLines, guildTimeZone, inEnglish, localeOf, pluginLogger, respond } from '#core/plugin-kit.ts';
import { renderBarChart } from '#core/ui/chart.ts';
import { summarySections, type SummarySection } from '../extension-points.ts';
import { english } from '../localized.ts';
import { dayLabel, lastDays } from '../period.ts';
import { text } from '../text.ts';

/** Discord's limit on a field's value: a busy day's planning (ten people or more) passes it. */
const fieldLimit = 1024;

/** `/resume`: today's summary for the team, one section per contributing plugin, with a chart. */
export class ResumeCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'resume',
			aliases: ['résumé', 'summary'],
			description: text('en')('resumeDescription'),
			prefixUsage: { fr: text('fr')('usageResume'), en: text('en')('usageResume') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('resume')
				.setNameLocalizations({ fr: 'résumé', ...inEnglish('summary') })
				.setDescription(text('fr')('resumeDescription'))
				.setDescriptionLocalizations(english('resumeDescription'))
				.setContexts(0)
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction<'cached'>) {
		await interaction.deferReply();
		return this.answer(interaction);
	}

	public override messageRun(message: Message<true>) {
		return this.answer(message);
	}

	private async answer(target: ChatInputCommandInteraction<'cached'> | Message<true>) {
		const locale = localeOf(target as { locale?: string });
		const t = text(locale);
		const { plugins } = this.container;
		// The server's day: who is planned « today » and the messages of « today » are the server's, not the bot's.
		const timeZone = guildTimeZone(target.guildId);
		const period = { guildId: target.guildId, timeZone, locale, ...lastDays(1, timeZone) };
		const sections = await Promise.all(
			plugins.contributions(summarySections, target.guildId).map(async ({ plugin, value: section }) => {
				try {
					return await section(period);
				} catch (error) {
					// One failing section must not hide the others.
					pluginLogger(this).error({ err: error, section: plugin }, 'Summary section failed');
					return null;
				}
			})
		);
		const shown = sections.filter((section): section is SummarySection => section !== null);
		const chart = shown.find((section) => section.chart)?.chart;
		const files = chart ? [new AttachmentBuilder(renderBarChart(chart), { name: 'resume.png' })] : [];
		const embed = buildEmbed({
			kind: 'info',
			title: t('resumeTitle', { day: dayLabel(period.to, timeZone, locale) }),
			description: shown.length === 0 ? t('resumeNothing') : undefined,
			fields: shown.map((section) => ({ name: section.title, value: fitLines(section.lines, fieldLimit, (count) => t('resumeMore', { count })) || '—' }))
		});
		if (chart) embed.setImage('attachment://resume.png');
		if ('deferred' in target && target.deferred) {
			await target.editReply({ embeds: [embed], files, allowedMentions: { parse: [] } });
			return;
		}
		return respond(target, { embeds: [embed], files });
	}
}
