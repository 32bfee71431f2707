/**
 * The dashboard's sandbox chat API (`/api/sandbox/...`): the local Discord server's channels and
 * messages, posting as a seeded member, slash commands, button and select clicks, modal answers, and
 * a live feed. Loaded by the bot only in sandbox mode (this folder is left out of the Docker image).
 * The commands go through the same parsing and checks as the terminal chat (`parseSlashCommand`,
 * `slashCommandHelp`, `formFields`), and every click is a real interaction sent by the local server.
 */
import type { ServerResponse } from 'node:http';
import { container } from '@sapphire/framework';
import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { ChannelType, InteractionResponseType, MessageFlags } from 'discord.js';
import { z } from 'zod';
import { inputOf, type RouteSchema } from '../core/bot/http/route-spec.ts';
import { CommandRefused, type DiscordServer, type InteractionHandle, type MessageChangeEvent, type StoredMessage } from '../emulator/index.ts';
import { inLocale, localizedName, type Localizations, type Named } from '../emulator/localized-names.ts';
import { formFields } from './forms.ts';
import { explainError } from './refusal-text.ts';
import { slashCommandHelp } from './slash-help.ts';
import { parseSlashCommand } from './terminal.ts';

/** How long a click or command waits for the bot's first answer (Discord gives the bot 3 s; tests run on busy machines). */
const FIRST_ANSWER_WAIT_MS = 10_000;
/** A comment line on the live feed this often, so proxies and browsers keep the stream open. */
const KEEPALIVE_MS = 25_000;

const id = z.string().regex(/^\d{15,22}$/, 'a Discord id');
const locale = z.enum(['fr', 'en']).default('fr').describe('The Discord client language of the member (the bot answers in it)');
const failure = z.object({ error: z.string() });

const chatMessage = z.object({
	id: z.string(),
	channelId: z.string(),
	author: z.object({ id: z.string(), name: z.string(), bot: z.boolean() }),
	content: z.string(),
	timestamp: z.string(),
	editedTimestamp: z.string().nullable(),
	ephemeral: z.boolean().describe('Flag 64: only `visibleTo` sees it on Discord'),
	visibleTo: z.string().optional(),
	loading: z.boolean().describe('A deferred answer: "… is thinking"'),
	embeds: z.array(z.object({}).loose()).describe('Discord embeds, as the bot sent them'),
	components: z.array(z.object({ type: z.number() }).loose()).describe('Discord components (rows, buttons, selects, layouts), as the bot sent them'),
	attachments: z.array(z.object({ id: z.string(), filename: z.string() })),
	command: z.object({ name: z.string().optional(), userId: z.string() }).optional().describe('The interaction this message answers'),
	replyTo: z.object({ id: z.string(), author: z.string(), content: z.string() }).optional(),
	mentions: z.record(z.string(), z.string()).describe('Names of the users mentioned, by id')
});
type ChatMessage = z.infer<typeof chatMessage>;

const modalShown = z.object({
	customId: z.string(),
	title: z.string(),
	fields: z.array(z.object({ customId: z.string(), label: z.string(), required: z.boolean(), value: z.string(), placeholder: z.string().nullable(), paragraph: z.boolean() }))
});

const interactionOutcome = z.object({
	interactionId: z.string(),
	answered: z.boolean().describe('The bot answered within the wait (its messages come on the live feed)'),
	modal: modalShown.optional().describe('The form the bot opened: answer it with POST /api/sandbox/modals')
});

const commandOption = z.object({ name: z.string(), description: z.string(), required: z.boolean() });

/** What a live feed event carries. */
type FeedEvent = { kind: 'create' | 'update'; message: ChatMessage } | { kind: 'delete'; id: string; channelId: string } | { kind: 'channels' };

