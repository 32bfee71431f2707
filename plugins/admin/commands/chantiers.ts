import { Command, type Args } from '@sapphire/framework';
import type { ChatInputCommandInteraction, Message } from 'discord.js';
import { escapeUserText, inEnglish, localeOf, paginate } from '#core/plugin-kit.ts';
import type { ChantierStatus } from '../../team/public.ts';
import { answer, chantierStatuses, listPager, type ListData } from '../chantier-flows.ts';
import { text } from '../text.ts';

const en = (key: Parameters<ReturnType<typeof text>>[0]) => inEnglish(text('en')(key));

/** `/chantiers [statut]`: the server's chantiers, active first, ten a page. */
export class ChantiersCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'chantiers',
			aliases: ['sites'],
			description: text('en')('chantiersDescription'),
			prefixUsage: { fr: text('fr')('usageChantiers'), en: text('en')('usageChantiers') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('chantiers')
				.setNameLocalizations(inEnglish('sites'))
				.setDescription(fr('chantiersDescription'))
				.setDescriptionLocalizations(en('chantiersDescription'))
				.setContexts(0)
				.addStringOption((option) =>
					option
						.setName('statut')
						.setNameLocalizations(inEnglish('status'))
						.setDescription(fr('statusOption'))
						.setDescriptionLocalizations(en('statusOption'))
						.addChoices(...chantierStatuses.map((status) => ({ name: fr(`status_${status}`), name_localizations: en(`status_${status}`), value: status })))
				)
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.list(interaction, interaction.options.getString('statut') as ChantierStatus | null);
	}

	public override async messageRun(message: Message, args: Args) {
		const typed = (await args.rest('string').catch(() => '')).toLowerCase();
		const t = text(localeOf(message));
		const wanted = statusWord(typed);
		const status = chantierStatuses.find((candidate) => statusWord(candidate) === wanted || statusWord(t(`status_${candidate}`)) === wanted) ?? null;
		if (typed && !status) {
			const statuses = chantierStatuses.map((candidate) => `\`${t(`status_${candidate}`)}\``).join(', ');
			return answer(message, 'warning', t('refusedTitle'), t('unknownStatus', { status: escapeUserText(typed), statuses }));
		}
		return this.list(message, status);
	}

	private list(target: ChatInputCommandInteraction | Message, status: ChantierStatus | null) {
		return paginate<ListData>(target, { pager: listPager, data: { guildId: target.guildId!, status }, ephemeral: true });
	}
}

/** A status as members type it after `!chantiers`: any case, accents or none, plural or not (« archivés », « en_pause »). */
function statusWord(typed: string): string {
	return typed
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[\s_]+/g, ' ')
		.trim()
		.replace(/s$/, '');
}
