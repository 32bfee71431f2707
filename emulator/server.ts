import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationCommandType, ChannelType, GatewayIntentBits } from 'discord.js';
import type { APIApplicationCommand, APIApplicationCommandOptionChoice, APIApplicationCommandPermission, APIUser, GatewayRequestGuildMembersData } from 'discord.js';
import { offeredCommands } from './command-access.ts';
import type { ServerContext } from './context.ts';
import { FaultPlan, type FaultOptions } from './faults.ts';
import { Gateway, sessionServesGuild } from './gateway.ts';
import type { GatewaySession } from './gateway.ts';
import { DiscordApiError, errors, readBody, sendJson } from './http.ts';
import { randomToken, SnowflakeGenerator } from './ids.ts';
import { InteractionRegistry } from './interactions.ts';
import { MessageService } from './messages.ts';
import { OAuth2Provider } from './oauth2.ts';
import { CommandRefused, type Refusal } from './refusals.ts';
import { Recorder } from './recorder.ts';
import { registerChannelRoutes } from './rest/channels.ts';
import { registerCommandRoutes } from './rest/commands.ts';
import { registerGuildRoutes } from './rest/guilds.ts';
import { registerIdentityRoutes } from './rest/identity.ts';
import { registerMessageRoutes } from './rest/messages.ts';
import { registerWebhookRoutes } from './rest/webhooks.ts';
import { Router } from './router.ts';
import { defaultSeed } from './seed.ts';
import { DiscordState } from './state.ts';
import type { SeededGuild, StoredMessage } from './state.ts';
import type {
	AutocompleteInput,
	BotMessageEvent,
	ComponentInput,
	DiscordServerOptions,
	InteractionHandle,
	MessageCommandInput,
	ModalInput,
	RecordedCall,
	SelectInput,
	SendMessageInput,
	ServerLogger,
	SlashCommandInput
} from './types.ts';

const API_PREFIX = /^\/api\/v\d+(?=\/)/;
const DEFAULT_HEARTBEAT_MS = 41_250;
/** Discord recommends about one shard per 1,000 guilds and refuses one holding more than 2,500 (close 4011). */
const DEFAULT_GUILDS_PER_SHARD = 1000;
/** Large bots' bucket size: every shard may IDENTIFY at once (with 1, discord.js waits 5 s between shards). */
const DEFAULT_IDENTIFY_CONCURRENCY = 16;

/**
 * A local Discord (REST v10 + gateway) that the real discord.js client logs in to.
 * Create it with `startDiscordServer()`.
 */
export class DiscordServer extends EventEmitter {
	readonly token: string;
	readonly botUser: APIUser;
	readonly applicationId: string;
	readonly guild: SeededGuild;
	/** Every seeded guild, `guild` first (`seed.guildCount` of them). */
	readonly guilds: SeededGuild[];
	readonly state: DiscordState;
	readonly gateway: Gateway;
	/** The OAuth2 flow (consent page, code → token, token → user): `oauth2.clientSecret` with `applicationId` as the client id. */
	readonly oauth2: OAuth2Provider;
	readonly #ids: SnowflakeGenerator;
	readonly #recorder = new Recorder();
	readonly #router = new Router();
	readonly #faults = new FaultPlan();
	readonly #http: Server;
	readonly #messages: MessageService;
	readonly #interactions: InteractionRegistry;
	readonly #logger: ServerLogger | undefined;
	readonly #host: string;
	#baseUrl = '';

