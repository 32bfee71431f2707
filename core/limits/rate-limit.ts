import type { Cache } from '../cache/cache.ts';
import { defineMessages, type Locale } from '../i18n.ts';

export interface RateLimit {
	/** Commands allowed per window. */
	limit: number;
	windowMs: number;
}

export const defaultRateLimit: RateLimit = { limit: 10, windowMs: 60_000 };

export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAt: number };

/**
 * Counts one use of `command` by `userId` in a fixed window. The count is the cache's atomic
 * increment: a Lua script on Redis, so every replica counts against the same limit; a map in
 * this process when there is no Redis.
 */
export async function hitRateLimit(cache: Cache, userId: string, command: string, { limit, windowMs }: RateLimit): Promise<RateLimitDecision> {
	const { value, ttlMs } = await cache.increment(`ratelimit.${userId}.${command}`, windowMs);
	if (value <= limit) return { allowed: true, remaining: limit - value };
	return { allowed: false, retryAt: Date.now() + (ttlMs ?? windowMs) };
}

/** `rateLimit` in a command's options: a partial override of the default, or false for none. */
export function rateLimitOf(option: Partial<RateLimit> | false | undefined): RateLimit | null {
	if (option === false) return null;
	return { ...defaultRateLimit, ...option };
}

export const rateLimitedIdentifier = 'rateLimited';

export interface RateLimitedContext {
	command: string;
	/** Epoch ms when the window ends. */
	retryAt: number;
}

const limitsText = defineMessages({
	fr: { rateLimited: 'Vous avez lancé « {command} » trop souvent. Réessayez {when}.' },
	en: { rateLimited: 'You ran "{command}" too often. Try again {when}.' }
});

/** The refusal: Discord renders `<t:…:R>` as "in 42 seconds" / "dans 42 secondes" in the reader's language. */
export function describeRateLimit(locale: Locale, { command, retryAt }: RateLimitedContext): string {
	return limitsText(locale)('rateLimited', { command, when: `<t:${Math.ceil(retryAt / 1000)}:R>` });
}
