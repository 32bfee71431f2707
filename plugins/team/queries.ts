import { and, asc, eq, getTableColumns, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '#core/db/client.ts';
import { chantiers } from './schema.ts';

export type Chantier = typeof chantiers.$inferSelect;

/** How a reference matched a chantier, best first: the code (unique per guild in any case), the id, the name. */
const matchRank = {
	code: 0,
	id: 1,
	name: 2
} as const;

/**
 * The chantier a member or a client refers to, within a guild: by its code in any case (people type
 * `ch-017` for `CH-017`), by its id (what autocomplete sends), or by its full name in any case.
 * Undefined when nothing matches, or when the reference fits two chantiers equally (two chantiers
 * named alike): a guess would file work under the wrong one.
 */
export async function findChantier(db: Db, guildId: string, reference: string): Promise<Chantier | undefined> {
	const wanted = reference.trim();
	if (!wanted) return undefined;
	const isId = z.uuid().safeParse(wanted).success;
	const sameCode = sql`lower(${chantiers.code}) = lower(${wanted})`;
	const sameName = sql`lower(${chantiers.name}) = lower(${wanted})`;
	const rank = sql<number>`case
		when ${sameCode} then ${matchRank.code}
		when ${isId ? sql`${chantiers.id} = ${wanted}::uuid` : sql`false`} then ${matchRank.id}
		else ${matchRank.name} end`;
	const [best, next] = await db
		.select({ ...getTableColumns(chantiers), rank })
		.from(chantiers)
		.where(and(eq(chantiers.guildId, guildId), or(sameCode, isId ? eq(chantiers.id, wanted) : undefined, sameName)))
		.orderBy(rank)
		.limit(2);
	if (!best || (next && Number(next.rank) === Number(best.rank))) return undefined;
	const { rank: _rank, ...chantier } = best;
	return chantier;
}

/**
 * Chantiers whose code or name contains what is typed, in any case, for autocomplete: never the
 * archived ones, active ones first, then by name; at most 25 (what Discord shows).
 */
export function suggestChantiers(db: Db, guildId: string, typed: string): Promise<Chantier[]> {
	const pattern = `%${escapeLike(typed.trim())}%`;
	return db
		.select()
		.from(chantiers)
		.where(and(eq(chantiers.guildId, guildId), ne(chantiers.status, 'archive'), or(ilike(chantiers.code, pattern), ilike(chantiers.name, pattern))))
		.orderBy(sql`${chantiers.status} <> 'actif'`, asc(chantiers.name))
		.limit(25);
}

/** The chantier whose Discord channel this is: a message or command there is about that chantier. */
export async function chantierByChannel(db: Db, channelId: string): Promise<Chantier | undefined> {
	const [row] = await db.select().from(chantiers).where(eq(chantiers.discordChannelId, channelId));
	return row;
}

/** The chantiers with these ids (missing ones are left out), e.g. to show the code next to a task. */
export async function chantiersByIds(db: Db, ids: readonly (string | null)[]): Promise<Chantier[]> {
	const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
	if (wanted.length === 0) return [];
	return db.select().from(chantiers).where(inArray(chantiers.id, wanted));
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

/** `%`, `_` and `\` typed by a member are searched for literally. */
function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
