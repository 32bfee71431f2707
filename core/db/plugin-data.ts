import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { pluginData } from './schema.ts';

/**
 * A plugin's own key-value store, for plugins that ship no migrations. Every call is confined to the
 * plugin's namespace (its name); values are any JSON.
 */
export interface PluginDataStore {
	get<T = unknown>(key: string): Promise<T | undefined>;
	set(key: string, value: unknown): Promise<void>;
	delete(key: string): Promise<boolean>;
	/** Entries whose key starts with `prefix`, by key. */
	list<T = unknown>(prefix?: string): Promise<{ key: string; value: T }[]>;
	/** Entries whose value contains `fragment` (JSON containment, e.g. `{ status: 'open' }`), by key. */
	find<T = unknown>(fragment: object): Promise<{ key: string; value: T }[]>;
}

export function pluginDataStore(db: Db, namespace: string): PluginDataStore {
	return {
		async get<T>(key: string) {
			const [row] = await db
				.select({ value: pluginData.value })
				.from(pluginData)
				.where(and(eq(pluginData.namespace, namespace), eq(pluginData.key, key)));
			return row?.value as T | undefined;
		},
		async set(key, value) {
			await db
				.insert(pluginData)
				.values({ namespace, key, value })
				.onConflictDoUpdate({ target: [pluginData.namespace, pluginData.key], set: { value } });
		},
		async delete(key) {
			const deleted = await db
				.delete(pluginData)
				.where(and(eq(pluginData.namespace, namespace), eq(pluginData.key, key)))
				.returning({ key: pluginData.key });
			return deleted.length > 0;
		},
		async list<T>(prefix = '') {
			const rows = await db
				.select({ key: pluginData.key, value: pluginData.value })
				.from(pluginData)
				.where(and(eq(pluginData.namespace, namespace), like(pluginData.key, `${escapeLike(prefix)}%`)))
				.orderBy(asc(pluginData.key));
			return rows as { key: string; value: T }[];
		},
		async find<T>(fragment: object) {
			const rows = await db
				.select({ key: pluginData.key, value: pluginData.value })
				.from(pluginData)
				.where(and(eq(pluginData.namespace, namespace), sql`${pluginData.value} @> ${JSON.stringify(fragment)}::jsonb`))
				.orderBy(asc(pluginData.key));
			return rows as { key: string; value: T }[];
		}
	};
}

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
