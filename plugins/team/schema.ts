import { sql } from 'drizzle-orm';
import { date, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, uuidPrimaryKey } from '#core/db/columns.ts';

/** Lifecycle actif ⇄ en_pause → terminé, any of them ⇄ archivé, enforced by a trigger (migrations 0003, 0008). */
export const chantierStatus = pgEnum('chantier_status', ['actif', 'en_pause', 'termine', 'archive']);

/** Work sites: shared by tasks and planning, each with its own Discord category and channel. */
export const chantiers = pgTable(
	'chantiers',
	{
		id: uuid('id').primaryKey().default(uuidPrimaryKey()),
		guildId: text('guild_id').notNull(),
		/** Short code the teams type, e.g. `CH-2024-017`; unique within a guild. */
		code: text('code').notNull(),
		name: text('name').notNull(),
		client: text('client'),
		address: text('address'),
		status: chantierStatus('status').notNull().default('actif'),
		startsOn: date('starts_on'),
		endsOn: date('ends_on'),
		discordCategoryId: text('discord_category_id'),
		discordChannelId: text('discord_channel_id'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [
		// Forbids two chantiers with one code in a guild, in any case (`ch-017` is `CH-017`); its guild
		// prefix narrows `findChantier` and `suggestChantiers`.
		uniqueIndex('chantiers_guild_code_key').on(table.guildId, sql`lower(${table.code})`),
		// Serves `activeChantiers` (autocomplete, dashboards): only the few active rows are indexed.
		index('chantiers_active_idx')
			.on(table.guildId, table.name)
			.where(sql`${table.status} = 'actif'`),
		// Serves `chantierByChannel`: a message or command in a chantier's channel finds its chantier.
		uniqueIndex('chantiers_channel_key')
			.on(table.discordChannelId)
			.where(sql`${table.discordChannelId} is not null`)
	]
);
