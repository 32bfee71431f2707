import { container } from '@sapphire/framework';
import { PermissionFlagsBits, time, TimestampStyles, type Guild, type GuildMember } from 'discord.js';
import { botGuild, buildEmbed, escapeUserText, registerPager, type Locale } from '#core/plugin-kit.ts';
import { searchMessages, type MessageSearch, type MessageSearchPage, type SearchCursor } from './queries.ts';
import { text } from './text.ts';

export interface SearchRequest {
	guildId: string;
	memberId: string;
	text: string;
	channelId?: string;
	authorId?: string;
	/** ISO instant. */
	since?: string;
}

/**
 * The text channels (and threads) this member can read: search never returns a message from a
 * channel the member could not open in Discord.
 */
export function readableChannelIds(guild: Guild, member: GuildMember): string[] {
	return guild.channels.cache
		.filter((channel) => channel.isTextBased() && channel.permissionsFor(member).has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.ReadMessageHistory]))
		.map((channel) => channel.id);
}

/** Runs a search as the member would see it; shared by /recherche and GET /api/messages/search. */
export async function searchAsMember(request: SearchRequest, page: number, after?: SearchCursor, pageSize?: number): Promise<MessageSearchPage | null> {
	const guild = await botGuild(request.guildId);
	const member = await guild?.members.fetch(request.memberId).catch(() => null);
	if (!guild || !member) return null;
	const search: MessageSearch = {
		text: request.text,
		readableChannelIds: readableChannelIds(guild, member),
		channelId: request.channelId,
		authorId: request.authorId,
		since: request.since ? new Date(request.since) : undefined,
		page,
		after,
		pageSize
	};
	return searchMessages(container.db, search);
}

export function messageUrl(guildId: string, channelId: string, messageId: string): string {
	return `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
}

const excerptLength = 160;

/**
 * Results per embed page: each line carries a timestamp, a channel, a member and the message's link (about
 * 160 characters) besides its excerpt, so 25 lines (the API's page) overflow the 4,096 characters of an
 * embed's description and Discord would show only half of them.
 */
const discordPageSize = 10;

/** What an embed's description holds. */
const descriptionLimit = 4096;

export const searchPager = 'monitoring.search';

/** Pages of results, newest first, `discordPageSize` a page. */
export function registerSearchPager(): () => void {
	return registerPager<SearchRequest>(searchPager, async ({ page, data, locale }) => {
		const t = text(locale as Locale);
		// Pages of a `!recherche` live in a DM, where the kit only sees the bot-wide switch.
		if (!container.plugins.isActive('monitoring', data.guildId)) {
			return { embed: buildEmbed({ kind: 'warning', title: t('searchTitle', { text: escapeUserText(data.text).slice(0, 80) }), description: t('searchOff') }), totalPages: 1 };
		}
		const result = await searchAsMember(data, page, undefined, discordPageSize);
		const lines = (result?.results ?? []).map((row) => {
			const excerpt = escapeUserText((row.content ?? '').replace(/\s+/g, ' ').slice(0, excerptLength));
			return `${time(new Date(row.createdAt), TimestampStyles.ShortDateTime)} <#${row.channelId}> <@${row.authorId}> — [${excerpt}](${messageUrl(data.guildId, row.channelId, row.messageId)})`;
		});
		const embed = buildEmbed({
			kind: 'info',
			title: t('searchTitle', { text: escapeUserText(data.text).slice(0, 80) }),
			description: lines.length === 0 ? t('searchNone') : wholeLines([...(result?.match === 'similar' ? [t('searchSimilar')] : []), ...lines])
		});
		// The query reads one row past the page: the total is known only up to the next page.
		return { embed, totalPages: result?.hasMore ? page + 1 : page };
	});
}

/** As many whole lines as the description holds: a line cut short would break its link's markdown. */
function wholeLines(lines: string[]): string {
	let description = '';
	for (const line of lines) {
		const next = description ? `${description}\n${line}` : line;
		if (next.length > descriptionLimit) break;
		description = next;
	}
	return description;
}
