import type { APIUser } from 'discord.js';
import type { Gateway } from './gateway.ts';
import { errors } from './http.ts';
import type { SnowflakeGenerator } from './ids.ts';
import type { InteractionRegistry } from './interactions.ts';
import type { MessageService } from './messages.ts';
import type { DiscordState, StoredChannel, StoredGuild, StoredMember } from './state.ts';
import type { ServerLogger } from './types.ts';

/** Everything REST handlers share. */
export interface ServerContext {
	state: DiscordState;
	ids: SnowflakeGenerator;
	gateway: Gateway;
	messages: MessageService;
	interactions: InteractionRegistry;
	botUser: APIUser;
	applicationId: string;
	/** `http://host:port`, known once listening. */
	baseUrl: () => string;
	logger?: ServerLogger;
}

export function requireGuild(context: ServerContext, guildId: string): StoredGuild {
	const guild = context.state.guilds.get(guildId);
	if (!guild) throw errors.unknownGuild();
	return guild;
}

export function requireChannel(context: ServerContext, channelId: string): StoredChannel {
	const channel = context.state.channels.get(channelId);
	if (!channel) throw errors.unknownChannel();
	return channel;
}

export function requireMember(context: ServerContext, guildId: string, userId: string): StoredMember {
	requireGuild(context, guildId);
	const member = context.state.members(guildId).get(userId === '@me' ? context.botUser.id : userId);
	if (!member) throw errors.unknownMember();
	return member;
}

/** Request bodies are plain JSON objects; anything else is a bad form. */
export function bodyObject(body: unknown): Record<string, unknown> {
	if (body === undefined || body === null) return {};
	if (typeof body !== 'object' || Array.isArray(body)) throw errors.invalidFormBody('_', 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
	return body as Record<string, unknown>;
}
