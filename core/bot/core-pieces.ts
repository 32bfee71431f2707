import { randomBytes } from 'node:crypto';
import type { ApiRequest, ApiResponse} from '@sapphire/plugin-api';
import { Middleware, Route, type MiddlewareOptions } from '@sapphire/plugin-api';
import {
	Events,
	Identifiers,
	Listener,
	Precondition,
	container,
	type ChatInputCommandDeniedPayload,
	type ChatInputCommandErrorPayload,
	type ChatInputCommandSuccessPayload,
	type Command,
	type ContextMenuCommandDeniedPayload,
	type InteractionHandlerError,
	type MessageCommandDeniedPayload,
	type MessageCommandErrorPayload,
	type MessageCommandSuccessPayload,
	type Piece,
	type UserError
} from '@sapphire/framework';
import type { ChatInputCommandInteraction, ContextMenuCommandInteraction, Interaction, Message } from 'discord.js';
import { recordAudit } from '../audit.ts';
import { apiLogs } from '../db/schema.ts';
import { localeOf, type Locale } from '../i18n.ts';
import { describeRateLimit, rateLimitedIdentifier, type RateLimitedContext } from '../limits/rate-limit.ts';
import { RateLimitPrecondition } from '../limits/rate-limit-precondition.ts';
import { metricsRegistry, pluginMetrics } from '../metrics.ts';
import { errorEmbed } from '../ui/embeds.ts';
import { respondWithEmbed } from '../ui/respond.ts';
import { UiButtonHandler, UiModalHandler } from '../ui/ui-handlers.ts';
import { coreText } from './text.ts';

export const pluginDisabledIdentifier = 'pluginDisabled';

const pluginOf = (piece: Piece) => container.plugins.pluginOf(piece) ?? 'core';

/** Global precondition: a command of a switched-off plugin answers why instead of running. */
class PluginGatePrecondition extends Precondition {
	constructor(context: Precondition.LoaderContext) {
		super(context, { position: 1 });
	}

	public override messageRun(message: Message, command: Command) {
		return this.check(command, message.guildId);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction, command: Command) {
		return this.check(command, interaction.guildId);
	}

	public override contextMenuRun(interaction: ContextMenuCommandInteraction, command: Command) {
		return this.check(command, interaction.guildId);
	}

	private check(command: Command, guildId: string | null) {
		const plugin = container.plugins.pluginOf(command);
		if (!plugin || container.plugins.isActive(plugin, guildId)) return this.ok();
		return this.error({ identifier: pluginDisabledIdentifier, message: `plugin ${plugin} is disabled`, context: { plugin } });
	}
}

/** Tells the member why a command was refused, in their language, visible only to them. */
async function explainDenial(error: UserError, target: Interaction | Message, command: Command) {
	const locale = localeOf(target as { locale?: string });
	pluginMetrics.commands.inc({ plugin: pluginOf(command), command: command.name, result: 'denied' });
	const actorId = 'author' in target ? target.author.id : target.user.id;
	container.pino.info({ plugin: pluginOf(command), command: command.name, actorId, reason: error.identifier }, 'Command denied');
	// Answer first: Discord gives an interaction 3 seconds, and the audit write may wait on a slow database.
	await respondWithEmbed(target, errorEmbed(locale, denialText(error, locale))).catch(() => undefined);
	void recordAudit({ kind: 'commande_refusee', guildId: target.guildId, actorId, action: command.name, details: { reason: error.identifier, plugin: pluginOf(command) } });
}

/** Sapphire's own refusals are in English: the frequent ones get our words, in the member's language. */
function denialText(error: UserError, locale: Locale): string {
	const text = coreText(locale);
	const missing = () => ((error.context as { missing?: string[] }).missing ?? []).map((permission) => permissionName(permission, locale)).join(', ');
	switch (error.identifier) {
		case pluginDisabledIdentifier:
			return text('pluginDisabled', { plugin: (error.context as { plugin: string }).plugin });
		case rateLimitedIdentifier:
			return describeRateLimit(locale, error.context as RateLimitedContext);
		case Identifiers.PreconditionUserPermissions:
			return text('deniedUserPermissions', { permissions: missing() });
		case Identifiers.PreconditionClientPermissions:
			return text('deniedBotPermissions', { permissions: missing() });
		case Identifiers.PreconditionGuildOnly:
		case Identifiers.PreconditionRunIn:
			return text('deniedServerOnly');
		default:
			return text('denied', { reason: error.message });
	}
}