const worldSchema = {
	summary: 'Sandbox: the local Discord server (channels, members, roles, commands)',
	description:
		'Sandbox mode only (404 with DISCORD_TOKEN set). `commands` are those the member `userId` is offered in `channelId` (by default the default member ' +
		'in the default channel), named as their client shows them in `locale`: Discord hides the commands their permissions and the server’s settings do not allow.',
	tags: ['sandbox'],
	query: z.object({ userId: id.optional(), channelId: id.optional(), locale }),
	responses: {
		200: {
			description: 'The emulated server',
			schema: z.object({
				guild: z.object({ id: z.string(), name: z.string() }),
				bot: z.object({ id: z.string(), name: z.string() }),
				channels: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['text', 'voice', 'category', 'other']), parentId: z.string().nullable(), topic: z.string().nullable() })),
				members: z.array(z.object({ id: z.string(), name: z.string(), key: z.string().optional().describe('The seed key (alice, admin…)'), bot: z.boolean() })),
				roles: z.array(z.object({ id: z.string(), name: z.string(), color: z.number() })),
				commands: z.array(
					z.object({
						name: z.string(),
						names: z.array(z.string()).describe('Every name the member may type it by: its own and the one shown in `locale` (`tache` and `task`)'),
						description: z.string(),
						options: z.array(commandOption),
						subcommands: z.array(z.string())
					})
				),
				defaultChannelId: z.string(),
				defaultMemberId: z.string()
			})
		}
	}
} satisfies RouteSchema;

const historySchema = {
	summary: 'Sandbox: a channel\'s recent messages, oldest first',
	description: 'Ephemeral answers are included, with the member who sees them.',
	tags: ['sandbox'],
	params: z.object({ channelId: id }),
	query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
	responses: { 200: { description: 'Messages', schema: z.object({ messages: z.array(chatMessage) }) }, 404: { description: 'No such channel', schema: failure } }
} satisfies RouteSchema;

const postSchema = {
	summary: 'Sandbox: post a message as a member',
	description: 'Message commands (`!taches`) work as on Discord; the bot\'s answers come on the live feed.',
	tags: ['sandbox'],
	body: z.object({ channelId: id, userId: id, locale, content: z.string().trim().min(1).max(2000) }),
	responses: { 201: { description: 'Posted', schema: chatMessage }, 400: { description: 'Refused (not a member, a category, an unknown channel): `error` says why in `locale`', schema: failure } }
} satisfies RouteSchema;

const commandSchema = {
	summary: 'Sandbox: run a slash command as a member',
	description:
		'Either `line`, typed as in Discord or the terminal chat (`/tache titre:"Poser le placo" priorite:haute`, `/plugins disable plugin:tasks`; ' +
		'`opt:?` asks for an option\'s choices), or `name` with `subcommand` and `options`. ' +
		'A command that does not exist, or `opt:?`, is not sent: `help` says why or lists the choices.',
	tags: ['sandbox'],
	body: z
		.object({
			channelId: id,
			userId: id,
			locale,
			line: z.string().trim().startsWith('/', 'starts with /').max(4000).optional(),
			name: z.string().min(1).max(32).optional(),
			subcommand: z.string().max(65).optional().describe('`disable`, or `group disable`'),
			options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional()
		})
		.refine((body) => (body.line === undefined) !== (body.name === undefined), { message: 'give either line or name', path: ['line'] }),
	responses: {
		200: { description: 'Sent (`interactionId`…), or not sent (`help`)', schema: z.union([interactionOutcome, z.object({ help: z.string() })]) },
		400: {
			description: 'Refused: a value Discord would refuse or a command it does not offer the member (`error` says why in `locale`), an unknown member or channel, a category',
			schema: failure
		}
	}
} satisfies RouteSchema;

const messageParams = z.object({ messageId: id });

const buttonSchema = {
	summary: 'Sandbox: press a button of a message as a member',
	tags: ['sandbox'],
	params: messageParams,
	body: z.object({ customId: z.string().min(1).max(100), userId: id, locale }),
	responses: { 200: { description: 'Pressed', schema: interactionOutcome }, 400: { description: 'No such button, or disabled (`error` says why in `locale`)', schema: failure } }
} satisfies RouteSchema;

