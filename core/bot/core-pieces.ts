// Registers the core's own pieces: the plugin gate, denial and error reporting, the UI kit's handlers, the HTTP guards and routes.
import {
	Events,
	container,
	type ChatInputCommandDeniedPayload,
	type ChatInputCommandErrorPayload,
	type ChatInputCommandSuccessPayload,
	type ContextMenuCommandDeniedPayload,
	type InteractionHandlerError,
	type MessageCommandDeniedPayload,
	type MessageCommandErrorPayload,
	type MessageCommandSuccessPayload,
	type UserError
} from '@sapphire/framework';
import type { Interaction } from 'discord.js';
import { RateLimitPrecondition } from '../limits/rate-limit-precondition.ts';
import { UiButtonHandler, UiModalHandler } from '../ui/ui-handlers.ts';
import { commandFinished } from './command-outcomes.ts';
import { explainDenial } from './denials.ts';
import { ApiKeyMiddleware } from './http/api-key.ts';
import { HealthRoute } from './http/health-route.ts';
import { MetricsRoute } from './http/metrics-route.ts';
import { ApiRequestLog } from './http/request-log.ts';
import { onRouteError } from './http/route-errors.ts';
import { PluginRouteGuard } from './http/route-guard.ts';
import { makeListener } from './make-listener.ts';
import { reportPieceError } from './piece-errors.ts';
import { PluginGatePrecondition } from './plugin-gate.ts';
import { pluginOf } from './plugin-of.ts';

/** Registers the core's own pieces (virtual: they have no file). Call before the client logs in. */
export function registerCorePieces(): void {
	const load = (store: 'listeners' | 'preconditions' | 'middlewares' | 'routes' | 'interaction-handlers', name: string, piece: unknown) =>
		void container.stores.loadPiece({ store, name, piece: piece as never });

	// Replaces Sapphire's CoreReady, which registers application commands once at login:
	// the host registers them itself, per guild, after every plugin change.
	load('listeners', 'CoreReady', makeListener(Events.ClientReady, () => undefined));
	load('preconditions', 'PluginGate', PluginGatePrecondition);
	load('preconditions', 'RateLimit', RateLimitPrecondition);
	load('interaction-handlers', 'core.ui-buttons', UiButtonHandler);
	load('interaction-handlers', 'core.ui-modals', UiModalHandler);
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
		commandFinished(payload.command, 'error', payload.duration);
		reportPieceError(pluginOf(payload.command), payload.command, error, payload.interaction);
	}));
	load('listeners', 'core.message-error', makeListener(Events.MessageCommandError, (error: unknown, payload: MessageCommandErrorPayload) => {
		commandFinished(payload.command, 'error', payload.duration);
		reportPieceError(pluginOf(payload.command), payload.command, error, payload.message);
	}));
	load('listeners', 'core.interaction-handler-error', makeListener(Events.InteractionHandlerError, (error: unknown, payload: InteractionHandlerError) =>
		reportPieceError(pluginOf(payload.handler), payload.handler, error, payload.interaction)));
	load('listeners', 'core.chat-input-success', makeListener(Events.ChatInputCommandSuccess, (payload: ChatInputCommandSuccessPayload) =>
		commandFinished(payload.command, 'ok', payload.duration)));
	load('listeners', 'core.message-success', makeListener(Events.MessageCommandSuccess, (payload: MessageCommandSuccessPayload) =>
		commandFinished(payload.command, 'ok', payload.duration)));
}
