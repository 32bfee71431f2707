import type { EventEmitter } from 'node:events';
import { ChannelType, MessageFlags, MessageType } from 'discord.js';
import type { APIAttachment, APIEmbed, APIMessageTopLevelComponent, APIUser } from 'discord.js';
import { errors } from './http.ts';
import type { UploadedFile } from './http.ts';
import type { SnowflakeGenerator } from './ids.ts';
import type { DiscordState, StoredMessage } from './state.ts';
import type { BotMessageEvent, BotMessageSource, MessageChangeEvent } from './types.ts';
import type { Gateway } from './gateway.ts';

/** The message fields a create/edit body may carry (REST JSON or `payload_json`). */
export interface MessageBody {
	content?: string | null;
	embeds?: APIEmbed[] | null;
	components?: APIMessageTopLevelComponent[] | null;
	flags?: number | null;
	tts?: boolean;
	attachments?: { id: string | number; filename?: string; description?: string }[] | null;
	message_reference?: { message_id?: string; channel_id?: string } | null;
	username?: string;
}

export interface CreateMessageInput {
	channelId: string;
	author: APIUser;
	body: MessageBody;
	files?: UploadedFile[];
	/** Where a bot message came from; absent for messages of simulated users. */
	source?: BotMessageSource;
	interactionId?: string;
	/** Extra API fields (webhook_id, interaction_metadata...). */
	extra?: Partial<StoredMessage>;
}

const MAX_CONTENT_LENGTH = 2000;
const MAX_EMBEDS = 10;
/** Discord's cap on the characters of all of a message's embeds together (titles, descriptions, fields, footers, authors). */
const MAX_EMBEDS_TOTAL_CHARACTERS = 6000;
const HIDDEN_FLAGS = MessageFlags.Ephemeral;

function isEphemeral(message: StoredMessage): boolean {
	return ((message.flags ?? 0) & HIDDEN_FLAGS) !== 0;
}

function isLoading(message: StoredMessage): boolean {
	return ((message.flags ?? 0) & MessageFlags.Loading) !== 0;
}