const selectSchema = {
	summary: 'Sandbox: choose in a select menu of a message as a member',
	tags: ['sandbox'],
	params: messageParams,
	body: z.object({ customId: z.string().min(1).max(100), userId: id, locale, values: z.array(z.string().max(100)).max(25) }),
	responses: { 200: { description: 'Chosen', schema: interactionOutcome }, 400: { description: 'No such select menu, or disabled (`error` says why in `locale`)', schema: failure } }
} satisfies RouteSchema;

const modalSchema = {
	summary: 'Sandbox: submit a form (modal) the bot opened',
	description: 'Fields left out keep the value the bot pre-filled. A refused answer (a required field empty) leaves the form open, as Discord does.',
	tags: ['sandbox'],
	body: z.object({ customId: z.string().min(1).max(100), userId: id, locale, channelId: id.optional(), fields: z.record(z.string(), z.string().max(4000)) }),
	responses: { 200: { description: 'Submitted', schema: interactionOutcome }, 400: { description: 'No such form open, or a field refused (`error` says why in `locale`)', schema: failure } }
} satisfies RouteSchema;

const feedSchema = {
	summary: 'Sandbox: live feed of new, edited and deleted messages (Server-Sent Events)',
	description:
		'`text/event-stream`: one `message` event per change, its data `{ kind: "create" | "update", message }` or `{ kind: "delete", id, channelId }`; ' +
		'`{ kind: "channels" }` when a channel was created, changed or deleted (read GET /api/sandbox again). ' +
		'Server-Sent Events rather than long-polling: the feed only flows from the bot to the page, the browser\'s `EventSource` reconnects by itself and sends the session cookie, and no cursor has to be kept.',
	tags: ['sandbox'],
	responses: { 200: { description: 'The stream', contentType: 'text/event-stream' } }
} satisfies RouteSchema;

const userName = (server: DiscordServer, userId: string) => {
	const user = server.state.users.get(userId);
	const member = server.state.members(server.guild.id).get(userId);
	return member?.nick ?? user?.global_name ?? user?.username ?? userId;
};

function chatMessageOf(server: DiscordServer, message: StoredMessage): ChatMessage {
	const flags = message.flags ?? 0;
	const ephemeral = (flags & MessageFlags.Ephemeral) !== 0;
	const metadata = message.interaction_metadata;
	const referenced = message.referenced_message;
	const commandName = metadata && 'name' in metadata && typeof metadata.name === 'string' ? metadata.name : undefined;
	return {
		id: message.id,
		channelId: message.channel_id,
		author: { id: message.author.id, name: userName(server, message.author.id), bot: message.author.bot === true },
		content: message.content,
		timestamp: message.timestamp,
		editedTimestamp: message.edited_timestamp,
		ephemeral,
		...(ephemeral && metadata ? { visibleTo: metadata.user.id } : {}),
		loading: (flags & MessageFlags.Loading) !== 0,
		embeds: message.embeds as ChatMessage['embeds'],
		components: (message.components ?? []) as ChatMessage['components'],
		attachments: message.attachments.map((attachment) => ({ id: attachment.id, filename: attachment.filename })),
		...(metadata ? { command: { ...(commandName ? { name: commandName } : {}), userId: metadata.user.id } } : {}),
		...(referenced ? { replyTo: { id: referenced.id, author: userName(server, referenced.author.id), content: referenced.content.slice(0, 200) } } : {}),
		mentions: Object.fromEntries(message.mentions.map((user) => [user.id, userName(server, user.id)]))
	};
}

const channelKind = (type: ChannelType) =>
	type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement
		? 'text'
		: type === ChannelType.GuildVoice || type === ChannelType.GuildStageVoice
			? 'voice'
			: type === ChannelType.GuildCategory
				? 'category'
				: 'other';