	constructor(options: DiscordServerOptions = {}) {
		super();
		this.#logger = options.logger;
		this.#host = options.host ?? '127.0.0.1';
		this.token = options.token ?? `${randomToken(18)}.${randomToken(6)}.${randomToken(27)}`;
		this.#ids = new SnowflakeGenerator({ frozenAt: options.worldCreatedAt });
		this.state = new DiscordState(this.#ids);
		const seed = { ...defaultSeed(), ...options.seed };
		this.botUser = this.state.addUser(seed.botUsername, { bot: true });
		this.applicationId = this.botUser.id;
		this.guild = this.state.seedGuild(seed, this.botUser);
		this.guilds = [this.guild];
		for (let index = 2; index <= seed.guildCount; index += 1) {
			const shardStep = { after: this.guild.id, step: index - 1 };
			this.guilds.push(this.state.seedGuild(seed, this.botUser, { name: `${seed.guildName} ${index}`, shardStep }));
		}
		this.#ids.thaw();

		const guildsPerShard = options.guildsPerShard ?? DEFAULT_GUILDS_PER_SHARD;
		this.gateway = new Gateway({
			token: this.token,
			botUserId: this.botUser.id,
			heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_MS,
			guildIds: () => [...this.state.guilds.keys()],
			maxGuildsPerShard: Math.floor(guildsPerShard * 2.5),
			...(this.#logger ? { logger: this.#logger } : {}),
			hooks: {
				readyPayload: (session) => this.#readyPayload(session),
				guildCreatePayloads: (session) =>
					[...this.state.guilds.keys()]
						.filter((id) => sessionServesGuild(session, id))
						.map((id) => this.state.guildCreatePayload(id, (session.intents & GatewayIntentBits.GuildPresences) !== 0)),
				membersChunk: (request) => this.#membersChunk(request)
			}
		});
		this.gateway.on('dispatch', (event) => this.emit('dispatch', event));

		this.#messages = new MessageService(this.state, this.#ids, this.gateway, this, () => this.#baseUrl);
		this.#interactions = new InteractionRegistry(this.state, this.#ids, this.gateway, this.#messages, this, this.applicationId, this.botUser, {
			guildId: this.guild.id,
			channelId: this.defaultChannelId,
			userId: this.defaultUserId,
			locale: seed.preferredLocale
		});
		this.on('message', (event: BotMessageEvent) => this.#recorder.recordBotMessage(event));

		const context: ServerContext = {
			state: this.state,
			ids: this.#ids,
			gateway: this.gateway,
			messages: this.#messages,
			interactions: this.#interactions,
			botUser: this.botUser,
			applicationId: this.applicationId,
			baseUrl: () => this.#baseUrl,
			...(this.#logger ? { logger: this.#logger } : {})
		};
		this.oauth2 = new OAuth2Provider(this.state, this.applicationId, () => this.guild.id, options.oauth2ClientSecret);
		this.#router.add('POST', '/oauth2/token', (request) => this.oauth2.token(request.body), { requiresBotToken: false });
		registerIdentityRoutes(this.#router, context, {
			gatewayUrl: () => this.gatewayUrl,
			recommendedShards: () => Math.max(1, Math.ceil(this.state.guilds.size / guildsPerShard)),
			maxConcurrency: options.identifyConcurrency ?? DEFAULT_IDENTIFY_CONCURRENCY
		});
		registerMessageRoutes(this.#router, context);
		registerChannelRoutes(this.#router, context);
		registerGuildRoutes(this.#router, context);
		registerCommandRoutes(this.#router, context);
		registerWebhookRoutes(this.#router, context);

		this.#http = createServer((request, response) => void this.#handle(request, response));
		this.#http.on('upgrade', (request, socket, head) => {
			if (request.url?.startsWith('/gateway')) this.gateway.handleUpgrade(request, socket, head);
			else socket.destroy();
		});
	}

	/** `http://host:port/api`: pass as the client's `rest.api`. */
	get apiUrl(): string {
		return `${this.#baseUrl}/api`;
	}

	get gatewayUrl(): string {
		return `${this.#baseUrl.replace(/^http/, 'ws')}/gateway`;
	}

	/** Every REST call, in order. */
	get calls(): RecordedCall[] {
		return this.#recorder.calls;
	}

	/** Every message the bot created or edited, in order. */
	get botMessages(): BotMessageEvent[] {
		return this.#recorder.botMessages;
	}

	async listen(port = 0): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.#http.once('error', reject);
			this.#http.listen(port, this.#host, () => resolve());
		});
		const address = this.#http.address() as AddressInfo;
		this.#baseUrl = `http://${this.#host}:${address.port}`;
		this.#logger?.info({ apiUrl: this.apiUrl }, 'discord test server listening');
	}

	async stop(): Promise<void> {
		await this.gateway.close();
		this.#http.closeAllConnections();
		await new Promise<void>((resolve) => this.#http.close(() => resolve()));
	}

	// ---- simulated users -----------------------------------------------

	/**
	 * A member posts in a channel (default: the first text channel, as the first regular member). Someone
	 * who is not (or no longer) a member of the channel's guild is refused 403 Missing Access (50001).
	 */
	async sendMessage(input: SendMessageInput): Promise<StoredMessage> {
		this.#recorder.markUserAction();
		const channelId = input.channelId ?? this.defaultChannelId;
		this.#refuseCategory(channelId);
		const author = this.state.users.get(input.authorId ?? this.defaultUserId);
		if (!author) throw new Error(`No user ${input.authorId}`);
		if (this.state.outOfReach(channelId, author.id)) throw errors.missingAccess(this.#notInGuild(channelId, author));
		return this.#messages.create({
			channelId,
			author,
			body: { content: input.content, ...(input.replyTo ? { message_reference: { message_id: input.replyTo } } : {}) }
		});
	}

	/** A member edits one of their messages (MESSAGE_UPDATE); refused (50001) once they left the guild. */
	async editMessage(messageId: string, content: string): Promise<StoredMessage> {
		this.#recorder.markUserAction();
		const message = this.state.messages.get(messageId);
		if (!message) throw new Error(`No message ${messageId}`);
		if (this.state.outOfReach(message.channel_id, message.author.id)) throw errors.missingAccess(this.#notInGuild(message.channel_id, message.author));
		return this.#messages.edit(message, { content });
	}

	/** A member (or a moderator) deletes a message (MESSAGE_DELETE). */
	async deleteMessage(messageId: string): Promise<void> {
		this.#recorder.markUserAction();
		const message = this.state.messages.get(messageId);
		if (!message) throw new Error(`No message ${messageId}`);
		await this.#messages.delete(message);
	}

	/**
	 * Someone joins the server (GUILD_MEMBER_ADD), with no role: a new user by `username`, or a known
	 * one by `userId` (who left before). Refused, as Discord refuses, for a banned user or a member.
	 */
	async memberJoins(input: { username?: string; userId?: string; guildId?: string }): Promise<string> {
		this.#recorder.markUserAction();
		const guildId = input.guildId ?? this.guild.id;
		const userId = input.userId ?? this.state.addUser(input.username ?? 'newcomer').id;
		if (!this.state.users.has(userId)) throw new Error(`No user ${userId}`);
		if (this.state.bans(guildId).has(userId)) throw new Error(`User ${userId} is banned from ${guildId}: they cannot join`);
		if (this.state.members(guildId).has(userId)) throw new Error(`User ${userId} is already a member of ${guildId}`);
		this.state.addMember(guildId, userId, []);
		await this.gateway.dispatch('GUILD_MEMBER_ADD', { guild_id: guildId, ...this.state.memberPayload(guildId, userId) });
		return userId;
	}

	/** A member leaves the server of their own accord (GUILD_MEMBER_REMOVE); their messages stay. */
	async memberLeaves(userId: string, guildId = this.guild.id): Promise<void> {
		this.#recorder.markUserAction();
		if (!this.state.members(guildId).delete(userId)) throw new Error(`User ${userId} is not a member of ${guildId}`);
		await this.gateway.dispatch('GUILD_MEMBER_REMOVE', { guild_id: guildId, user: this.state.userPayload(userId) });
	}

	async sendSlashCommand(input: SlashCommandInput): Promise<InteractionHandle> {
		if (input.channelId) this.#refuseCategory(input.channelId);
		this.#recorder.markUserAction();
		return this.#interactions.slashCommand(input);
	}

	/** A member runs a message command from a message's "Apps" menu. */
	async sendMessageCommand(input: MessageCommandInput): Promise<InteractionHandle> {
		this.#recorder.markUserAction();
		return this.#interactions.messageCommand(input);
	}

	/** The user's privacy settings refuse (or again accept) DMs from the bot: sending one answers 50007. */
	refuseDirectMessages(userId: string, refuse = true): void {
		if (refuse) this.state.closedDms.add(userId);
		else this.state.closedDms.delete(userId);
	}

	/**
	 * An admin sets who may use a command in Server Settings › Integrations, replacing its previous overrides:
	 * roles (the guild's id for @everyone), members, or channels (the guild's id minus one for all of them)
	 * allowed or denied. Without any, the command's `default_member_permissions` decide.
	 */
	setCommandPermissions(name: string, permissions: APIApplicationCommandPermission[], guildId = this.guild.id): void {
		const command = this.state.findCommand(name, guildId) ?? this.state.findCommand(name, guildId, ApplicationCommandType.Message);
		if (!command) throw new Error(`No command "${name}" is registered in ${guildId}`);
		this.state.commandPermissions.set(`${guildId}:${command.id}`, permissions);
	}

	/** The slash commands Discord's client lists for this user in this channel; those it hides are refused when sent. */
	commandsShownTo(userId: string, channelId: string): APIApplicationCommand[] {
		return offeredCommands(this.state, channelId, userId);
	}

	/** An admin drags roles in the server settings: new positions by role id (higher outranks lower). */
	async moveRoles(positions: Record<string, number>): Promise<void> {
		for (const [roleId, position] of Object.entries(positions)) {
			const role = this.state.roles(this.guild.id).get(roleId);
			if (!role) throw new Error(`No role ${roleId}`);
			role.position = position;
			await this.gateway.dispatch('GUILD_ROLE_UPDATE', { guild_id: this.guild.id, role });
		}
	}

	/** Discord's clients offer no way to post or run a command in a category: neither does this server. */
	#refuseCategory(channelId: string): void {
		const channel = this.state.channels.get(channelId);
		if (channel?.type === ChannelType.GuildCategory) {
			throw new CommandRefused({ reason: 'category', channel: channel.name ?? channelId }, `#${channel.name} is a category: nobody can post or run a command there`);
		}
	}

	/** Why a former member is refused (50001) in a channel of the guild they left. */
	#notInGuild(channelId: string, user: APIUser): Refusal {
		const guildId = this.state.channels.get(channelId)?.guild_id ?? '';
		return { reason: 'notInGuild', user: user.username, guild: this.state.guilds.get(guildId)?.name ?? guildId };
	}

