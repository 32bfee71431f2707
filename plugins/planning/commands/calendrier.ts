import { Command, type Args } from '@sapphire/framework';
import type { ChatInputCommandInteraction, Message } from 'discord.js';
import { buildEmbed, inEnglish, type Locale, localeOf, respond, safeMentions } from '#core/plugin-kit.ts';
import { findChantier } from '../../team/public.ts';
import { chantierChoices } from '../autocomplete.ts';
import { feedToken, revokeFeedToken } from '../planning.ts';
import { answerProblem, feedUrl, InputError, plainWord } from '../support.ts';
import { english, text } from '../text.ts';

type Action = 'link' | 'regenerate' | 'revoke';

const actionWords: Record<string, Action> = {
	lien: 'link',
	link: 'link',
	regenerer: 'regenerate',
	regenerate: 'regenerate',
	nouveau: 'regenerate',
	revoquer: 'revoke',
	revoke: 'revoke',
	supprimer: 'revoke'
};

/**
 * `/calendrier lien [chantier] | regenerer | revoquer`: the member's private iCalendar URL (answered
 * only to them), a new one, or none. `!calendrier …` answers by direct message, never in the channel.
 */
export class CalendrierCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'calendrier',
			aliases: ['calendar'],
			description: text('en')('calendarDescription'),
			prefixUsage: { fr: text('fr')('usageCalendar'), en: text('en')('usageCalendar') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('calendrier')
				.setNameLocalizations(inEnglish('calendar'))
				.setDescription(fr('calendarDescription'))
				.setDescriptionLocalizations(english('calendarDescription'))
				.setContexts(0)
				.addSubcommand((sub) =>
					sub
						.setName('lien')
						.setNameLocalizations(inEnglish('link'))
						.setDescription(fr('calendarLinkDescription'))
						.setDescriptionLocalizations(english('calendarLinkDescription'))
						.addStringOption((option) =>
							option
								.setName('chantier')
								.setNameLocalizations(inEnglish('site'))
								.setDescription(fr('calendarChantierOption'))
								.setDescriptionLocalizations(english('calendarChantierOption'))
								.setAutocomplete(true)
						)
				)
				.addSubcommand((sub) =>
					sub
						.setName('regenerer')
						.setNameLocalizations(inEnglish('regenerate'))
						.setDescription(fr('calendarRegenerateDescription'))
						.setDescriptionLocalizations(english('calendarRegenerateDescription'))
				)
				.addSubcommand((sub) =>
					sub
						.setName('revoquer')
						.setNameLocalizations(inEnglish('revoke'))
						.setDescription(fr('calendarRevokeDescription'))
						.setDescriptionLocalizations(english('calendarRevokeDescription'))
				)
		);
	}

	public override async autocompleteRun(interaction: Command.AutocompleteInteraction) {
		await interaction.respond(await chantierChoices(interaction.guildId, interaction.options.getFocused()));
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const locale = localeOf(interaction);
		const action = actionWords[interaction.options.getSubcommand()] ?? 'link';
		try {
			const embed = await this.answer(interaction.guildId, interaction.user.id, locale, action, interaction.options.getString('chantier'));
			await respond(interaction, { embeds: [embed], ephemeral: true });
		} catch (error) {
			await answerProblem(interaction, locale, error);
		}
	}

	public override async messageRun(message: Message, args: Args) {
		const locale = localeOf(message);
		const t = text(locale);
		const word = plainWord(await args.pick('string').catch(() => 'lien'));
		const action = actionWords[word] ?? 'link';
		const chantier = action === 'link' ? await args.rest('string').catch(() => null) : null;
		try {
			const embed = await this.answer(message.guildId, message.author.id, locale, action, chantier);
			// The link is a secret: it goes by direct message, the channel only hears that it was sent.
			const sent = await message.author
				.send({ embeds: [embed], allowedMentions: safeMentions })
				.then(() => true)
				.catch(() => false);
			await respond(message, { embeds: [buildEmbed({ kind: sent ? 'info' : 'warning', title: t('calendarTitle'), description: sent ? t('calendarDmSent') : t('calendarDmFailed') })] });
		} catch (error) {
			await answerProblem(message, locale, error);
		}
	}

	private async answer(guildId: string | null, userId: string, locale: Locale, action: Action, chantier: string | null) {
		const t = text(locale);
		if (!guildId) throw new InputError('guildOnly');
		const { db } = this.container;
		if (action === 'revoke') {
			const revoked = await revokeFeedToken(db, guildId, userId);
			// Nothing was deleted: saying « Lien supprimé » would tell the member a link had existed.
			if (!revoked) return buildEmbed({ kind: 'info', title: t('calendarNoneTitle'), description: t('calendarNoneBody') });
			return buildEmbed({ kind: 'success', title: t('calendarRevokedTitle'), description: t('calendarRevokedBody') });
		}
		const { token } = await feedToken(db, guildId, userId, { regenerate: action === 'regenerate' });
		if (chantier?.trim()) {
			const found = await findChantier(db, guildId, chantier);
			if (!found) throw new InputError('unknownChantier', { chantier: chantier.slice(0, 40) });
			return buildEmbed({ kind: 'info', title: t('calendarTitle'), description: t('calendarChantierBody', { chantier: found.code, url: feedUrl(token, { chantierCode: found.code }) }) });
		}
		return buildEmbed({ kind: 'info', title: t('calendarTitle'), description: t('calendarBody', { url: feedUrl(token, { memberId: userId }) }) });
	}
}