const frenchPermissions: Record<string, string> = {
	Administrator: 'Administrateur',
	ManageGuild: 'Gérer le serveur',
	ManageMessages: 'Gérer les messages',
	ManageEvents: 'Gérer les événements',
	ManageChannels: 'Gérer les salons',
	ManageRoles: 'Gérer les rôles',
	ModerateMembers: 'Exclure temporairement des membres',
	KickMembers: 'Expulser des membres',
	BanMembers: 'Bannir des membres',
	SendMessages: 'Envoyer des messages',
	EmbedLinks: 'Intégrer des liens',
	AttachFiles: 'Joindre des fichiers',
	ViewChannel: 'Voir le salon',
	ReadMessageHistory: 'Voir les anciens messages'
};

function permissionName(permission: string, locale: Locale): string {
	return locale === 'fr' ? (frenchPermissions[permission] ?? permission) : permission.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/**
 * Any exception a plugin piece throws ends here: logged with plugin and piece and a reference,
 * counted, and the member (if any) gets an error embed with that reference. The process stays up.
 */
export function reportPieceError(plugin: string, piece: Piece, error: unknown, subject?: unknown): void {
	const reference = randomBytes(3).toString('hex');
	pluginMetrics.pieceErrors.inc({ plugin, store: piece.store.name, piece: piece.name });
	container.pino.child({ plugin }).error({ err: error, store: piece.store.name, piece: piece.name, reference }, 'Plugin piece failed');
	const target = subject as (Interaction | Message) | undefined;
	const isAnswerable =
		target && typeof target === 'object' && ('isRepliable' in target ? target.isRepliable() : 'reply' in target && 'author' in target);
	if (!isAnswerable) return;
	const locale = localeOf(target as { locale?: string });
	void respondWithEmbed(target, errorEmbed(locale, coreText(locale)('commandFailed', { ref: reference }))).catch(() => undefined);
}

function makeListener<Args extends unknown[]>(event: string, run: (...args: Args) => unknown, emitter?: 'server') {
	return class extends Listener {
		constructor(context: Listener.LoaderContext) {
			super(context, { event, emitter: emitter ? container.server : undefined });
		}

		public override run(...args: Args) {
			return run(...args);
		}
	};
}

const finished = (command: Command, result: 'ok' | 'error', duration: number) => {
	const labels = { plugin: pluginOf(command), command: command.name };
	pluginMetrics.commands.inc({ ...labels, result });
	pluginMetrics.commandSeconds.observe(labels, duration / 1000);
};

/**
 * Sends 404 for routes of a switched-off plugin and for routes no longer in the store:
 * plugin-api's router keeps answering unloaded routes, so the store is the truth here.
 */
class PluginRouteGuard extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 5 });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const route = request.route;
		if (!route) return;
		const plugin = container.plugins.pluginOf(route);
		const current = container.stores.get('routes').get(route.name) === route;
		if (!current || (plugin && !container.plugins.isActive(plugin))) {
			response.status(404).json({ error: 'Not Found' });
		}
	}
}

/** Paths polled by monitoring systems: counted in metrics, but not written to api_logs. */
const unloggedPaths = new Set(['/api/health', '/api/metrics']);

/**
 * Every API request is counted per plugin and status, and written to api_logs with its duration and
 * caller (never the key itself) once the response is sent.
 */
class ApiRequestLog extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 1 });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const started = performance.now();
		response.once('finish', () => {
			const plugin = request.route ? pluginOf(request.route) : 'none';
			pluginMetrics.httpRequests.inc({ plugin, status: String(response.statusCode) });
			const path = (request.url ?? '').split('?')[0]!;
			if (unloggedPaths.has(path)) return;
			container.db
				.insert(apiLogs)
				.values({
					method: request.method ?? 'GET',
					path: path.slice(0, 500),
					status: response.statusCode,
					durationMs: Math.round(performance.now() - started),
					caller: callers.get(request) ?? null,
					ip: request.socket.remoteAddress ?? null
				})
				.catch((error: unknown) => container.pino.error({ err: error }, 'api_logs write failed'));
		});
	}
}

/** Who made an API request, as the key check found it: `api-key-2`, never the key. */
const callers = new WeakMap<ApiRequest, string>();

/** API keys from API_KEYS protect every plugin route unless the route declares `auth: 'public'`. */
class ApiKeyMiddleware extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 15 });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const keys = container.config.API_KEYS;
		const route = request.route;
		if (!route || keys.length === 0 || (route.options as { auth?: string }).auth === 'public' || request.method === 'OPTIONS') return;
		const header = request.headers.authorization ?? '';
		const given = header.startsWith('Bearer ') ? header.slice(7) : request.headers['x-api-key'];
		const index = typeof given === 'string' ? keys.indexOf(given) : -1;
		if (index === -1) {
			container.pino.warn({ path: request.url, ip: request.socket.remoteAddress }, 'API request refused: missing or wrong API key');
			response.status(401).json({ error: 'Unauthorized: send "Authorization: Bearer <API key>"' });
			return;
		}
		callers.set(request, `api-key-${index + 1}`);
	}
}

