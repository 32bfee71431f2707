import { and, asc, count, eq, getTableColumns, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '#core/db/client.ts';
import { chantiers } from './schema.ts';

export type Chantier = typeof chantiers.$inferSelect;

/** How a reference matched a chantier, best first: the code (unique per guild in any case), the id, the name, a part of the name. */
const matchRank = {
	code: 0,
	id: 1,
	name: 2,
	partOfName: 3
} as const;

/**
 * The chantier a member or a client refers to, within a guild: by its code in any case (people type
 * `ch-017` for `CH-017`), by its id (what autocomplete sends), or by its full name in any case, accents
 * or none (« ecole jaures » for « École Jaurès »), or by a part of its name only it has (« mairie » when one
 * chantier is « Mairie de Pantin », as its suggestions offered).
 * Undefined when nothing matches, or when the reference fits two chantiers equally (two chantiers
 * named alike): a guess would file work under the wrong one.
 */
export async function findChantier(db: Db, guildId: string, reference: string): Promise<Chantier | undefined> {
	const wanted = reference.trim();
	if (!wanted) return undefined;
	const isId = z.uuid().safeParse(wanted).success;
	const sameCode = sql`lower(${chantiers.code}) = lower(${wanted})`;
	const sameName = sql`lower(public.immutable_unaccent(${chantiers.name})) = lower(public.immutable_unaccent(${wanted}))`;
	const partOfName = sql`public.immutable_unaccent(${chantiers.name}) ilike public.immutable_unaccent(${`%${escapeLike(wanted)}%`})`;
	const rank = sql<number>`case
		when ${sameCode} then ${matchRank.code}
		when ${isId ? sql`${chantiers.id} = ${wanted}::uuid` : sql`false`} then ${matchRank.id}
		when ${sameName} then ${matchRank.name}
		else ${matchRank.partOfName} end`;
	const [best, next] = await db
		.select({ ...getTableColumns(chantiers), rank })
		.from(chantiers)
		.where(and(eq(chantiers.guildId, guildId), or(sameCode, isId ? eq(chantiers.id, wanted) : undefined, sameName, partOfName)))
		.orderBy(rank)
		.limit(2);
	if (!best || (next && Number(next.rank) === Number(best.rank))) return undefined;
	const { rank: _rank, ...chantier } = best;
	return chantier;
}

/** Which chantiers a suggestion may offer: the open ones (all but archived), the archived ones, or all. */
export type ChantierScope = 'open' | 'archived' | 'all';

/**
 * Chantiers whose code or name contains what is typed, in any case and the name with or without its
 * accents (« ecole » finds « École », `immutable_unaccent` is migration 0004's), for autocomplete: by default
 * never the archived ones; active ones first, then by name; at most 25 (what Discord shows).
 */
export function suggestChantiers(db: Db, guildId: string, typed: string, scope: ChantierScope = 'open'): Promise<Chantier[]> {
	const pattern = `%${escapeLike(typed.trim())}%`;
	const inScope = { open: ne(chantiers.status, 'archive'), archived: eq(chantiers.status, 'archive'), all: undefined }[scope];
	return db
		.select()
		.from(chantiers)
		.where(and(eq(chantiers.guildId, guildId), inScope, or(ilike(chantiers.code, pattern), sql`public.immutable_unaccent(${chantiers.name}) ilike public.immutable_unaccent(${pattern})`)))
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

export type ChantierStatus = Chantier['status'];
export type NewChantier = Pick<typeof chantiers.$inferInsert, 'guildId' | 'code' | 'name' | 'client' | 'address' | 'startsOn' | 'endsOn' | 'discordCategoryId' | 'discordChannelId'>;

/** The chantier of a guild with this code, in any case (codes are unique per guild in any case). */
export async function chantierByCode(db: Db, guildId: string, code: string): Promise<Chantier | undefined> {
	const [row] = await db
		.select()
		.from(chantiers)
		.where(and(eq(chantiers.guildId, guildId), sql`lower(${chantiers.code}) = lower(${code.trim()})`));
	return row;
}

/** Adds a chantier; undefined when its code is already taken in the guild (in any case), even by a concurrent insert. */
export async function insertChantier(db: Db, values: NewChantier): Promise<Chantier | undefined> {
	const [row] = await db.insert(chantiers).values(values).onConflictDoNothing().returning();
	return row;
}

/** Moves a chantier along its lifecycle (the database refuses other moves). */
export async function setChantierStatus(db: Db, id: string, status: ChantierStatus): Promise<void> {
	await db.update(chantiers).set({ status }).where(eq(chantiers.id, id));
}

/** One page of a guild's chantiers, active first then by code, with the total; optionally of one status. */
export async function listChantiers(
	db: Db,
	guildId: string,
	{ status, offset, limit }: { status?: ChantierStatus; offset: number; limit: number }
): Promise<{ chantiers: Chantier[]; total: number }> {
	const where = and(eq(chantiers.guildId, guildId), status ? eq(chantiers.status, status) : undefined);
	const [rows, [counted]] = await Promise.all([
		db.select().from(chantiers).where(where).orderBy(sql`${chantiers.status} <> 'actif'`, asc(chantiers.code)).limit(limit).offset(offset),
		db.select({ value: count() }).from(chantiers).where(where)
	]);
	return { chantiers: rows, total: Number(counted?.value ?? 0) };
}