	/** Sends an autocomplete interaction and resolves with the choices the bot answered. */
	async sendAutocomplete(input: AutocompleteInput, timeoutMs?: number): Promise<APIApplicationCommandOptionChoice[]> {
		const handle = await this.#interactions.autocomplete(input);
		const reply = await handle.reply(timeoutMs);
		return reply.choices ?? [];
	}

	clickButton(input: ComponentInput): Promise<InteractionHandle> {
		this.#recorder.markUserAction();
		return this.#interactions.button(input);
	}

	selectOption(input: SelectInput): Promise<InteractionHandle> {
		this.#recorder.markUserAction();
		return this.#interactions.select(input);
	}

	submitModal(input: ModalInput): Promise<InteractionHandle> {
		this.#recorder.markUserAction();
		return this.#interactions.modal(input);
	}

	/** Modals the bot showed that nobody answered yet. */
	get openModals() {
		return this.#interactions.openModals();
	}

	/** Next bot message (create or edit) since the last simulated user action, each handed out once. */
	waitForMessage(predicate?: (message: StoredMessage) => boolean, timeoutMs = 5000): Promise<StoredMessage> {
		return this.#recorder.waitForMessage(predicate, timeoutMs);
	}

	/**
	 * Makes the next matching REST calls fail (tests only): `failNext('POST', '/guilds/:guildId/channels',
	 * { after: 2 })` lets two channel creations through, then answers 403 Missing Permissions once.
	 */
	failNext(method: string, route: string, options?: FaultOptions): void {
		this.#faults.add(method, route, options);
	}

