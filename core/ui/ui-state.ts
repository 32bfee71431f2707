import { container } from '@sapphire/framework';
import type { Cache } from '../cache/cache.ts';
import type { Locale } from '../i18n.ts';
import type { UiKind } from './custom-id.ts';

/** What a press needs to carry on, kept in the cache (JSON) so it survives restarts and works on any replica. */
export interface UiState {
	kind: UiKind;
	/** The registered pager, confirm action or form that handles it. */
	name: string;
	requesterId: string;
	locale: Locale;
	/** Inactivity allowed; each press gives the member this long again. */
	timeoutMs: number;
	/** Epoch ms after which the buttons are dead. */
	expiresAt: number;
	/** The plugin's own data: filters, action arguments, form context. Must be JSON. */
	data: unknown;
	/** Form values submitted but refused, offered again when the member fixes them. */
	draft?: Record<string, string>;
}

export const defaultUiTimeoutMs = 5 * 60_000;

const cacheKey = (key: string) => `ui.state.${key}`;

export async function saveUiState(key: string, state: UiState, cache: Cache = container.cache): Promise<void> {
	await cache.setJson(cacheKey(key), state, Math.max(1, state.expiresAt - Date.now()));
}

/** Null when expired, unknown, or of another kind (a forged custom id). */
export async function loadUiState(key: string, kind: UiKind, cache: Cache = container.cache): Promise<UiState | null> {
	const state = await cache.getJson<UiState>(cacheKey(key));
	return state?.kind === kind ? state : null;
}

/** Pushes the expiry back after a press, so a member who keeps using a list is not cut off. */
export async function extendUiState(key: string, state: UiState): Promise<void> {
	await saveUiState(key, { ...state, expiresAt: Date.now() + state.timeoutMs });
}

/**
 * Loads and deletes the state in one go; only one caller gets it, even across replicas (the delete
 * is atomic and says whether the key was still there). Used where a press must act once: confirmations.
 */
export async function takeUiState(key: string, kind: UiKind): Promise<UiState | null> {
	const state = await loadUiState(key, kind);
	if (!state) return null;
	return (await container.cache.delete(cacheKey(key))) === 1 ? state : null;
}