function validate(body: MessageBody, files: UploadedFile[], requireSomething: boolean): void {
	if (typeof body.content === 'string' && body.content.length > MAX_CONTENT_LENGTH) {
		throw errors.invalidFormBody('content', 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_CONTENT_LENGTH} or fewer in length.`);
	}
	if (body.embeds && body.embeds.length > MAX_EMBEDS) {
		throw errors.invalidFormBody('embeds', 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_EMBEDS} or fewer in length.`);
	}
	if (body.embeds && embedsCharacters(body.embeds) > MAX_EMBEDS_TOTAL_CHARACTERS) {
		throw errors.invalidFormBody('embeds', 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${MAX_EMBEDS_TOTAL_CHARACTERS}`);
	}
	const hasSomething =
		(typeof body.content === 'string' && body.content.trim() !== '') ||
		(body.embeds?.length ?? 0) > 0 ||
		(body.components?.length ?? 0) > 0 ||
		files.length > 0;
	if (requireSomething && !hasSomething) throw errors.emptyMessage();
}

function embedsCharacters(embeds: APIEmbed[]): number {
	return embeds.reduce(
		(total, embed) =>
			total +
			(embed.title?.length ?? 0) +
			(embed.description?.length ?? 0) +
			(embed.footer?.text.length ?? 0) +
			(embed.author?.name.length ?? 0) +
			(embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0),
		0
	);
}

/** Creates, edits and deletes stored messages, dispatching the gateway events and bot-message events. */
export class MessageService {
	private readonly state: DiscordState;
	private readonly ids: SnowflakeGenerator;
	private readonly gateway: Gateway;
	private readonly events: EventEmitter;
	private readonly fileBaseUrl: () => string;

	constructor(
		state: DiscordState,
		ids: SnowflakeGenerator,
		gateway: Gateway,
		events: EventEmitter,
		fileBaseUrl: () => string
	) {
		this.state = state;
		this.ids = ids;
		this.gateway = gateway;
		this.events = events;
		this.fileBaseUrl = fileBaseUrl;
	}

	get(channelId: string, messageId: string): StoredMessage {
		const message = this.state.messages.get(messageId);
		if (!message || message.channel_id !== channelId) throw errors.unknownMessage();
		return message;
	}

	/** Creates a message; the body is validated like Discord does (50006 / 50035). */
	async create(input: CreateMessageInput): Promise<StoredMessage> {
		const channel = this.state.channels.get(input.channelId);
		if (!channel) throw errors.unknownChannel();
		const files = input.files ?? [];
		const body = input.body;
		validate(body, files, !isLoadingBody(body));
		const id = this.ids.next();
		const referenced = body.message_reference?.message_id ? this.state.messages.get(body.message_reference.message_id) : undefined;
		const message: StoredMessage = {
			id,
			channel_id: channel.id,
			...(channel.guild_id ? { guild_id: channel.guild_id } : {}),
			author: input.author,
			content: body.content ?? '',
			timestamp: new Date().toISOString(),
			edited_timestamp: null,
			tts: body.tts ?? false,
			mention_everyone: /@(everyone|here)\b/.test(body.content ?? ''),
			mentions: [],
			mention_roles: [],
			attachments: this.#attachments(channel.id, [], body, files),
			embeds: normalizeEmbeds(body.embeds ?? []),
			components: body.components ?? [],
			pinned: false,
			type: referenced ? MessageType.Reply : MessageType.Default,
			flags: body.flags ?? 0,
			...(referenced
				? { message_reference: { type: 0, message_id: referenced.id, channel_id: referenced.channel_id, guild_id: referenced.guild_id }, referenced_message: referenced }
				: {}),
			...input.extra
		};
		this.#resolveMentions(message);
		this.state.messages.set(id, message);
		channel.last_message_id = id;
		if (!isEphemeral(message)) await this.gateway.dispatch('MESSAGE_CREATE', this.#gatewayPayload(message));
		this.#emitChange('create', message);
		this.#emit('create', message, input);
		return message;
	}

	/** Applies the fields present in `body`; `null` clears a field, as on Discord. */
	async edit(
		message: StoredMessage,
		body: MessageBody,
		files: UploadedFile[] = [],
		origin: { source?: BotMessageSource; interactionId?: string } = {}
	): Promise<StoredMessage> {
		if (body.content !== undefined) message.content = body.content ?? '';
		if (body.embeds !== undefined) message.embeds = normalizeEmbeds(body.embeds ?? []);
		if (body.components !== undefined) message.components = body.components ?? [];
		if (body.flags !== undefined && body.flags !== null) {
			// Only the "suppress embeds" flag is editable; edits always end a deferred "thinking" state.
			message.flags = ((message.flags ?? 0) & ~MessageFlags.SuppressEmbeds) | (body.flags & MessageFlags.SuppressEmbeds);
		}
		message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
		if (body.attachments !== undefined || files.length > 0) {
			message.attachments = this.#attachments(message.channel_id, message.attachments, body, files);
		}
		validate({ content: message.content, embeds: message.embeds }, [], false);
		message.edited_timestamp = new Date().toISOString();
		this.#resolveMentions(message);
		if (!isEphemeral(message)) await this.gateway.dispatch('MESSAGE_UPDATE', this.#gatewayPayload(message));
		this.#emitChange('update', message);
		this.#emit('update', message, origin);
		return message;
	}

	async delete(message: StoredMessage, origin: { source?: BotMessageSource; interactionId?: string } = {}): Promise<void> {
		this.state.messages.delete(message.id);
		if (!isEphemeral(message)) {
			await this.gateway.dispatch('MESSAGE_DELETE', {
				id: message.id,
				channel_id: message.channel_id,
				...(message.guild_id ? { guild_id: message.guild_id } : {})
			});
		}
		this.#emitChange('delete', message);
		this.#emit('delete', message, origin);
	}

	/** Every stored message's change, whoever wrote it (members, the bot, ephemeral or still loading): what a chat view shows. */
	#emitChange(kind: MessageChangeEvent['kind'], message: StoredMessage): void {
		const event: MessageChangeEvent = { kind, message };
		this.events.emit('messageChange', event);
	}

	#gatewayPayload(message: StoredMessage): Record<string, unknown> {
		const channel = this.state.channels.get(message.channel_id);
		const member =
			message.guild_id && !message.webhook_id && this.state.members(message.guild_id).has(message.author.id)
				? this.state.memberPayload(message.guild_id, message.author.id)
				: undefined;
		const { user: _user, ...memberWithoutUser } = member ?? { user: undefined };
		return {
			...message,
			channel_type: channel?.type ?? ChannelType.GuildText,
			...(member ? { member: memberWithoutUser } : {})
		};
	}

	#emit(kind: BotMessageEvent['kind'], message: StoredMessage, origin: { source?: BotMessageSource; interactionId?: string }): void {
		if (!origin.source || isLoading(message)) return;
		const event: BotMessageEvent = {
			kind,
			message,
			source: origin.source,
			ephemeral: isEphemeral(message),
			...(origin.interactionId ? { interactionId: origin.interactionId } : {})
		};
		this.events.emit('message', event);
	}

	#resolveMentions(message: StoredMessage): void {
		const userIds = [...message.content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] ?? '');
		message.mentions = [...new Set(userIds)].flatMap((userId) => {
			const user = this.state.users.get(userId);
			return user ? [user] : [];
		});
		message.mention_roles = [...new Set([...message.content.matchAll(/<@&(\d+)>/g)].map((match) => match[1] ?? ''))];
	}

	/** Keeps the existing attachments listed in `body.attachments` (all when absent) and adds the uploads. */
	#attachments(channelId: string, existing: APIAttachment[], body: MessageBody, files: UploadedFile[]): APIAttachment[] {
		const keptIds = body.attachments ? new Set(body.attachments.map((attachment) => String(attachment.id))) : null;
		const kept = keptIds ? existing.filter((attachment) => keptIds.has(attachment.id)) : existing;
		const uploaded = files.map((file, index) => {
			const id = this.ids.next();
			const described = body.attachments?.find((attachment) => String(attachment.id) === String(index));
			const filename = described?.filename ?? file.name;
			this.state.files.set(id, { data: file.data, contentType: file.contentType });
			const url = `${this.fileBaseUrl()}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
			return {
				id,
				filename,
				...(described?.description ? { description: described.description } : {}),
				content_type: file.contentType,
				size: file.size,
				url,
				proxy_url: url
			};
		});
		return [...kept, ...uploaded];
	}
}

function isLoadingBody(body: MessageBody): boolean {
	return ((body.flags ?? 0) & MessageFlags.Loading) !== 0;
}

/** Builders omit `type`; Discord answers with `rich`. */
function normalizeEmbeds(embeds: APIEmbed[]): APIEmbed[] {
	return embeds.map((embed) => ({ type: 'rich' as APIEmbed['type'], ...embed }));
}