/** Liveness and readiness for Docker and load balancers: database, cache and plugin states. */
class HealthRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'health', methods: ['GET'], auth: 'public' } as Route.Options);
	}

	public override async run(_request: ApiRequest, response: ApiResponse) {
		const [database, cache] = await Promise.all([container.database.ping(), container.cache.ping()]);
		const records = container.plugins.list();
		const states = records.map((record) => ({ record, state: container.plugins.stateOf(record.name, null)! }));
		const plugins = Object.fromEntries(states.map(({ record, state }) => [record.name, state.state]));
		// One line per plugin that does not run, saying why (a refused dependency cycle names the plugins involved).
		const problems = Object.fromEntries(
			states.filter(({ state }) => state.state === 'failed' || state.state === 'waiting').map(({ record, state }) => [record.name, state.error ?? state.state])
		);
		const discord = container.client.isReady();
		const healthy = database && cache && discord;
		response.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', discord, database, cache, plugins, problems });
	}
}

class MetricsRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'metrics', methods: ['GET'] });
	}

	public override async run(_request: ApiRequest, response: ApiResponse) {
		response.setContentType(metricsRegistry.contentType as never).end(await metricsRegistry.metrics());
	}
}

/** Route errors: logged with the plugin, and the client gets a generic 500 (plugin-api would send the error text). */
function onRouteError(error: unknown, request: ApiRequest, response: ApiResponse) {
	const route = request.route;
	if (route) reportPieceError(pluginOf(route), route, error);
	else container.pino.error({ err: error }, 'HTTP request failed');
	if (!response.writableEnded) response.status(500).json({ error: 'Internal Server Error' });
}

/** Registers the core's own pieces (virtual: they have no file). Call before the client logs in. */
export function registerCorePieces(): void {
	const load = (store: 'listeners' | 'preconditions' | 'middlewares' | 'routes', name: string, piece: unknown) =>
		void container.stores.loadPiece({ store, name, piece: piece as never });

	// Replaces Sapphire's CoreReady, which registers application commands once at login:
	// the host registers them itself, per guild, after every plugin change.
	load('listeners', 'CoreReady', makeListener(Events.ClientReady, () => undefined));
	load('preconditions', 'PluginGate', PluginGatePrecondition);
	load('preconditions', 'RateLimit', RateLimitPrecondition);
	void container.stores.loadPiece({ store: 'interaction-handlers', name: 'core.ui-buttons', piece: UiButtonHandler as never });
	void container.stores.loadPiece({ store: 'interaction-handlers', name: 'core.ui-modals', piece: UiModalHandler as never });
	load('middlewares', 'core.request-log', ApiRequestLog);
	load('middlewares', 'core.plugin-route-guard', PluginRouteGuard);
	load('middlewares', 'core.api-key', ApiKeyMiddleware);
	load('routes', 'core.health', HealthRoute);
	load('routes', 'core.metrics', MetricsRoute);
	load('listeners', 'PluginRouteError', makeListener('routeError', onRouteError, 'server'));

	load('listeners', 'core.chat-input-denied', makeListener(Events.ChatInputCommandDenied, (error: UserError, payload: ChatInputCommandDeniedPayload) =>
		explainDenial(error, payload.interaction, payload.command)));
	load('listeners', 'core.context-menu-denied', makeListener(Events.ContextMenuCommandDenied, (error: UserError, payload: ContextMenuCommandDeniedPayload) =>
		explainDenial(error, payload.interaction as Interaction, payload.command)));
	load('listeners', 'core.message-denied', makeListener(Events.MessageCommandDenied, (error: UserError, payload: MessageCommandDeniedPayload) =>
		explainDenial(error, payload.message, payload.command)));

	load('listeners', 'core.chat-input-error', makeListener(Events.ChatInputCommandError, (error: unknown, payload: ChatInputCommandErrorPayload) => {
		finished(payload.command, 'error', payload.duration);
		reportPieceError(pluginOf(payload.command), payload.command, error, payload.interaction);
	}));
	load('listeners', 'core.message-error', makeListener(Events.MessageCommandError, (error: unknown, payload: MessageCommandErrorPayload) => {
		finished(payload.command, 'error', payload.duration);
		reportPieceError(pluginOf(payload.command), payload.command, error, payload.message);
	}));
	load('listeners', 'core.interaction-handler-error', makeListener(Events.InteractionHandlerError, (error: unknown, payload: InteractionHandlerError) =>
		reportPieceError(pluginOf(payload.handler), payload.handler, error, payload.interaction)));
	load('listeners', 'core.chat-input-success', makeListener(Events.ChatInputCommandSuccess, (payload: ChatInputCommandSuccessPayload) =>
		finished(payload.command, 'ok', payload.duration)));
	load('listeners', 'core.message-success', makeListener(Events.MessageCommandSuccess, (payload: MessageCommandSuccessPayload) =>
		finished(payload.command, 'ok', payload.duration)));
}
