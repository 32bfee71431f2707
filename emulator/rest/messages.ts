import { MessageFlags } from 'discord.js';
import { bodyObject, requireChannel } from '../context.ts';
import type { ServerContext } from '../context.ts';
import { DiscordApiError, errors } from '../http.ts';
import type { MessageBody } from '../messages.ts';
import { param } from '../router.ts';
import type { RouteRequest, Router } from '../router.ts';
import type { StoredMessage } from '../state.ts';

function isVisibleInChannel(message: StoredMessage): boolean {
	return ((message.flags ?? 0) & MessageFlags.Ephemeral) === 0;
}

/** Newest first, like Discord; `before`/`after`/`around` are message ids. */
function listMessages(messages: StoredMessage[], query: URLSearchParams): StoredMessage[] {
	const limit = Math.min(Math.max(Number(query.get('limit') ?? 50) || 50, 1), 100);
	const byNewest = messages.filter(isVisibleInChannel).sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
	const before = query.get('before');
	const after = query.get('after');
	const around = query.get('around');
	if (before) return byNewest.filter((message) => BigInt(message.id) < BigInt(before)).slice(0, limit);
	if (after) return byNewest.filter((message) => BigInt(message.id) > BigInt(after)).slice(-limit);
	if (around) {
		const index = byNewest.findIndex((message) => message.id === around);
		const start = Math.max(0, index - Math.floor(limit / 2));
		return index < 0 ? [] : byNewest.slice(start, start + limit);
	}
	return byNewest.slice(0, limit);
}

export function registerMessageRoutes(router: Router, context: ServerContext): void {
	const { state, messages, gateway, botUser } = context;

	router.add('GET', '/channels/:channelId/messages', (request) => {
		requireChannel(context, param(request, 'channelId'));
		return listMessages(state.channelMessages(param(request, 'channelId')), request.query);
	});

	router.add('POST', '/channels/:channelId/messages', (request) => {
		const channel = requireChannel(context, param(request, 'channelId'));
		// A user whose privacy settings refuse DMs, another bot, or a user who shares no guild with the bot (left, kicked, banned): Discord answers 50007.
		const refused = channel.recipients?.some((id) => state.closedDms.has(id) || state.users.get(id)?.bot || !state.shareGuild(id, botUser.id));
		if (refused) throw errors.cannotMessageUser();
		return messages.create({
			channelId: channel.id,
			author: botUser,
			body: { ...(bodyObject(request.body) as MessageBody), flags: ((bodyObject(request.body).flags as number | undefined) ?? 0) & ~MessageFlags.Ephemeral },
			files: request.files,
			source: 'channel'
		});
	});

	router.add('GET', '/channels/:channelId/messages/:messageId', (request) =>
		messages.get(requireChannel(context, param(request, 'channelId')).id, param(request, 'messageId'))
	);

	router.add('PATCH', '/channels/:channelId/messages/:messageId', (request) => {
		const message = messages.get(requireChannel(context, param(request, 'channelId')).id, param(request, 'messageId'));
		if (message.author.id !== botUser.id) throw new DiscordApiError(403, 50005, 'Cannot edit a message authored by another user');
		return messages.edit(message, bodyObject(request.body) as MessageBody, request.files, { source: 'channel' });
	});

	router.add('DELETE', '/channels/:channelId/messages/:messageId', async (request) => {
		const message = messages.get(requireChannel(context, param(request, 'channelId')).id, param(request, 'messageId'));
		await messages.delete(message, message.author.id === botUser.id ? { source: 'channel' } : {});
		return undefined;
	});

	router.add('POST', '/channels/:channelId/messages/bulk-delete', async (request) => {
		const channel = requireChannel(context, param(request, 'channelId'));
		const ids = (bodyObject(request.body).messages as string[] | undefined) ?? [];
		for (const id of ids) state.messages.delete(id);
		await gateway.dispatch('MESSAGE_DELETE_BULK', { ids, channel_id: channel.id, ...(channel.guild_id ? { guild_id: channel.guild_id } : {}) });
		return undefined;
	});

	router.add('POST', '/channels/:channelId/typing', (request) => {
		requireChannel(context, param(request, 'channelId'));
		return undefined;
	});

	const reaction = (event: 'MESSAGE_REACTION_ADD' | 'MESSAGE_REACTION_REMOVE') => async (request: RouteRequest) => {
		const channel = requireChannel(context, param(request, 'channelId'));
		messages.get(channel.id, param(request, 'messageId'));
		const [name, id] = param(request, 'emoji').split(':');
		await gateway.dispatch(event, {
			user_id: botUser.id,
			channel_id: channel.id,
			message_id: param(request, 'messageId'),
			...(channel.guild_id ? { guild_id: channel.guild_id } : {}),
			emoji: { id: id ?? null, name: name ?? null },
			type: 0,
			burst: false
		});
		return undefined;
	};
	router.add('PUT', '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', reaction('MESSAGE_REACTION_ADD'));
	router.add('DELETE', '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', reaction('MESSAGE_REACTION_REMOVE'));

	const pin = (pinned: boolean) => (request: RouteRequest) => {
		const message = messages.get(requireChannel(context, param(request, 'channelId')).id, param(request, 'messageId'));
		message.pinned = pinned;
		return undefined;
	};
	router.add('PUT', '/channels/:channelId/pins/:messageId', pin(true));
	router.add('DELETE', '/channels/:channelId/pins/:messageId', pin(false));
	router.add('PUT', '/channels/:channelId/messages/pins/:messageId', pin(true));
	router.add('DELETE', '/channels/:channelId/messages/pins/:messageId', pin(false));
}