/** The bot's first answer to an interaction, as the page needs it: a form to show, or just that it answered. */
async function outcomeOf(handle: InteractionHandle): Promise<z.infer<typeof interactionOutcome>> {
	const first = await handle.reply(FIRST_ANSWER_WAIT_MS).catch(() => undefined);
	if (!first) return { interactionId: handle.id, answered: false };
	if (first.type !== InteractionResponseType.Modal || !first.modal) return { interactionId: handle.id, answered: true };
	const paragraphs = new Set<string>();
	const visit = (components: unknown[]) => {
		for (const component of components as { type: number; custom_id?: string; style?: number; components?: unknown[]; component?: unknown }[]) {
			if (component.custom_id && component.style === 2) paragraphs.add(component.custom_id);
			visit([...(component.components ?? []), ...(component.component ? [component.component] : [])]);
		}
	};
	visit(first.modal.components);
	return {
		interactionId: handle.id,
		answered: true,
		modal: {
			customId: first.modal.custom_id,
			title: first.modal.title,
			fields: formFields(first.modal).map((field) => ({ ...field, paragraph: paragraphs.has(field.customId) }))
		}
	};
}

/**
 * The emulator throws for what Discord's client would not let a member do: the caller's mistake. A refusal
 * is said in the member's language (`locale`), with the names their client shows.
 */
async function refusedAs400<T>(response: ApiResponse, locale: string, action: () => Promise<T>): Promise<T | undefined> {
	try {
		return await action();
	} catch (error) {
		response.status(400).json({ error: explainError(error, locale) });
		return undefined;
	}
}

/**
 * The sandbox chat's routes for this server, registered in the routes store (their names start with
 * `sandbox.`). Returns what to call on shutdown: it ends the open live feeds, so the HTTP server can close.
 */
