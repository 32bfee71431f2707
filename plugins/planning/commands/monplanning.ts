import { Command, type Args } from '@sapphire/framework';
import type { ChatInputCommandInteraction, Message } from 'discord.js';
import { inEnglish, type Locale, localeOf, parseDay, respond, todayIn } from '#core/plugin-kit.ts';
import { planningSettings } from '../settings.ts';
import { answerProblem, dateProblem, InputError, mentionedId, plainWord } from '../support.ts';
import { english, text } from '../text.ts';
import { renderView, type ViewMode } from '../views.ts';

/** `/monplanning [vue] [membre] [date]` and `!monplanning [semaine|mois] [@membre] [date]`: a week or month, with navigation buttons. */
export class MonPlanningCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'monplanning',
			aliases: ['myplanning', 'planning'],
			description: text('en')('viewDescription'),
			prefixUsage: { fr: text('fr')('usageView'), en: text('en')('usageView') },
			runIn: ['GUILD_ANY'],
			rateLimit: { limit: 20 }
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('monplanning')
				.setNameLocalizations(inEnglish('myplanning'))
				.setDescription(fr('viewDescription'))
				.setDescriptionLocalizations(english('viewDescription'))
				.setContexts(0)
				.addStringOption((option) =>
					option
						.setName('vue')
						.setNameLocalizations(inEnglish('view'))
						.setDescription(fr('viewOption'))
						.setDescriptionLocalizations(english('viewOption'))
						.addChoices(
							{ name: fr('viewWeek'), name_localizations: english('viewWeek'), value: 'week' },
							{ name: fr('viewMonth'), name_localizations: english('viewMonth'), value: 'month' }
						)
				)
				.addUserOption((option) =>
					option.setName('membre').setNameLocalizations(inEnglish('member')).setDescription(fr('memberOption')).setDescriptionLocalizations(english('memberOption'))
				)
				.addStringOption((option) =>
					option.setName('date').setDescription(fr('dateOption')).setDescriptionLocalizations(english('dateOption')).setMaxLength(40)
				)
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.show(interaction, localeOf(interaction), {
			mode: (interaction.options.getString('vue') as ViewMode | null) ?? 'week',
			memberId: interaction.options.getUser('membre')?.id ?? interaction.user.id,
			date: interaction.options.getString('date'),
			requesterId: interaction.user.id
		});
	}

	public override async messageRun(message: Message, args: Args) {
		const locale = localeOf(message);
		let mode: ViewMode = 'week';
		let memberId = message.author.id;
		const dateWords: string[] = [];
		for (const word of (await args.rest('string').catch(() => '')).split(/\s+/).filter(Boolean)) {
			const plain = plainWord(word);
			if (['semaine', 'week'].includes(plain)) mode = 'week';
			else if (['mois', 'month'].includes(plain)) mode = 'month';
			else if (['equipe', 'team', 'tous', 'all'].includes(plain)) memberId = '';
			else if (mentionedId(word)) memberId = mentionedId(word)!;
			else dateWords.push(word);
		}
		return this.show(message, locale, { mode, memberId: memberId || null, date: dateWords.join(' ') || null, requesterId: message.author.id });
	}

	private async show(
		target: ChatInputCommandInteraction | Message,
		locale: Locale,
		{ mode, memberId, date, requesterId }: { mode: ViewMode; memberId: string | null; date: string | null; requesterId: string }
	) {
		try {
			if (!target.guildId) throw new InputError('guildOnly');
			const { timeZone } = planningSettings(target.guildId);
			const now = new Date();
			// The nearest such day, past or to come: a foreman looks back at last week (« 25/11 ») as often as ahead.
			const typed = date ? parseDay(date, timeZone, now, 'nearest') : null;
			if (typed && !typed.ok) throw dateProblem(typed.reason, date!, 'Date');
			const anchor = typed?.date ?? todayIn(timeZone, now);
			const view = await renderView({ guildId: target.guildId, memberId, mode, anchor, locale, requesterId }, target.guild);
			await respond(target, view);
		} catch (error) {
			await answerProblem(target, locale, error);
		}
	}
}
