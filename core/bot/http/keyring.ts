// The API keys in force: API_KEYS from the environment and the keys owners created with /apikey (stored as SHA-256).
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { container } from '@sapphire/framework';
import { and, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../../db/schema.ts';
import type { Scope } from './scopes.ts';

export interface KnownKey {
	/** What logs name the caller by: `api-key-1` (API_KEYS order) or `api-key-<name>`; never the key. */
	id: string;
	hash: Buffer;
	scopes: readonly Scope[];
}

/** One-shot hash: no Hash object per request (half the cost of the key check). */
export const hashKey = (key: string) => hash('sha256', key, 'buffer');

/** Stored keys are re-read this often, so a key revoked on another replica stops working there too. */
const storedKeysTtlMs = 10_000;

let stored: { keys: KnownKey[]; readAt: number } | null = null;
/** The read in flight, shared by every request that finds the list stale (one query, not one per request). */
let reading: Promise<KnownKey[]> | null = null;
/** Bumped when a key is created or revoked here: a read started before that must not be kept. */
let generation = 0;
/** API_KEYS hashed once per configuration, not on every request. */
let environment: { source: unknown; keys: KnownKey[] } | null = null;

function environmentKeys(): KnownKey[] {
	const source = container.config.API_KEYS;
	if (environment?.source !== source) {
		environment = { source, keys: source.map(({ key, scopes }, index) => ({ id: `api-key-${index + 1}`, hash: hashKey(key), scopes: scopes as Scope[] })) };
	}
	return environment.keys;
}

async function readStoredKeys(started: number): Promise<KnownKey[]> {
	const rows = await container.db.select().from(apiKeys).where(isNull(apiKeys.revokedAt));
	const keys = rows.map((row) => ({ id: `api-key-${row.name}`, hash: Buffer.from(row.keyHash, 'hex'), scopes: row.scopes as Scope[] }));
	if (started === generation) stored = { keys, readAt: Date.now() };
	return keys;
}

function storedKeys(): Promise<KnownKey[]> {
	if (reading) return reading;
	const read = readStoredKeys(generation).finally(() => {
		if (reading === read) reading = null;
	});
	reading = read;
	return read;
}

/**
 * Every key in force, without waiting when the stored keys were read less than `storedKeysTtlMs` ago (the
 * usual case: a request then costs no database read and no await). None at all leaves the API open (a bot on
 * 127.0.0.1 in development).
 */
export function knownKeys(): KnownKey[] | Promise<KnownKey[]> {
	const fresh = stored && Date.now() - stored.readAt < storedKeysTtlMs ? stored.keys : null;
	if (fresh) return fresh.length === 0 ? environmentKeys() : [...environmentKeys(), ...fresh];
	return storedKeys().then((keys) => [...environmentKeys(), ...keys]);
}

/** Forgets the stored keys read so far: the next request reads them again (a key created or revoked here). */
function forgetStoredKeys(): void {
	generation += 1;
	stored = null;
	reading = null;
}

/** The key matching `given`, compared in constant time on hashes against every key (no early exit). */
export function matchKey(keys: KnownKey[], given: string): KnownKey | undefined {
	const hash = hashKey(given);
	let found: KnownKey | undefined;
	for (const key of keys) if (timingSafeEqual(key.hash, hash) && !found) found = key;
	return found;
}

export interface StoredKeySummary {
	name: string;
	scopes: string[];
	createdBy: string;
	createdAt: Date;
	revokedAt: Date | null;
}

/** Creates a key: the secret is returned once and only its hash stored. Null when the name is taken. */
export async function createStoredKey(name: string, scopes: Scope[], createdBy: string): Promise<string | null> {
	const secret = `mk_${randomBytes(24).toString('base64url')}`;
	const [row] = await container.db
		.insert(apiKeys)
		.values({ name, keyHash: hashKey(secret).toString('hex'), scopes, createdBy })
		.onConflictDoNothing({ target: apiKeys.name })
		.returning({ id: apiKeys.id });
	forgetStoredKeys();
	return row ? secret : null;
}

/** Revokes a key by name; false when there is no such key in force. */
export async function revokeStoredKey(name: string): Promise<boolean> {
	const rows = await container.db
		.update(apiKeys)
		.set({ revokedAt: new Date() })
		.where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
		.returning({ id: apiKeys.id });
	forgetStoredKeys();
	return rows.length > 0;
}

export async function listStoredKeys(): Promise<StoredKeySummary[]> {
	return container.db
		.select({ name: apiKeys.name, scopes: apiKeys.scopes, createdBy: apiKeys.createdBy, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
		.from(apiKeys)
		.orderBy(apiKeys.createdAt);
}
