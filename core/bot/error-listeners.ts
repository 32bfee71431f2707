// Listeners for every error event Sapphire and its plugins emit about a piece (their defaults are off).
import {
	Events,
	container,
	type ChatInputCommandErrorPayload,
	type Command,
	type ContextMenuCommandErrorPayload,
	type InteractionHandlerError,
	type InteractionHandlerParseError,
	type ListenerErrorPayload,
	type MessageCommandErrorPayload,
	type MessageCommandTypingErrorPayload,
	type Piece
} from '@sapphire/framework';
import { ScheduledTaskEvents, type ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import type { AutocompleteInteraction } from 'discord.js';
import { commandFinished } from './command-outcomes.ts';
import { reportPieceError } from './piece-errors.ts';
import { pluginNameOf } from './plugin-of.ts';

export interface EventListenerSpec {
	name: string;
	event: string;
	run: (...args: never[]) => unknown;
}

const report = (piece: Piece, error: unknown, subject?: unknown) => reportPieceError(pluginNameOf(piece), piece, error, subject);

const listenerErrorName = 'core.listener-error';

/**
 * `loadDefaultErrorListeners` is off (Sapphire's defaults log through its own logger only, and answer
 * nobody), so each event is listened to here: logged with plugin and piece, counted in
 * plugin_errors_total, and answered where a member waits (an interaction or a prefix command).
 */
export const errorListeners: EventListenerSpec[] = [
	{
		name: 'core.chat-input-error',
		event: Events.ChatInputCommandError,
		run: (error: unknown, payload: ChatInputCommandErrorPayload) => {
			commandFinished(payload.command, 'error', payload.duration);
			report(payload.command, error, payload.interaction);
		}
	},
	{
		name: 'core.context-menu-error',
		event: Events.ContextMenuCommandError,
		run: (error: unknown, payload: ContextMenuCommandErrorPayload) => {
			commandFinished(payload.command, 'error', payload.duration);
			report(payload.command, error, payload.interaction);
		}
	},
	{
		name: 'core.message-error',
		event: Events.MessageCommandError,
		run: (error: unknown, payload: MessageCommandErrorPayload) => {
			commandFinished(payload.command, 'error', payload.duration);
			report(payload.command, error, payload.message);
		}
	},
	{
		name: 'core.autocomplete-error',
		event: Events.CommandAutocompleteInteractionError,
		run: (error: unknown, payload: { command: Command; interaction: AutocompleteInteraction }) => report(payload.command, error, payload.interaction)
	},
	{
		name: 'core.interaction-handler-parse-error',
		event: Events.InteractionHandlerParseError,
		run: (error: unknown, payload: InteractionHandlerParseError) => report(payload.handler, error, payload.interaction)
	},
	{
		name: 'core.interaction-handler-error',
		event: Events.InteractionHandlerError,
		run: (error: unknown, payload: InteractionHandlerError) => report(payload.handler, error, payload.interaction)
	},
	{
		// The command still runs: only the "typing…" indicator failed, so the member is not told.
		name: 'core.message-typing-error',
		event: Events.MessageCommandTypingError,
		run: (error: unknown, payload: MessageCommandTypingErrorPayload) => report(payload.command, error)
	},
	{
		name: 'core.command-registry-error',
		event: Events.CommandApplicationCommandRegistryError,
		run: (error: unknown, command: Command) => report(command, error)
	},
	{
		name: 'core.bulk-overwrite-error',
		event: Events.ApplicationCommandRegistriesBulkOverwriteError,
		run: (error: unknown, guildId: string | null) => container.pino.error({ err: error, guildId }, 'Application command registration failed')
	},
	{
		name: listenerErrorName,
		event: Events.ListenerError,
		run: (error: unknown, { piece }: ListenerErrorPayload) => {
			// A failure of this very listener must not be reported through itself again, forever.
			if (piece.name === listenerErrorName) container.pino.error({ err: error, piece: piece.name }, 'Error listener failed');
			else report(piece, error);
		}
	},
	{
		name: 'core.scheduled-task-error',
		event: ScheduledTaskEvents.ScheduledTaskError,
		run: (error: unknown, task: ScheduledTask) => report(task, error)
	},
	...(
		[
			[ScheduledTaskEvents.ScheduledTaskStrategyConnectError, 'core.task-queue-connect-error'],
			[ScheduledTaskEvents.ScheduledTaskStrategyClientError, 'core.task-queue-client-error'],
			[ScheduledTaskEvents.ScheduledTaskStrategyWorkerError, 'core.task-queue-worker-error']
		] as const
	).map(([event, name]) => ({
		name,
		event,
		run: (error: unknown) => container.pino.error({ err: error, event }, 'Scheduled task queue failed')
	}))
];
