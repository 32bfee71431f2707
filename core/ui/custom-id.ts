import { randomBytes } from 'node:crypto';

/**
 * Custom ids of the kit's components: `ui:<kind>:<stateKey>:<action>`. They carry no state
 * themselves, only the key of the state kept in the cache, so any replica (or this one after a
 * restart) can answer a press. The `ui:` prefix is reserved for the kit.
 */
export const uiKinds = ['page', 'confirm', 'form'] as const;
export type UiKind = (typeof uiKinds)[number];

export interface UiCustomId {
	kind: UiKind;
	key: string;
	action: string;
}

const prefix = 'ui';
const keyPattern = /^[a-z0-9]{1,32}$/;
const actionPattern = /^[a-z0-9-]{1,32}$/;

/** A random key for one piece of UI state (one list, one confirmation, one form). */
export function newStateKey(): string {
	return randomBytes(6).toString('hex');
}

export function encodeCustomId({ kind, key, action }: UiCustomId): string {
	if (!keyPattern.test(key) || !actionPattern.test(action)) throw new Error(`invalid UI custom id part: ${key}:${action}`);
	return [prefix, kind, key, action].join(':');
}

/** Null for any id the kit did not make (plugins' own components). */
export function decodeCustomId(customId: string): UiCustomId | null {
	const [head, kind, key, action, ...rest] = customId.split(':');
	if (head !== prefix || rest.length > 0 || !key || !action) return null;
	if (!uiKinds.includes(kind as UiKind) || !keyPattern.test(key) || !actionPattern.test(action)) return null;
	return { kind: kind as UiKind, key, action };
}
