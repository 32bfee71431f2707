import { container } from '@sapphire/framework';
import { MessageFlags, type Interaction, type Message } from 'discord.js';
import type { UiKind } from './custom-id.ts';
import { disabledCopy, hasLiveComponents } from './components.ts';
import { safeMentions } from './embeds.ts';
import { loadUiState } from './ui-state.ts';

/**
 * Greys out a message's buttons once its UI state has expired. Two halves, because the state lives
 * in the cache and any replica may answer a press:
 * - lazy and certain: a press on expired state greys the buttons (see ui-handlers.ts);
 * - this timer, best effort: it runs in the process that sent the message, so it is lost on a
 *   restart. When it fires it re-reads the state, since a press on another replica may have
 *   pushed the expiry back, and waits again if so.
 */
export function greyOutWhenExpired(kind: UiKind, key: string, target: Interaction | Message, message: Message, expiresAt: number): void {
	// Captured now: after a restart in the same process (tests) the container holds another bot's cache.
	const cache = container.cache;
	const arm = (at: number) => setTimeout(() => void check().catch(logFailure), Math.max(0, at - Date.now()) + 50).unref();
	const check = async () => {
		const state = await loadUiState(key, kind, cache);
		if (state && state.expiresAt > Date.now()) arm(state.expiresAt);
		else await greyOut(target, message);
	};
	arm(expiresAt);
}

/** Ephemeral messages can only be reached through the interaction's webhook (valid 15 minutes). */
async function greyOut(target: Interaction | Message, message: Message): Promise<void> {
	const viaWebhook = message.flags.has(MessageFlags.Ephemeral) && 'isRepliable' in target && target.isRepliable();
	const current = viaWebhook ? await target.fetchReply(message.id) : await message.fetch();
	if (!hasLiveComponents(current.components)) return;
	const rows = disabledCopy(current.components);
	if (viaWebhook) await target.editReply({ message: message.id, components: rows, allowedMentions: safeMentions });
	else await current.edit({ components: rows, allowedMentions: safeMentions });
}

function logFailure(error: unknown): void {
	container.pino?.debug({ err: error }, 'UI kit: could not grey out expired buttons (the next press will)');
}
