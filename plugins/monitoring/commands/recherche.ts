import { Command, type Args } from '@sapphire/framework';
import type { ChatInputCommandInteraction, Message } from 'discord.js';
import { buildEmbed, escapeUserText, guildTimeZone, inEnglish, localeOf, paginate, parseDay, respond, startOfDay } from '#core/plugin-kit.ts';
import { searchPager, type SearchRequest } from '../search.ts';
import { text } from '../text.ts';

const en = (key: Parameters<ReturnType<typeof text>>[0]) => inEnglish(text('en')(key));

/**
 * `/recherche <texte> [salon] [auteur] [depuis]` (answered privately) and `!recherche <texte>
 * [#salon] [@membre]` (answered by direct message, the channel only hears that it was sent).
 */
export class SearchCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'recherche',
			aliases: ['search', 'chercher'],
			description: text('en')('searchDescription'),
			prefixUsage: { fr: text('fr')('usageSearch'), en: text('en')('usageSearch') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('recherche')
				.setNameLocalizations(inEnglish('search'))
				.setDescription(text('fr')('searchDescription'))
				.setDescriptionLocalizations(en('searchDescription'))
				.setContexts(0)
				.addStringOption((option) =>
					option.setName('texte').setNameLocalizations(inEnglish('text')).setDescription(text('fr')('searchTextOption')).setDescriptionLocalizations(en('searchTextOption')).setRequired(true).setMaxLength(200)
				)
				.addChannelOption((option) =>
					option.setName('salon').setNameLocalizations(inEnglish('channel')).setDescription(text('fr')('searchChannelOption')).setDescriptionLocalizations(en('searchChannelOption'))
				)
				.addUserOption((option) =>
					option.setName('auteur').setNameLocalizations(inEnglish('author')).setDescription(text('fr')('searchAuthorOption')).setDescriptionLocalizations(en('searchAuthorOption'))
				)
				.addStringOption((option) =>
					option.setName('depuis').setNameLocalizations(inEnglish('since')).setDescription(text('fr')('searchSinceOption')).setDescriptionLocalizations(en('searchSinceOption')).setMaxLength(40)
				)
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction<'cached'>) {
		return this.search(interaction, {
			text: interaction.options.getString('texte', true),
			channelId: interaction.options.getChannel('salon')?.id,
			authorId: interaction.options.getUser('auteur')?.id,
			since: interaction.options.getString('depuis') ?? undefined
		});
	}

	public override async messageRun(message: Message<true>, args: Args) {
		const words = (await args.rest('string').catch(() => ''))
			.split(/\s+/)
			.filter((word) => !/^<[#@][!&]?\d+>$/.test(word));
		return this.search(message, {
			text: words.join(' '),
			channelId: message.mentions.channels.first()?.id,
			authorId: message.mentions.users.first()?.id
		});
	}

	private async search(
		target: ChatInputCommandInteraction<'cached'> | Message<true>,
		input: { text: string; channelId?: string; authorId?: string; since?: string }
	) {
		const locale = localeOf(target as { locale?: string });
		const t = text(locale);
		const refuse = (description: string) => respond(target, { embeds: [buildEmbed({ kind: 'warning', title: t('searchDescription'), description })], ephemeral: true });
		if (input.text.trim() === '') return refuse(`${t('emptyText')}\n${t('usage', { usage: t('usageSearch') })}`);
		const timeZone = guildTimeZone(target.guildId);
		// From the start of the day typed in the server's zone, today's or a past one: `lundi` is the last Monday.
		const since = input.since ? parseDay(input.since, timeZone, new Date(), 'backward') : undefined;
		if (since?.ok === false) return refuse(t(since.reason === 'invalid' ? 'noSuchSince' : 'badSince', { value: input.since! }));
		const memberId = 'author' in target ? target.author.id : target.user.id;
		const data: SearchRequest = { guildId: target.guildId, memberId, text: input.text.trim(), channelId: input.channelId, authorId: input.authorId, since: since ? startOfDay(since.date, timeZone).toISOString() : undefined };
		// Results can quote private conversations: only the member who searched sees them.
		if (!('author' in target)) return paginate(target, { pager: searchPager, data, locale, ephemeral: true });
		// A prefix reply is public whatever `ephemeral` says: the results go by direct message.
		const header = await target.author
			.send({ content: t('searchDmHeader', { guild: escapeUserText(target.guild.name) }), allowedMentions: { parse: [] } })
			.catch(() => null);
		if (!header) {
			return respond(target, { embeds: [buildEmbed({ kind: 'warning', title: t('searchDmFailedTitle'), description: t('searchDmFailed') })] });
		}
		// Replies to the header, in the DM channel; the buttons answer the member who searched.
		await paginate(header, { pager: searchPager, data, locale, requesterId: target.author.id });
		return respond(target, { content: t('searchDmSent') });
	}
}
