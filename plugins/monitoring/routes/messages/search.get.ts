import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { guildTimeZone, inputOf, refuseGuild, startOfDay, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { messageUrl, searchAsMember } from '../../search.ts';

const day = z.iso.date();
const snowflake = z.string().regex(/^\d{17,20}$/, 'a Discord id');
const query = z.object({
	q: z.string().trim().min(1, 'the text to look for').max(200),
	/** Optional when the bot serves one server. */
	guild: snowflake.optional(),
	/** Results are those this member could read in Discord. */
	member: z
		.string({ error: 'required: the Discord id of the member the search is made as (only the channels they may read are searched)' })
		.regex(/^\d{17,20}$/, 'a Discord id')
		.describe('The member the search is made as: only the channels they may read are searched'),
	channel: snowflake.optional(),
	author: snowflake.optional(),
	/** An instant, or a day: from the start of that day in the server's time zone (as /recherche reads it). */
	since: z.iso.datetime({ offset: true }).or(day).optional(),
	page: z.coerce.number().int().min(1).max(1000).default(1),
	/** The `next` of the previous answer: the page after it, read without re-reading the pages before. */
	after: z
		.string()
		.regex(/^[^~]+~\d+$/, 'the next value of a previous answer')
		.transform((cursor) => {
			const [createdAt = '', id = ''] = cursor.split('~');
			return { createdAt: new Date(createdAt), id: Number(id) };
		})
		.refine((cursor) => !Number.isNaN(cursor.createdAt.getTime()), 'the next value of a previous answer')
		.optional()
});

const schema = {
	summary: 'Search the message history as a member could',
	description: 'Messages holding every word of `q`, newest first (`match: "words"`), or else messages with similar words (`"similar"`); 25 per page. `since` is an instant or a day (from its start in the server\'s time zone, as `/recherche depuis:` reads it); `after` is the previous answer\'s `next`.',
	tags: ['monitoring'],
	query,
	responses: {
		200: { description: 'One page of results', schema: z.object({}).loose() },
		400: { description: 'Invalid query', schema: z.object({ error: z.string() }).loose() },
		404: { description: 'The member is not on that server', schema: z.object({ error: z.string() }) }
	}
} satisfies RouteSchema;

/**
 * `GET /api/messages/search?q=&member=[&guild=&channel=&author=&since=&page=|&after=]`: 25 results per page,
 * messages holding every word newest first (`match: "words"`), or else messages with similar words, newest first too (`"similar"`).
 */
export class MessageSearchRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const input = inputOf(request, schema).query;
		const { q, member, channel, author, page, after } = input;
		const guild = (await targetGuild(request, input.guild, 'monitoring'))?.id;
		if (!guild) return refuseGuild(request, response, input.guild, 'query', 'guild', 'monitoring');
		const since = instantOf(input.since, guildTimeZone(guild));
		const result = await searchAsMember({ guildId: guild, memberId: member, text: q, channelId: channel, authorId: author, since }, page, after);
		if (!result) return response.status(404).json({ error: 'Unknown guild or member' });
		return response.json({
			page: result.page,
			hasMore: result.hasMore,
			match: result.match,
			next: result.next ? `${result.next.createdAt.toISOString()}~${result.next.id}` : undefined,
			results: result.results.map((row) => ({ ...row, url: messageUrl(guild, row.channelId, row.messageId) }))
		});
	}
}

/** `2026-11-01` is midnight in the server's zone, as `/recherche depuis:` reads it, not midnight UTC. */
function instantOf(since: string | undefined, timeZone: string): string | undefined {
	if (since === undefined || !day.safeParse(since).success) return since;
	return startOfDay(since, timeZone).toISOString();
}
