/**
 * The bot's event bus: plugins say what happened (`emitBotEvent({ type: 'task.created', guildId, data })`)
 * and whoever listens (the n8n triggers of core/outgoing) reacts, without the core naming a plugin or a
 * plugin knowing who listens. A listener's failure is logged, never thrown back at the emitter.
 */
import { container } from '@sapphire/framework';

export interface BotEvent {
	/** `<subject>.<what happened>`: `task.created`, `task.done`, `planning.changed`, `chantier.created`, `chantier.archived`. */
	type: string;
	guildId: string | null;
	/** JSON-ready facts about it (ids, titles, dates); never a secret. */
	data: Record<string, unknown>;
}

export type BotEventListener = (event: BotEvent & { at: string }) => void;

export class BotEvents {
	private readonly listeners = new Set<BotEventListener>();

	/** Returns the function that stops listening. */
	listen(listener: BotEventListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	emit(event: BotEvent): void {
		const stamped = { ...event, at: new Date().toISOString() };
		for (const listener of this.listeners) {
			try {
				listener(stamped);
			} catch (error) {
				container.pino?.warn({ err: error, event: event.type }, 'A bot event listener failed');
			}
		}
	}
}

/** What plugins call: `emitBotEvent({ type: 'task.done', guildId, data: { id, title } })`. Does nothing before the bot starts. */
export function emitBotEvent(event: BotEvent): void {
	container.botEvents?.emit(event);
}