	/** The next `count` channel creations (categories included) fail, after `after` that succeed. */
	failNextChannelCreations(count = 1, options: Omit<FaultOptions, 'count'> = {}): void {
		this.#faults.add('POST', '/guilds/:guildId/channels', { ...options, count });
	}

	/** Sends any gateway event, e.g. `dispatch('PRESENCE_UPDATE', {...})`. */
	dispatch(event: string, data: Record<string, unknown>): Promise<void> {
		return this.gateway.dispatch(event, data);
	}

	/** Asks connected clients to reconnect and RESUME (op 7). */
	requestReconnect(): void {
		this.gateway.requestReconnect();
	}

	/** The `general` channel, else the first text channel seeded. */
	get defaultChannelId(): string {
		const firstText = this.state.guildChannels(this.guild.id).find((channel) => channel.type === ChannelType.GuildText);
		return this.guild.channels.general ?? firstText?.id ?? '';
	}

	/** `alice`, else the first seeded member. */
	get defaultUserId(): string {
		return this.guild.members.alice ?? Object.values(this.guild.members)[0] ?? '';
	}

	// ---- internals -------------------------------------------------------

	#readyPayload(session: GatewaySession): Record<string, unknown> {
		return {
			v: 10,
			user: this.botUser,
			application: { id: this.applicationId, flags: 0 },
			guilds: [...this.state.guilds.keys()].filter((id) => sessionServesGuild(session, id)).map((id) => ({ id, unavailable: true })),
			session_id: session.id,
			resume_gateway_url: this.gatewayUrl,
			session_type: 'normal',
			private_channels: [],
			relationships: [],
			presences: [],
			guild_join_requests: [],
			geo_ordered_rtc_regions: [],
			shard: session.shard,
			_trace: ['monster-test-gateway']
		};
	}

	#membersChunk(request: GatewayRequestGuildMembersData): Record<string, unknown> {
		const guildId = request.guild_id;
		const members = [...this.state.members(guildId).values()];
		const query = 'query' in request ? (request.query ?? '').toLowerCase() : '';
		const userIds = 'user_ids' in request && request.user_ids ? [request.user_ids].flat() : null;
		const matching = members
			.filter((member) => (userIds ? userIds.includes(member.userId) : true))
			.filter((member) => {
				if (!query) return true;
				const user = this.state.userPayload(member.userId);
				return [user.username, user.global_name, member.nick].some((name) => name?.toLowerCase().startsWith(query));
			})
			.slice(0, ('limit' in request ? request.limit : 0) || members.length);
		return {
			guild_id: guildId,
			members: matching.map((member) => this.state.memberPayload(guildId, member.userId)),
			chunk_index: 0,
			chunk_count: 1,
			not_found: userIds ? userIds.filter((id) => !matching.some((member) => member.userId === id)) : [],
			...(request.presences ? { presences: matching.map((member) => this.state.presencePayload(guildId, member.userId)) } : {}),
			...(request.nonce ? { nonce: request.nonce } : {})
		};
	}

	async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', this.#baseUrl);
		if (request.method === 'GET' && url.pathname.startsWith('/attachments/')) return this.#serveAttachment(url.pathname, response);
		if (request.method === 'GET' && url.pathname === '/oauth2/authorize') return this.oauth2.authorize(url, response);
		const method = request.method ?? 'GET';
		const path = decodeURIComponent(url.pathname.replace(API_PREFIX, ''));
		const auditHeader = request.headers['x-audit-log-reason'];
		const auditReason = typeof auditHeader === 'string' ? decodeURIComponent(auditHeader) : undefined;
		const call: RecordedCall = {
			method,
			path,
			route: null,
			query: Object.fromEntries(url.searchParams),
			body: undefined,
			...(auditReason !== undefined ? { auditReason } : {}),
			status: 0,
			at: Date.now()
		};
		let status = 200;
		let payload: unknown;
		try {
			const body = await readBody(request);
			call.body = body.json;
			if (body.files.length > 0) call.files = body.files;
			// Recorded before handling: a test woken by the bot's message must already see the call.
			this.#recorder.recordCall(call);
			const match = API_PREFIX.test(url.pathname) ? this.#router.match(method, path) : undefined;
			if (!match) {
				this.#logger?.warn({ method, path: url.pathname }, 'discord test server: unknown route');
				throw errors.notFound();
			}
			call.route = match.route.pattern;
			const bearerUserId = match.route.acceptsBearer ? this.oauth2.userOf(request.headers.authorization) : undefined;
			if (match.route.requiresBotToken && !bearerUserId && request.headers.authorization !== `Bot ${this.token}`) throw errors.unauthorized();
			const fault = this.#faults.take(method, match.route.pattern);
			if (fault) throw fault;
			payload = await match.route.handler({
				method,
				path,
				route: match.route.pattern,
				params: match.params,
				query: url.searchParams,
				body: body.json,
				files: body.files,
				...(auditReason !== undefined ? { auditReason } : {}),
				...(bearerUserId !== undefined ? { bearerUserId } : {})
			});
			if (payload === undefined) status = 204;
		} catch (error) {
			const apiError =
				error instanceof DiscordApiError ? error : new DiscordApiError(500, 0, error instanceof Error ? error.message : String(error));
			if (apiError.status >= 500) this.#logger?.warn({ err: error, method, path }, 'discord test server: handler failed');
			status = apiError.status;
			payload = apiError.toJSON();
		}
		call.status = status;
		if (!this.#recorder.calls.includes(call)) this.#recorder.recordCall(call);
		this.emit('call', call);
		sendJson(response, status, payload);
	}

	#serveAttachment(pathname: string, response: ServerResponse): void {
		const attachmentId = pathname.split('/')[3] ?? '';
		const file = this.state.files.get(attachmentId);
		if (!file) return sendJson(response, 404, errors.notFound().toJSON());
		response.writeHead(200, { 'content-type': file.contentType, 'content-length': file.data.length }).end(file.data);
	}
}
