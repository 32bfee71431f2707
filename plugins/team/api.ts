import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { channelReference, embedInput, refuseGuild, postedMessage, postToChannel, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';

/** The Discord actions of the HTTP API (`/api/discord/...`): posting to a channel, listing members and channels. */

const snowflake = z.string().regex(/^\d{5,25}$/, 'a Discord id');
const guildField = snowflake.optional().describe('The server; may be left out when the bot serves one');
const refusal = z.object({ error: z.string() }).loose();

const postResponses = {
	201: { description: 'The message posted', schema: z.object({ message: postedMessage }) },
	400: { description: 'Invalid fields, or no such text channel', schema: refusal },
	502: { description: 'Discord refused the message (a missing permission)', schema: refusal }
};

export const messageSchema = {
	summary: 'Post a message to a channel',
	description: 'To a text channel named by id or name; nobody is pinged.',
	tags: ['discord'],
	body: z.object({ guildId: guildField, channel: channelReference, content: z.string().trim().min(1).max(2000) }),
	responses: postResponses
} satisfies RouteSchema;

export const embedSchema = {
	summary: 'Post an embed to a channel',
	description: 'An embed (kind, title, description, url, fields) and optional text; nobody is pinged.',
	tags: ['discord'],
	body: z.object({ guildId: guildField, channel: channelReference, content: z.string().max(2000).optional(), embed: embedInput }),
	responses: postResponses
} satisfies RouteSchema;

/** Posts what a checked request asks, answering 201, 400 (unknown server or channel) or 502 (Discord refused). */
export async function answerPost(
	request: ApiRequest,
	{ guildId: requested, channel, ...post }: { guildId?: string; channel: string; content?: string; embed?: z.output<typeof embedInput> },
	response: ApiResponse
) {
	const guild = await targetGuild(request, requested, 'team');
	if (!guild) return refuseGuild(request, response, requested, 'body', 'guildId', 'team');
	const posted = await postToChannel(guild, channel, post);
	if (posted.ok) return response.status(201).json({ message: posted.message });
	if (posted.reason === 'unknownChannel') {
		return response.status(400).json({ error: 'Invalid request', issues: [{ in: 'body', path: 'channel', message: `no text channel "${channel}" in the server` }] });
	}
	response.status(502).json({ error: `Discord refused the message: ${posted.error}` });
}

const guildQuery = z.object({ guild: guildField });

export const usersSchema = {
	summary: 'The server\'s members',
	tags: ['discord'],
	query: guildQuery,
	responses: {
		200: {
			description: 'Members as the bot sees them, by name',
			schema: z.object({
				users: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string(), bot: z.boolean(), roles: z.array(z.string()), status: z.string().describe('online, idle, dnd, offline; unknown when answered by a process not holding the server\'s shard (no presence through REST)') }))
			})
		},
		400: { description: 'No such server', schema: refusal }
	}
} satisfies RouteSchema;

export const channelsSchema = {
	summary: 'The server\'s channels',
	tags: ['discord'],
	query: guildQuery,
	responses: {
		200: {
			description: 'Channels in Discord\'s order',
			schema: z.object({ channels: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), parentId: z.string().nullable() })) })
		},
		400: { description: 'No such server', schema: refusal }
	}
} satisfies RouteSchema;

/** The guild a listing asks for, or undefined once the refusal is sent. */
export async function listedGuild(request: ApiRequest, requested: string | undefined, response: ApiResponse) {
	const guild = await targetGuild(request, requested, 'team');
	if (!guild) await refuseGuild(request, response, requested, 'query', 'guild', 'team');
	return guild ?? undefined;
}
