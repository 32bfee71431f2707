import { ButtonStyle, type ButtonInteraction } from 'discord.js';
import type { Locale } from '../i18n.ts';
import { buttonRow } from './components.ts';
import { encodeCustomId, newStateKey } from './custom-id.ts';
import { buildEmbed, safeMentions, type EmbedKind } from './embeds.ts';
import { greyOutWhenExpired } from './expiry.ts';
import { NamedRegistry } from './registry.ts';
import { respondWithMessage } from './respond.ts';
import { localeOfTarget, requesterOf, type UiTarget } from './target.ts';
import { uiText } from './ui-text.ts';
import { defaultUiTimeoutMs, saveUiState, type UiState } from './ui-state.ts';

export interface ConfirmRequest<Args> {
	args: Args;
	locale: Locale;
	/** The press on "Confirm", already deferred: answer further only with `followUp` if needed. */
	interaction: ButtonInteraction;
}

/** Shown in place of the question once the action ran (default: a success embed titled "Done"). */
export interface ConfirmOutcome {
	kind?: EmbedKind;
	title?: string;
	description?: string;
}

export type ConfirmAction<Args> = (request: ConfirmRequest<Args>) => ConfirmOutcome | void | Promise<ConfirmOutcome | void>;

const actions = new NamedRegistry<ConfirmAction<unknown>>('confirm action');

/** Call from the plugin's `onLoad` and return the result, so unloading the plugin unregisters it. */
export function registerConfirmAction<Args>(name: string, run: ConfirmAction<Args>): () => void {
	return actions.register(name, run as ConfirmAction<unknown>);
}

export interface ConfirmOptions<Args> {
	/** A name given to `registerConfirmAction`. */
	action: string;
	/** JSON kept in the cache until the member answers: what the action needs (ids, not objects). */
	args: Args;
	title: string;
	description?: string;
	confirmLabel?: string;
	cancelLabel?: string;
	locale?: Locale;
	requesterId?: string;
	/** The question dies after this long (default 5 minutes). */
	timeoutMs?: number;
	ephemeral?: boolean;
}

/**
 * Asks before a destructive action. The action runs later, when the member presses "Confirm",
 * by whichever replica gets the press, even after a restart: hence a registered action and JSON args.
 */
export async function confirm<Args>(target: UiTarget, options: ConfirmOptions<Args>): Promise<void> {
	const locale = options.locale ?? localeOfTarget(target);
	const timeoutMs = options.timeoutMs ?? defaultUiTimeoutMs;
	if (!actions.get(options.action)) throw new Error(`no confirm action registered as "${options.action}"`);
	const key = newStateKey();
	const state: UiState = {
		kind: 'confirm',
		name: options.action,
		requesterId: options.requesterId ?? requesterOf(target),
		locale,
		timeoutMs,
		expiresAt: Date.now() + timeoutMs,
		data: options.args
	};
	await saveUiState(key, state);
	const text = uiText(locale);
	const row = buttonRow([
		{ customId: encodeCustomId({ kind: 'confirm', key, action: 'yes' }), label: options.confirmLabel ?? text('confirm'), style: ButtonStyle.Danger },
		{ customId: encodeCustomId({ kind: 'confirm', key, action: 'no' }), label: options.cancelLabel ?? text('cancel'), style: ButtonStyle.Secondary }
	]);
	const embed = buildEmbed({ kind: 'warning', title: options.title, description: options.description, locale });
	const message = await respondWithMessage(target, { embeds: [embed], components: [row], ephemeral: options.ephemeral });
	if (message) greyOutWhenExpired('confirm', key, target, message, state.expiresAt);
}

/**
 * Answers a press the caller has already matched to `state` (taken from the cache, so this runs once).
 * Returns false when the action is no longer registered (its plugin was unloaded).
 */
export async function answerConfirm(interaction: ButtonInteraction, state: UiState, confirmed: boolean): Promise<boolean> {
	const text = uiText(state.locale);
	if (!confirmed) {
		const embed = buildEmbed({ kind: 'info', title: text('cancelledTitle'), description: text('cancelledDescription'), locale: state.locale });
		await interaction.update({ embeds: [embed], components: [], allowedMentions: safeMentions });
		return true;
	}
	const run = actions.get(state.name);
	if (!run) return false;
	await interaction.deferUpdate();
	const outcome = (await run({ args: state.data, locale: state.locale, interaction })) ?? {};
	const embed = buildEmbed({ kind: outcome.kind ?? 'success', title: outcome.title ?? text('doneTitle'), description: outcome.description, locale: state.locale });
	await interaction.editReply({ embeds: [embed], components: [], allowedMentions: safeMentions });
	return true;
}
