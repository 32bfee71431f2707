import type {
	APIApplicationCommandInteractionDataOption,
	APIApplicationCommandOptionChoice,
	APIEmbed,
	APIMessageTopLevelComponent,
	APIModalInteractionResponseCallbackData,
	InteractionResponseType
} from 'discord.js';
import type { SeedOptions } from './seed.ts';
import type { StoredMessage } from './state.ts';

export interface ServerLogger {
	info(object: unknown, message?: string): void;
	warn(object: unknown, message?: string): void;
	debug(object: unknown, message?: string): void;
}

export interface DiscordServerOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	host?: string;
	seed?: Partial<SeedOptions>;
	logger?: ServerLogger;
	/**
	 * Guilds per shard that `GET /gateway/bot` recommends (default 1000, as Discord); a shard holding
	 * more than 2.5 times this is refused at IDENTIFY (close 4011, as Discord past 2,500 guilds).
	 */
	guildsPerShard?: number;
	/** `session_start_limit.max_concurrency` (default 16): shards that may IDENTIFY at once. */
	identifyConcurrency?: number;
	/** Sent in HELLO; shorten it to watch heartbeats in a test. */
	heartbeatIntervalMs?: number;
	/** The bot token to accept; random by default. */
	token?: string;
	/** The OAuth2 client secret (with the application id as client id); random by default. */
	oauth2ClientSecret?: string;
	/**
	 * When the seeded world was made (ms since 1970). Given, the bot, guild, roles, channels and members
	 * get the same ids at every start with the same seed, so data stored under them is found again.
	 * By default they count from now and differ at each start.
	 */
	worldCreatedAt?: number;
}

export interface RecordedFile {
	field: string;
	name: string;
	contentType: string;
	size: number;
	data: Buffer;
}

export interface RecordedCall {
	method: string;
	/** Real path after `/api/v10`, ids included: `/channels/123/messages`. */
	path: string;
	/** The matched pattern (`/channels/:channelId/messages`), or null for an unknown route. */
	route: string | null;
	query: Record<string, string>;
	/** Parsed JSON body, or `payload_json` of a multipart body. */
	body: unknown;
	files?: RecordedFile[];
	auditReason?: string;
	/** HTTP status answered; 0 while the call is still being handled. */
	status: number;
	at: number;
}

export type BotMessageSource = 'channel' | 'interaction' | 'webhook';

/** A message the bot created, edited or deleted, as emitted on `server.on('message')`. */
export interface BotMessageEvent {
	kind: 'create' | 'update' | 'delete';
	message: StoredMessage;
	source: BotMessageSource;
	/** Flag 64: only the interaction's user sees it. */
	ephemeral: boolean;
	interactionId?: string;
}

/** Any message created, edited or deleted, by anyone, as emitted on `server.on('messageChange')`. */
export interface MessageChangeEvent {
	kind: 'create' | 'update' | 'delete';
	message: StoredMessage;
}

/** One answer of the bot to an interaction. */
export interface BotReply {
	/** `callback` is the initial response; the others go through the interaction webhook. */
	kind: 'callback' | 'editReply' | 'followUp' | 'deleteReply';
	/** Interaction callback type (4 message, 5 deferred, 6 deferred update, 7 update, 8 autocomplete, 9 modal). */
	type: InteractionResponseType | null;
	content: string;
	embeds: APIEmbed[];
	components: APIMessageTopLevelComponent[];
	flags: number;
	ephemeral: boolean;
	/** File names of the message's attachments. */
	files: string[];
	/** The message this response created or changed, if any. */
	messageId: string | null;
	message: StoredMessage | null;
	/** Autocomplete answer (type 8). */
	choices?: APIApplicationCommandOptionChoice[];
	/** Modal shown (type 9). */
	modal?: APIModalInteractionResponseCallbackData;
}

export interface InteractionHandle {
	id: string;
	token: string;
	/** Resolves on the bot's first response (usually the callback). */
	reply(timeoutMs?: number): Promise<BotReply>;
	/** Every response so far, in order. */
	readonly responses: BotReply[];
	/** Resolves once the bot sent at least `count` responses. */
	waitForResponses(count: number, timeoutMs?: number): Promise<BotReply[]>;
}

export type SlashOptionValue = string | number | boolean;

export interface SlashCommandInput {
	name: string;
	/** Values by option name, typed from the registered command; or a raw options array. */
	options?: Record<string, SlashOptionValue> | APIApplicationCommandInteractionDataOption[];
	/** `disable`, or `group disable` for a subcommand in a group. */
	subcommand?: string;
	subcommandGroup?: string;
	userId?: string;
	channelId?: string;
	locale?: string;
}

export interface MessageCommandInput {
	/** The message command's name, as registered. */
	name: string;
	/** The message it is run on; the interaction comes from that message's channel. */
	messageId: string;
	userId?: string;
	locale?: string;
}

export interface AutocompleteInput extends SlashCommandInput {
	/** The option being typed; defaults to the last option given. */
	focused?: string;
}

export interface ComponentInput {
	messageId: string;
	customId: string;
	userId?: string;
	locale?: string;
}

export interface SelectInput extends ComponentInput {
	values: string[];
}

export interface ModalInput {
	customId: string;
	fields: Record<string, string>;
	userId?: string;
	channelId?: string;
	locale?: string;
}

export interface SendMessageInput {
	channelId?: string;
	authorId?: string;
	content: string;
	/** Id of a message to reply to. */
	replyTo?: string;
}
