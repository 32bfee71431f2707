import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import type { GatewayRequestGuildMembersData } from 'discord.js';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { randomToken } from './ids.ts';
import type { ServerLogger } from './types.ts';

/** What the gateway needs from the rest of the server to build its payloads. */
export interface GatewayHooks {
	readyPayload(session: GatewaySession): Record<string, unknown>;
	guildCreatePayloads(session: GatewaySession): Record<string, unknown>[];
	membersChunk(request: GatewayRequestGuildMembersData, session: GatewaySession): Record<string, unknown>;
}

export interface GatewayOptions {
	token: string;
	botUserId: string;
	heartbeatIntervalMs: number;
	/** Every guild the bot is in: a shard holding more than `maxGuildsPerShard` of them is refused. */
	guildIds(): string[];
	/** Discord refuses a session whose shard would hold more than 2,500 guilds (close 4011, sharding required). */
	maxGuildsPerShard: number;
	logger?: ServerLogger;
	hooks: GatewayHooks;
}

export interface GatewaySession {
	id: string;
	intents: number;
	/** `[shard_id, num_shards]` from IDENTIFY; `[0, 1]` when the client sent none. */
	shard: [number, number];
	socket: WebSocket | null;
	sequence: number;
	/** Sent dispatches, replayed on RESUME. */
	history: { s: number; t: string; d: unknown }[];
}

const HISTORY_LIMIT = 1000;
const CLOSE_AUTHENTICATION_FAILED = 4004;
const CLOSE_NOT_AUTHENTICATED = 4003;
const CLOSE_INVALID_SHARD = 4010;
const CLOSE_SHARDING_REQUIRED = 4011;

/** Discord's rule: a guild's events go to shard `(guild_id >> 22) % num_shards`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
	return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Whether a session's shard receives this guild's events. */
export function sessionServesGuild(session: GatewaySession, guildId: string): boolean {
	return shardOfGuild(guildId, session.shard[1]) === session.shard[0];
}

/** The guild an event is about: `guild_id`, or `id` for the GUILD_CREATE/UPDATE/DELETE family; null for DMs and the like. */
function guildOfEvent(event: string, data: Record<string, unknown>): string | null {
	if (typeof data.guild_id === 'string') return data.guild_id;
	if ((event === 'GUILD_CREATE' || event === 'GUILD_UPDATE' || event === 'GUILD_DELETE') && typeof data.id === 'string') return data.id;
	return null;
}

/** A valid `shard` field of IDENTIFY, or null: two integers with 0 <= shard_id < num_shards. */
function parseShard(value: unknown): [number, number] | null {
	if (value === undefined || value === null) return [0, 1];
	if (!Array.isArray(value) || value.length !== 2) return null;
	const [id, count] = value as unknown[];
	if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
	if ((count as number) < 1 || (id as number) < 0 || (id as number) >= (count as number)) return null;
	return [id as number, count as number];
}

const MESSAGE_EVENTS = new Set(['MESSAGE_CREATE', 'MESSAGE_UPDATE', 'MESSAGE_DELETE', 'MESSAGE_DELETE_BULK']);

/** The intent a dispatch needs; guild and DM variants differ for messages. */
function requiredIntent(event: string, data: Record<string, unknown>): number | null {
	const inGuild = typeof data.guild_id === 'string';
	if (MESSAGE_EVENTS.has(event)) return inGuild ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
	if (event.startsWith('MESSAGE_REACTION_'))
		return inGuild ? GatewayIntentBits.GuildMessageReactions : GatewayIntentBits.DirectMessageReactions;
	if (event === 'TYPING_START') return inGuild ? GatewayIntentBits.GuildMessageTyping : GatewayIntentBits.DirectMessageTyping;
	if (event.startsWith('GUILD_MEMBER_') && event !== 'GUILD_MEMBERS_CHUNK') return GatewayIntentBits.GuildMembers;
	if (event.startsWith('GUILD_BAN_')) return GatewayIntentBits.GuildModeration;
	if (event === 'PRESENCE_UPDATE') return GatewayIntentBits.GuildPresences;
	if (event.startsWith('GUILD_') || event.startsWith('CHANNEL_') || event.startsWith('THREAD_')) return GatewayIntentBits.Guilds;
	return null;
}

/**
 * Without the MessageContent intent Discord blanks guild message content, except for
 * the bot's own messages and messages mentioning it.
 */
function withoutContent(data: Record<string, unknown>, botUserId: string): Record<string, unknown> {
	const author = data.author as { id?: string } | undefined;
	const mentions = (data.mentions as { id: string }[] | undefined) ?? [];
	if (author?.id === botUserId || mentions.some((user) => user.id === botUserId)) return data;
	return { ...data, content: '', embeds: [], attachments: [], components: [] };
}

/** Gateway v10 over `ws`: HELLO, heartbeats, IDENTIFY/READY, RESUME, member chunks, dispatch. */
export class Gateway extends EventEmitter {
	readonly sessions = new Map<string, GatewaySession>();
	heartbeatsReceived = 0;
	/** While true, every new connection is dropped during its upgrade, as by a Discord that cannot be reached. */
	refusing = false;
	/** Connections dropped while refusing. */
	refusedConnections = 0;
	readonly #wss = new WebSocketServer({ noServer: true });
	readonly #options: GatewayOptions;

