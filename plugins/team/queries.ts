import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { chantiers } from './schema.ts';

export type Chantier = typeof chantiers.$inferSelect;

export async function chantierByCode(db: Db, guildId: string, code: string): Promise<Chantier | undefined> {
	const [row] = await db
		.select()
		.from(chantiers)
		.where(and(eq(chantiers.guildId, guildId), eq(chantiers.code, code)));
	return row;
}

/** Active chantiers of a guild by name (autocomplete, dashboard). Await to run. */
export function activeChantiers(db: Db, guildId: string) {
	return db
		.select()
		.from(chantiers)
		// Written as in the partial index's predicate so the planner can use it.
		.where(and(eq(chantiers.guildId, guildId), sql`${chantiers.status} = 'actif'`))
		.orderBy(asc(chantiers.name));
}

export async function chantierByChannel(db: Db, channelId: string): Promise<Chantier | undefined> {
	const [row] = await db.select().from(chantiers).where(eq(chantiers.discordChannelId, channelId));
	return row;
}