export function registerSandboxChat(server: DiscordServer): () => void {
	const guildId = server.guild.id;
	const feeds = new Set<ServerResponse>();
	const broadcast = (event: FeedEvent) => {
		const line = `data: ${JSON.stringify(event)}\n\n`;
		for (const feed of feeds) feed.write(line);
	};
	// One listener for every open page: the emulator is an EventEmitter, which warns past ten listeners.
	const onChange = ({ kind, message }: MessageChangeEvent) => {
		if (message.guild_id !== guildId || feeds.size === 0) return;
		broadcast(kind === 'delete' ? { kind, id: message.id, channelId: message.channel_id } : { kind, message: chatMessageOf(server, message) });
	};
	/** Channels created, renamed or deleted (a chantier's): the pages read the server again. Once per change, whatever the gateway sessions. */
	let lastChannelEvent: unknown;
	const onDispatch = ({ event, data }: { event: string; data: unknown }) => {
		if (!event.startsWith('CHANNEL_') || data === lastChannelEvent) return;
		lastChannelEvent = data;
		broadcast({ kind: 'channels' });
	};
	server.on('messageChange', onChange);
	server.on('dispatch', onDispatch);
	/** Who the page speaks as at first: the seeded admin. */
	const defaultMemberId = () => server.guild.members.admin ?? server.defaultUserId;
	const member = (userId: string) => {
		if (!server.state.members(guildId).has(userId)) {
			const user = server.state.users.get(userId)?.username ?? userId;
			throw new CommandRefused({ reason: 'notInGuild', user, guild: server.guild.name }, `${userId} is not a member of ${server.guild.name}`);
		}
		return userId;
	};

	class SandboxWorldRoute extends Route {
		constructor(context: Route.LoaderContext, options: Route.Options) {
			super(context, { ...options, route: 'sandbox', methods: ['GET'], scope: 'admin', schema: worldSchema });
		}

		public override run(request: ApiRequest, response: ApiResponse) {
			const { query } = inputOf(request, worldSchema);
			const seedKeys = new Map(Object.entries(server.guild.members).map(([key, userId]) => [userId, key]));
			const viewer = query.userId ?? defaultMemberId();
			const shown = (named: Named) => localizedName(named, query.locale);
			const described = (piece: { description: string; description_localizations?: Localizations }) => inLocale(piece.description, piece.description_localizations, query.locale);
			response.json({
				guild: { id: guildId, name: server.guild.name },
				bot: { id: server.botUser.id, name: server.botUser.username },
				channels: server.state
					.guildChannels(guildId)
					.sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
					.map((channel) => ({ id: channel.id, name: channel.name ?? channel.id, kind: channelKind(channel.type), parentId: channel.parent_id ?? null, topic: channel.topic ?? null })),
				members: [...server.state.members(guildId).keys()].map((userId) => ({
					id: userId,
					name: userName(server, userId),
					...(seedKeys.has(userId) ? { key: seedKeys.get(userId) } : {}),
					bot: server.state.users.get(userId)?.bot === true
				})),
				roles: [...server.state.roles(guildId).values()].map((role) => ({ id: role.id, name: role.name, color: role.color })),
				commands: server
					.commandsShownTo(viewer, query.channelId ?? server.defaultChannelId)
					.map((command) => ({
						name: shown(command),
						names: [...new Set([shown(command), command.name])],
						description: described(command),
						options: (command.options ?? [])
							.filter((option) => option.type > 2)
							.map((option) => ({ name: shown(option), description: described(option), required: 'required' in option && option.required === true })),
						subcommands: (command.options ?? []).filter((option) => option.type <= 2).map(shown)
					}))
					.sort((a, b) => a.name.localeCompare(b.name)),
				defaultChannelId: server.defaultChannelId,
				defaultMemberId: defaultMemberId()
			});
		}
	}

	class SandboxHistoryRoute extends Route {
		constructor(context: Route.LoaderContext, options: Route.Options) {
			super(context, { ...options, route: 'sandbox/channels/[channelId]/messages', methods: ['GET'], scope: 'admin', schema: historySchema });
		}

		public override run(request: ApiRequest, response: ApiResponse) {
			const { params, query } = inputOf(request, historySchema);
			if (server.state.channels.get(params.channelId)?.guild_id !== guildId) {
				response.status(404).json({ error: 'No such channel' });
				return;
			}
			const messages = server.state.channelMessages(params.channelId).slice(-query.limit);
			response.json({ messages: messages.map((message) => chatMessageOf(server, message)) });
		}
	}

	class SandboxPostRoute extends Route {
		constructor(context: Route.LoaderContext, options: Route.Options) {
			super(context, { ...options, route: 'sandbox/messages', methods: ['POST'], scope: 'admin', schema: postSchema });
		}

		public override async run(request: ApiRequest, response: ApiResponse) {
			const { body } = inputOf(request, postSchema);
			const message = await refusedAs400(response, body.locale, () => server.sendMessage({ channelId: body.channelId, authorId: member(body.userId), content: body.content }));
			if (message) response.status(201).json(chatMessageOf(server, message));
		}
	}

	class SandboxCommandRoute extends Route {
		constructor(context: Route.LoaderContext, options: Route.Options) {
			super(context, { ...options, route: 'sandbox/commands', methods: ['POST'], scope: 'admin', schema: commandSchema });
		}

		public override async run(request: ApiRequest, response: ApiResponse) {
			const { body } = inputOf(request, commandSchema);
			const typed = body.line !== undefined ? parseSlashCommand(body.line) : { name: body.name!, ...(body.subcommand ? { subcommand: body.subcommand } : {}), options: body.options ?? {} };
			const textOptions = Object.fromEntries(Object.entries(typed.options).map(([name, value]) => [name, String(value)]));
			const speaker = { guildId, userId: body.userId, channelId: body.channelId, locale: body.locale };
			const help = await slashCommandHelp(server, { ...typed, options: textOptions }, speaker);
			if (help !== null) {
				response.json({ help: help.replace(/^! /gm, '') });
				return;
			}
			const handle = await refusedAs400(response, body.locale, () => server.sendSlashCommand({ ...typed, userId: member(body.userId), channelId: body.channelId, locale: body.locale }));
			if (handle) response.json(await outcomeOf(handle));
		}
	}

	class SandboxButtonRoute extends Route {
		constructor(context: Route.LoaderContext, options: Route.Options) {
			super(context, { ...options, route: 'sandbox/messages/[messageId]/buttons', methods: ['POST'], scope: 'admin', schema: buttonSchema });
		}

		public override async run(request: ApiRequest, response: ApiResponse) {
			const { params, body } = inputOf(request, buttonSchema);
			const handle = await refusedAs400(response, body.locale, () => server.clickButton({ messageId: params.messageId, customId: body.customId, userId: member(body.userId), locale: body.locale }));
			if (handle) response.json(await outcomeOf(handle));
		}
	}

	class SandboxSelectRoute extends Route {
		constructor(context: Route.LoaderContext, options: Route.Options) {
			super(context, { ...options, route: 'sandbox/messages/[messageId]/selects', methods: ['POST'], scope: 'admin', schema: selectSchema });
		}

		public override async run(request: ApiRequest, response: ApiResponse) {
			const { params, body } = inputOf(request, selectSchema);
			const handle = await refusedAs400(response, body.locale, () =>
				server.selectOption({ messageId: params.messageId, customId: body.customId, values: body.values, userId: member(body.userId), locale: body.locale })
			);
			if (handle) response.json(await outcomeOf(handle));
		}
	}

	class SandboxModalRoute extends Route {
		constructor(context: Route.LoaderContext, options: Route.Options) {
			super(context, { ...options, route: 'sandbox/modals', methods: ['POST'], scope: 'admin', schema: modalSchema });
		}

		public override async run(request: ApiRequest, response: ApiResponse) {
			const { body } = inputOf(request, modalSchema);
			const open = server.openModals.find((modal) => modal.custom_id === body.customId);
			const fields = open ? { ...Object.fromEntries(formFields(open).map((field) => [field.customId, field.value])), ...body.fields } : body.fields;
			const handle = await refusedAs400(response, body.locale, () =>
				server.submitModal({ customId: body.customId, fields, userId: member(body.userId), ...(body.channelId ? { channelId: body.channelId } : {}), locale: body.locale })
			);
			if (handle) response.json(await outcomeOf(handle));
		}
	}

	class SandboxFeedRoute extends Route {
		constructor(context: Route.LoaderContext, options: Route.Options) {
			super(context, { ...options, route: 'sandbox/events', methods: ['GET'], scope: 'admin', schema: feedSchema });
		}

		public override run(request: ApiRequest, response: ApiResponse) {
			response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
			response.write(': sandbox chat feed\n\n');
			const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEPALIVE_MS);
			feeds.add(response);
			const close = () => {
				clearInterval(keepAlive);
				feeds.delete(response);
			};
			request.once('close', close);
			response.once('close', close);
		}
	}

	const routes = {
		'sandbox.world': SandboxWorldRoute,
		'sandbox.history': SandboxHistoryRoute,
		'sandbox.post': SandboxPostRoute,
		'sandbox.command': SandboxCommandRoute,
		'sandbox.button': SandboxButtonRoute,
		'sandbox.select': SandboxSelectRoute,
		'sandbox.modal': SandboxModalRoute,
		'sandbox.feed': SandboxFeedRoute
	};
	for (const [name, piece] of Object.entries(routes)) void container.stores.loadPiece({ store: 'routes', name, piece: piece as never });
	return () => {
		server.off('messageChange', onChange);
		server.off('dispatch', onDispatch);
		for (const feed of feeds) feed.end();
	};
}
