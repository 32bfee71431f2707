import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgEnum, pgTable, primaryKey, smallint, integer, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt } from './columns.ts';

/** Runtime settings (plugin switches, plugin settings, guild options): one JSON value per key. */
export const botConfig = pgTable('bot_config', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
	updatedBy: text('updated_by')
});

export const auditKind = pgEnum('audit_kind', ['commande_refusee', 'action_admin', 'changement_config']);

/** Who did what that matters for accountability: refused commands, admin actions, configuration changes. */
export const auditLog = pgTable('audit_log', {
	id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
	guildId: text('guild_id'),
	kind: auditKind('kind').notNull(),
	/** A Discord user id, `api:<key name>` or `system`. */
	actorId: text('actor_id').notNull(),
	/** Command name, admin action (`plugin.disable`) or config key. */
	action: text('action').notNull(),
	target: text('target'),
	details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
	createdAt: createdAt()
});

/**
 * API keys created by owners with `/apikey` (besides API_KEYS): only the SHA-256 of the key is kept,
 * so the table never gives one away. Revoked keys stay for the record.
 */
export const apiKeys = pgTable(
	'api_keys',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		/** What callers are logged as (`api-key-<name>`). */
		name: text('name').notNull(),
		/** SHA-256 of the key, hex. */
		keyHash: text('key_hash').notNull(),
		scopes: text('scopes').array().notNull(),
		createdBy: text('created_by').notNull(),
		createdAt: createdAt(),
		revokedAt: instant('revoked_at')
	},
	(table) => [uniqueIndex('api_keys_name_key').on(table.name), uniqueIndex('api_keys_hash_key').on(table.keyHash)]
);

/** One line per HTTP API call; listed newest first through the primary key (ids only grow). */
export const apiLogs = pgTable('api_logs', {
	id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
	method: text('method').notNull(),
	path: text('path').notNull(),
	status: smallint('status').notNull(),
	durationMs: integer('duration_ms').notNull(),
	/** Name of the API key or Discord user behind the call; null when anonymous. */
	caller: text('caller'),
	ip: text('ip'),
	createdAt: createdAt()
});

/**
 * Key-value store for plugins that do not ship migrations: `namespace` is the plugin's name.
 * The primary key serves reads by key and listings of a namespace (its leading column).
 */
export const pluginData = pgTable(
	'plugin_data',
	{
		namespace: text('namespace').notNull(),
		key: text('key').notNull(),
		value: jsonb('value').notNull(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [
		primaryKey({ name: 'plugin_data_pkey', columns: [table.namespace, table.key] }),
		// Serves `findPluginData(namespace, { containing })`: plugins look entries up by what their value holds.
		index('plugin_data_value_idx').using('gin', table.value.op('jsonb_path_ops'))
	]
);