	constructor(options: GatewayOptions) {
		super();
		this.#options = options;
		this.#wss.on('connection', (socket) => this.#onConnection(socket));
	}

	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		if (this.refusing) {
			this.refusedConnections += 1;
			socket.destroy();
			return;
		}
		this.#wss.handleUpgrade(request, socket, head, (ws) => this.#wss.emit('connection', ws, request));
	}

	/**
	 * Sends an event to every connected session that has the intent for it and whose shard serves its
	 * guild (events without a guild, such as DMs, go to shard 0, as on Discord); resolves once written.
	 */
	async dispatch(event: string, data: Record<string, unknown>): Promise<void> {
		const intent = requiredIntent(event, data);
		const guildId = guildOfEvent(event, data);
		const sends: Promise<void>[] = [];
		for (const session of this.sessions.values()) {
			if (intent !== null && (session.intents & intent) === 0) continue;
			if (guildId ? !sessionServesGuild(session, guildId) : session.shard[0] !== 0) continue;
			const needsContentStripped =
				MESSAGE_EVENTS.has(event) &&
				typeof data.guild_id === 'string' &&
				(session.intents & GatewayIntentBits.MessageContent) === 0;
			sends.push(this.#send(session, event, needsContentStripped ? withoutContent(data, this.#options.botUserId) : data));
		}
		await Promise.all(sends);
	}

	/** Asks every client to reconnect (op 7): discord.js then RESUMEs. */
	requestReconnect(): void {
		for (const session of this.sessions.values()) session.socket?.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null }));
	}

	/** Cuts every open connection without a close frame, as a network failure does: clients reconnect and RESUME. */
	dropConnections(): void {
		for (const client of this.#wss.clients) client.terminate();
	}

	async close(): Promise<void> {
		for (const client of this.#wss.clients) client.terminate();
		this.sessions.clear();
		await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
	}

	#send(session: GatewaySession, event: string, data: unknown): Promise<void> {
		session.sequence += 1;
		const entry = { s: session.sequence, t: event, d: data };
		session.history.push(entry);
		if (session.history.length > HISTORY_LIMIT) session.history.shift();
		this.emit('dispatch', { event, data, sessionId: session.id });
		const socket = session.socket;
		if (!socket || socket.readyState !== socket.OPEN) return Promise.resolve();
		return new Promise((resolve) => socket.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...entry }), () => resolve()));
	}

	#onConnection(socket: WebSocket): void {
		let session: GatewaySession | null = null;
		socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.#options.heartbeatIntervalMs } }));
		socket.on('message', (raw) => {
			let payload: { op: number; d: unknown };
			try {
				payload = JSON.parse(raw.toString()) as { op: number; d: unknown };
			} catch {
				socket.close(4002, 'Decode error');
				return;
			}
			this.emit('op', payload);
			switch (payload.op) {
				case GatewayOpcodes.Heartbeat:
					this.heartbeatsReceived += 1;
					socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
					this.emit('heartbeat', payload.d);
					break;
				case GatewayOpcodes.Identify:
					session = this.#identify(socket, payload.d as { token: string; intents: number; shard?: unknown });
					break;
				case GatewayOpcodes.Resume:
					session = this.#resume(socket, payload.d as { token: string; session_id: string; seq: number });
					break;
				case GatewayOpcodes.RequestGuildMembers:
					if (!session) return socket.close(CLOSE_NOT_AUTHENTICATED, 'Not authenticated');
					void this.#send(session, 'GUILD_MEMBERS_CHUNK', this.#options.hooks.membersChunk(payload.d as GatewayRequestGuildMembersData, session));
					break;
				default:
					this.#options.logger?.debug({ op: payload.op }, 'gateway: ignored opcode');
			}
		});
		socket.on('close', (code) => {
			if (!session || session.socket !== socket) return;
			session.socket = null;
			// A normal close ends the session (as Discord does); other codes keep it resumable.
			if (code === 1000 || code === 1001) this.sessions.delete(session.id);
		});
	}

	#tokenMatches(token: string): boolean {
		return token.replace(/^Bot /, '') === this.#options.token;
	}

	#identify(socket: WebSocket, data: { token: string; intents: number; shard?: unknown }): GatewaySession | null {
		if (!this.#tokenMatches(data.token)) {
			socket.close(CLOSE_AUTHENTICATION_FAILED, 'Authentication failed');
			return null;
		}
		const shard = parseShard(data.shard);
		if (!shard) {
			this.emit('refused', { code: CLOSE_INVALID_SHARD, shard: data.shard });
			socket.close(CLOSE_INVALID_SHARD, 'Invalid shard');
			return null;
		}
		const held = this.#options.guildIds().filter((guildId) => shardOfGuild(guildId, shard[1]) === shard[0]).length;
		if (held > this.#options.maxGuildsPerShard) {
			this.emit('refused', { code: CLOSE_SHARDING_REQUIRED, shard });
			socket.close(CLOSE_SHARDING_REQUIRED, 'Sharding required');
			return null;
		}
		const session: GatewaySession = { id: randomToken(16), intents: data.intents, shard, socket, sequence: 0, history: [] };
		this.sessions.set(session.id, session);
		this.emit('identify', { sessionId: session.id, intents: data.intents, shard });
		void this.#send(session, 'READY', this.#options.hooks.readyPayload(session));
		for (const guild of this.#options.hooks.guildCreatePayloads(session)) void this.#send(session, 'GUILD_CREATE', guild);
		return session;
	}

	#resume(socket: WebSocket, data: { token: string; session_id: string; seq: number }): GatewaySession | null {
		const session = this.sessions.get(data.session_id);
		if (!session || !this.#tokenMatches(data.token)) {
			socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
			return null;
		}
		session.socket?.terminate();
		session.socket = socket;
		for (const entry of session.history.filter((past) => past.s > data.seq)) {
			socket.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...entry }));
		}
		this.emit('resume', { sessionId: session.id, replayed: session.history.filter((past) => past.s > data.seq).length });
		void this.#send(session, 'RESUMED', {});
		return session;
	}
}
