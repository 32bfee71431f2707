import { ChannelType } from 'discord.js';
import type { APIOverwrite } from 'discord.js';
import { bodyObject, requireChannel, requireGuild } from '../context.ts';
import type { ServerContext } from '../context.ts';
import { errors } from '../http.ts';
import { param } from '../router.ts';
import type { Router } from '../router.ts';
import type { StoredChannel } from '../state.ts';

const EDITABLE_FIELDS = ['name', 'topic', 'parent_id', 'position', 'permission_overwrites', 'nsfw', 'rate_limit_per_user', 'bitrate', 'user_limit'] as const;

function applyChannelFields(channel: StoredChannel, body: Record<string, unknown>): void {
	for (const field of EDITABLE_FIELDS) {
		if (field in body) (channel as unknown as Record<string, unknown>)[field] = body[field];
	}
	// Discord normalizes text channel names: lower case, dashes instead of spaces.
	if (channel.name && channel.type === ChannelType.GuildText) channel.name = channel.name.toLowerCase().replace(/\s+/g, '-');
	channel.permission_overwrites = (channel.permission_overwrites ?? []).map((overwrite) => ({
		...overwrite,
		allow: String(overwrite.allow ?? '0'),
		deny: String(overwrite.deny ?? '0')
	}));
}

export function registerChannelRoutes(router: Router, context: ServerContext): void {
	const { state, ids, gateway, botUser } = context;
	const dispatchChannel = (event: string, channel: StoredChannel) =>
		gateway.dispatch(event, state.channelPayload(channel) as unknown as Record<string, unknown>);

	router.add('GET', '/guilds/:guildId/channels', (request) =>
		state.guildChannels(requireGuild(context, param(request, 'guildId')).id).map((channel) => state.channelPayload(channel))
	);

	router.add('POST', '/guilds/:guildId/channels', async (request) => {
		const guild = requireGuild(context, param(request, 'guildId'));
		const body = bodyObject(request.body);
		if (typeof body.name !== 'string' || body.name.trim() === '') {
			throw errors.invalidFormBody('name', 'BASE_TYPE_REQUIRED', 'This field is required');
		}
		const type = (body.type as ChannelType | undefined) ?? ChannelType.GuildText;
		const channel: StoredChannel = {
			id: ids.next(),
			type,
			guild_id: guild.id,
			name: body.name,
			parent_id: null,
			position: state.guildChannels(guild.id).length,
			permission_overwrites: [],
			nsfw: false,
			rate_limit_per_user: 0,
			...(type === ChannelType.GuildVoice ? { bitrate: 64_000, user_limit: 0 } : { topic: null, last_message_id: null })
		};
		applyChannelFields(channel, body);
		state.channels.set(channel.id, channel);
		await dispatchChannel('CHANNEL_CREATE', channel);
		return state.channelPayload(channel);
	});

	router.add('PATCH', '/guilds/:guildId/channels', async (request) => {
		requireGuild(context, param(request, 'guildId'));
		const moves = Array.isArray(request.body) ? (request.body as { id: string; position?: number; parent_id?: string | null }[]) : [];
		for (const move of moves) {
			const channel = requireChannel(context, move.id);
			if (move.position !== undefined) channel.position = move.position;
			if (move.parent_id !== undefined) channel.parent_id = move.parent_id;
			await dispatchChannel('CHANNEL_UPDATE', channel);
		}
		return undefined;
	});

	router.add('GET', '/channels/:channelId', (request) => state.channelPayload(requireChannel(context, param(request, 'channelId'))));

	router.add('PATCH', '/channels/:channelId', async (request) => {
		const channel = requireChannel(context, param(request, 'channelId'));
		applyChannelFields(channel, bodyObject(request.body));
		await dispatchChannel('CHANNEL_UPDATE', channel);
		return state.channelPayload(channel);
	});

	router.add('DELETE', '/channels/:channelId', async (request) => {
		const channel = requireChannel(context, param(request, 'channelId'));
		state.channels.delete(channel.id);
		for (const message of state.channelMessages(channel.id)) state.messages.delete(message.id);
		await dispatchChannel('CHANNEL_DELETE', channel);
		// As on Discord, a deleted category's channels stay, outside any category.
		for (const child of [...state.channels.values()].filter((candidate) => candidate.parent_id === channel.id)) {
			child.parent_id = null;
			await dispatchChannel('CHANNEL_UPDATE', child);
		}
		return state.channelPayload(channel);
	});

	router.add('PUT', '/channels/:channelId/permissions/:overwriteId', async (request) => {
		const channel = requireChannel(context, param(request, 'channelId'));
		const body = bodyObject(request.body);
		// Discord wants the overwrite's type (0 role, 1 member) and permission bit sets as integer strings.
		if (body.type !== 0 && body.type !== 1 && body.type !== '0' && body.type !== '1') throw errors.invalidFormBody('type', 'BASE_TYPE_REQUIRED', 'This field is required');
		for (const field of ['allow', 'deny'] as const) {
			if (body[field] !== undefined && body[field] !== null && !/^\d+$/.test(String(body[field]))) throw errors.invalidFormBody(field, 'NUMBER_TYPE_COERCE', `Value "${String(body[field])}" is not int.`);
		}
		const overwrite: APIOverwrite = {
			id: param(request, 'overwriteId'),
			type: Number(body.type) as APIOverwrite['type'],
			allow: String(body.allow ?? '0'),
			deny: String(body.deny ?? '0')
		};
		channel.permission_overwrites = [...(channel.permission_overwrites ?? []).filter((existing) => existing.id !== overwrite.id), overwrite];
		await dispatchChannel('CHANNEL_UPDATE', channel);
		return undefined;
	});

	router.add('DELETE', '/channels/:channelId/permissions/:overwriteId', async (request) => {
		const channel = requireChannel(context, param(request, 'channelId'));
		channel.permission_overwrites = (channel.permission_overwrites ?? []).filter((existing) => existing.id !== param(request, 'overwriteId'));
		await dispatchChannel('CHANNEL_UPDATE', channel);
		return undefined;
	});

	router.add('POST', '/users/@me/channels', (request) => {
		const recipientId = String(bodyObject(request.body).recipient_id ?? '');
		if (!state.users.has(recipientId)) throw errors.unknownUser();
		const existing = [...state.channels.values()].find((channel) => channel.type === ChannelType.DM && channel.recipients?.includes(recipientId));
		const channel = existing ?? { id: ids.next(), type: ChannelType.DM, recipients: [recipientId], last_message_id: null };
		state.channels.set(channel.id, channel);
		return state.channelPayload(channel);
	});

	const webhookPayload = (id: string) => {
		const webhook = state.webhooks.get(id);
		if (!webhook) throw errors.unknownWebhook();
		return {
			id: webhook.id,
			type: 1,
			guild_id: webhook.guildId ?? null,
			channel_id: webhook.channelId,
			name: webhook.name,
			avatar: null,
			token: webhook.token,
			application_id: null,
			user: botUser
		};
	};

	router.add('POST', '/channels/:channelId/webhooks', (request) => {
		const channel = requireChannel(context, param(request, 'channelId'));
		const id = ids.next();
		const name = String(bodyObject(request.body).name ?? 'Webhook');
		state.webhooks.set(id, { id, token: `webhook.${ids.next()}`, channelId: channel.id, ...(channel.guild_id ? { guildId: channel.guild_id } : {}), name });
		return webhookPayload(id);
	});

	router.add('GET', '/channels/:channelId/webhooks', (request) => {
		const channel = requireChannel(context, param(request, 'channelId'));
		return [...state.webhooks.values()].filter((webhook) => webhook.channelId === channel.id).map((webhook) => webhookPayload(webhook.id));
	});

	router.add('GET', '/guilds/:guildId/webhooks', (request) => {
		const guild = requireGuild(context, param(request, 'guildId'));
		return [...state.webhooks.values()].filter((webhook) => webhook.guildId === guild.id).map((webhook) => webhookPayload(webhook.id));
	});

	router.add('GET', '/webhooks/:webhookId', (request) => webhookPayload(param(request, 'webhookId')));

	router.add('DELETE', '/webhooks/:webhookId', (request) => {
		webhookPayload(param(request, 'webhookId'));
		state.webhooks.delete(param(request, 'webhookId'));
		return undefined;
	});
}
