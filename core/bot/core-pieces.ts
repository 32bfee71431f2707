// Registers the core's own pieces: the plugin gate, the cache-first member argument, denial and error reporting (every error event), the UI kit's handlers, the HTTP guards and routes, the nightly maintenance and the backup.
import {
	Events,
	container,
	type ChatInputCommandDeniedPayload,
	type ChatInputCommandSuccessPayload,
	type CommandDoesNotHaveMessageCommandHandler,
	type ContextMenuCommandDeniedPayload,
	type ContextMenuCommandSuccessPayload,
	type MessageCommandDeniedPayload,
	type MessageCommandSuccessPayload,
	type UserError
} from '@sapphire/framework';
import type { Interaction } from 'discord.js';
import { BackupTask, backupTaskName } from '../backup-task.ts';
import { NightlyMaintenanceTask, nightlyMaintenanceTaskName } from '../db/maintenance-task.ts';
import { OutgoingDeliveryTask } from '../outgoing/delivery-task.ts';
import { deliveryTaskName } from '../outgoing/notifier.ts';
import { RateLimitPrecondition } from '../limits/rate-limit-precondition.ts';
import { UiButtonHandler, UiModalHandler } from '../ui/ui-handlers.ts';
import { commandFinished } from './command-outcomes.ts';
import { explainDenial } from './denials.ts';
import { explainSlashOnly } from './slash-only.ts';
import { errorListeners } from './error-listeners.ts';
import { ApiAccessMiddleware } from './http/api-key.ts';
import { AuditLogRoute } from './http/audit-route.ts';
import { DashboardAssetRoute, DashboardPageRoute } from './http/dashboard-route.ts';
import { DetailedHealthRoute } from './http/health-detailed-route.ts';
import { DocsAssetRoute, DocsRoute } from './http/docs-route.ts';
import { HealthRoute } from './http/health-route.ts';
import { ApiLogsRoute } from './http/logs-route.ts';
import { OpenApiRoute } from './http/openapi.ts';
import { MetricsRoute } from './http/metrics-route.ts';
import { IndexRoute, LivenessRoute, RootMetricsRoute } from './http/root-routes.ts';
import { ApiRequestLog } from './http/request-log.ts';
import { RequestInputMiddleware } from './http/request-input.ts';
import { CorsMiddleware } from './http/cors.ts';
import { PluginRouteGuard } from './http/route-guard.ts';
import { PluginReloadRoute, PluginsListRoute, PluginSwitchRoute } from './http/plugins-routes.ts';
import { PluginSettingsReadRoute, PluginSettingsWriteRoute } from './http/plugin-settings-routes.ts';
import { DiscordCallbackRoute, DiscordSignInRoute, SandboxSignInRoute, SessionRoute } from './http/session-routes.ts';
import { makeListener } from './make-listener.ts';
import { CacheFirstMemberArgument } from './member-argument.ts';
import { MatrixUserPermissionsPrecondition, PermissionMatrixPrecondition } from './permission-matrix-precondition.ts';
import { PluginGatePrecondition } from './plugin-gate.ts';
import { discordMetrics } from '../metrics.ts';

