// PostgreSQL's text and jsonb cannot hold U+0000: text from outside (Discord messages, signed webhook deliveries) loses it before it is stored.

/** `text` without its NUL characters (the same string when it has none). */
export function withoutNul<T extends string | null | undefined>(text: T): T {
	return (text?.includes('\u0000') ? text.replaceAll('\u0000', '') : text) as T;
}

/** Parsed JSON with every string, keys included, stripped of NUL characters; the same value when it has none. */
export function jsonWithoutNul(value: unknown): unknown {
	if (typeof value === 'string') return withoutNul(value);
	if (Array.isArray(value)) return value.map(jsonWithoutNul);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(Object.entries(value).map(([key, inner]) => [withoutNul(key), jsonWithoutNul(inner)]));
}