/** Registers the core's own pieces (virtual: they have no file). Call before the client logs in. */
export function registerCorePieces(): void {
	const load = (store: 'arguments' | 'listeners' | 'preconditions' | 'middlewares' | 'routes' | 'interaction-handlers' | 'scheduled-tasks', name: string, piece: unknown) =>
		void container.stores.loadPiece({ store, name, piece: piece as never });

	// Replaces Sapphire's CoreReady, which registers application commands once at login:
	// the host registers them itself, per guild, after every plugin change.
	load('listeners', 'CoreReady', makeListener(Events.ClientReady, () => undefined));
	load('preconditions', 'PluginGate', PluginGatePrecondition);
	load('preconditions', 'RateLimit', RateLimitPrecondition);
	load('preconditions', 'PermissionMatrix', PermissionMatrixPrecondition);
	// Same name as Sapphire's, which it replaces: the matrix may open a command beyond its required permissions.
	load('preconditions', 'UserPermissions', MatrixUserPermissionsPrecondition);
	// Same name as Sapphire's, which it replaces: names are found in the member cache, not by a gateway request each.
	load('arguments', 'member', CacheFirstMemberArgument);
	load('interaction-handlers', 'core.ui-buttons', UiButtonHandler);
	load('interaction-handlers', 'core.ui-modals', UiModalHandler);
	load('middlewares', 'core.request-log', ApiRequestLog);
	load('middlewares', 'core.plugin-route-guard', PluginRouteGuard);
	load('middlewares', 'core.api-access', ApiAccessMiddleware);
	load('middlewares', 'core.request-input', RequestInputMiddleware);
	load('middlewares', 'core.cors', CorsMiddleware);
	load('routes', 'core.health', HealthRoute);
	load('routes', 'core.metrics', MetricsRoute);
	load('routes', 'core.health-detailed', DetailedHealthRoute);
	load('routes', 'core.logs', ApiLogsRoute);
	load('routes', 'core.audit', AuditLogRoute);
	load('routes', 'core.openapi', OpenApiRoute);
	load('routes', 'core.docs', DocsRoute);
	load('routes', 'core.docs-asset', DocsAssetRoute);
	load('routes', 'core.index', IndexRoute);
	load('routes', 'core.liveness', LivenessRoute);
	load('routes', 'core.root-metrics', RootMetricsRoute);
	load('routes', 'core.plugins', PluginsListRoute);
	load('routes', 'core.plugin-switch', PluginSwitchRoute);
	load('routes', 'core.plugin-reload', PluginReloadRoute);
	load('routes', 'core.plugin-settings', PluginSettingsReadRoute);
	load('routes', 'core.plugin-settings-write', PluginSettingsWriteRoute);
	load('routes', 'core.session', SessionRoute);
	load('routes', 'core.session-sandbox', SandboxSignInRoute);
	load('routes', 'core.session-discord', DiscordSignInRoute);
	load('routes', 'core.session-discord-callback', DiscordCallbackRoute);
	load('routes', 'core.dashboard', DashboardPageRoute);
	load('routes', 'core.dashboard-assets', DashboardAssetRoute);
	load('listeners', 'core.message-count', makeListener(Events.MessageCreate, () => discordMetrics.messages.inc()));
	load('scheduled-tasks', nightlyMaintenanceTaskName, NightlyMaintenanceTask);
	load('scheduled-tasks', backupTaskName, BackupTask);
	load('scheduled-tasks', deliveryTaskName, OutgoingDeliveryTask);

	load('listeners', 'core.chat-input-denied', makeListener(Events.ChatInputCommandDenied, (error: UserError, payload: ChatInputCommandDeniedPayload) =>
		explainDenial(error, payload.interaction, payload.command)));
	load('listeners', 'core.context-menu-denied', makeListener(Events.ContextMenuCommandDenied, (error: UserError, payload: ContextMenuCommandDeniedPayload) =>
		explainDenial(error, payload.interaction as Interaction, payload.command)));
	load('listeners', 'core.message-denied', makeListener(Events.MessageCommandDenied, (error: UserError, payload: MessageCommandDeniedPayload) =>
		explainDenial(error, payload.message, payload.command)));
	load('listeners', 'core.message-slash-only', makeListener(Events.CommandDoesNotHaveMessageCommandHandler, (payload: CommandDoesNotHaveMessageCommandHandler) =>
		explainSlashOnly(payload.message, payload.command)));

	load('listeners', 'core.chat-input-success', makeListener(Events.ChatInputCommandSuccess, (payload: ChatInputCommandSuccessPayload) =>
		commandFinished(payload.command, 'ok', payload.duration)));
	load('listeners', 'core.context-menu-success', makeListener(Events.ContextMenuCommandSuccess, (payload: ContextMenuCommandSuccessPayload) =>
		commandFinished(payload.command, 'ok', payload.duration)));
	load('listeners', 'core.message-success', makeListener(Events.MessageCommandSuccess, (payload: MessageCommandSuccessPayload) =>
		commandFinished(payload.command, 'ok', payload.duration)));
	for (const { name, event, run } of errorListeners) load('listeners', name, makeListener(event, run as (...args: unknown[]) => unknown));
}
