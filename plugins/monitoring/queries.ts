import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { messages, statsGlobales, userStats } from './schema.ts';

export const searchPageSize = 25;

export interface MessageSearch {
	text: string;
	/** Channels (and threads) the asking member can read: nothing outside them is ever returned. */
	readableChannelIds: readonly string[];
	channelId?: string;
	authorId?: string;
	since?: Date;
	/** 1-based. */
	page?: number;
	/** Keyset paging: the results after this one (the `next` of the previous page); `page` is then ignored. */
	after?: SearchCursor;
}

/** Where a page of word matches ended: the last message's date and log id. */
export interface SearchCursor {
	createdAt: Date;
	id: number;
}

export interface MessageSearchPage {
	page: number;
	results: Awaited<ReturnType<typeof wordSearchQuery>>;
	hasMore: boolean;
	/**
	 * `words`: messages holding every word (any French form, accents ignored), newest first.
	 * `similar`: none did, so messages with similar words (typos), closest first.
	 */
	match: 'words' | 'similar';
	/** Passed back as `after`, gives the next page of word matches without re-reading the previous ones. */
	next?: SearchCursor;
}

/**
 * `/recherche` and `GET /api/messages/search`, 25 per page. Messages holding every word, newest first:
 * French full-text search without accents ("livraisons" finds "livraison", "beton" finds "béton"), whose
 * cost follows the page read rather than the number of matches. When no message holds the words, a typo is
 * likely: messages with similar words (trigram word similarity) are returned instead, closest first.
 */
export async function searchMessages(db: Db, search: MessageSearch): Promise<MessageSearchPage> {
	const page = search.after ? 1 : Math.max(1, Math.floor(search.page ?? 1));
	const channels = searchableChannels(search);
	if (search.text.trim() === '' || channels.length === 0) return { page, results: [], hasMore: false, match: 'words' };
	const rows = await wordSearchQuery(db, search, await shareOfMessagesHolding(db, search.text));
	if (rows.length > 0 || (await anyWordMatch(db, search))) {
		const results = rows.slice(0, searchPageSize);
		const last = results.at(-1);
		const hasMore = rows.length > searchPageSize;
		return { page, results, hasMore, match: 'words', next: hasMore && last ? { createdAt: new Date(last.createdAt), id: last.id } : undefined };
	}
	const similar = await similarWordSearchQuery(db, { ...search, page });
	return { page, results: similar.slice(0, searchPageSize), hasMore: similar.length > searchPageSize, match: 'similar' };
}

/** Same expression as messages_content_fts_idx (migration 0009), so the planner can use that index. */
const searchableText = sql`to_tsvector('public.fr_unaccent'::regconfig, coalesce(${messages.content}, ''))`;

/** Every word must be there; "quoted words" must follow each other and -word must be absent (web search syntax). */
function wordsOf(text: string): SQL {
	return sql`websearch_to_tsquery('public.fr_unaccent'::regconfig, ${text})`;
}

const searchResultColumns = {
	id: messages.id,
	messageId: messages.messageId,
	guildId: messages.guildId,
	channelId: messages.channelId,
	authorId: messages.authorId,
	content: messages.content,
	createdAt: messages.createdAt,
	editedAt: messages.editedAt
};

/**
 * Words in at least this share of messages fill a page within the newest few thousand messages: reading
 * messages_created_at_idx backwards is then fastest. Rarer (or absent) words must go through the word index:
 * read backwards, an absent word would test every message.
 */
const frequentShare = 0.02;

/**
 * About which share of messages hold all the words, from the word index's statistics (its most common
 * lexemes, refreshed by ANALYZE): the planner's own guess for a word missing from them is far too high.
 */
async function shareOfMessagesHolding(db: Db, text: string): Promise<number> {
	const result = await db.execute(sql`select exp(sum(ln(greatest(coalesce(common.share, 0), 1e-9))))::float8 as share
		from unnest(tsvector_to_array(to_tsvector('public.fr_unaccent'::regconfig, ${text}))) as typed(lexeme)
		left join (
			select unnest(most_common_elems::text::text[]) as lexeme, unnest(most_common_elem_freqs) as share
			from pg_stats where tablename = 'messages_content_fts_idx'
		) common using (lexeme)`);
	return Number(rowsOf<{ share: number | null }>(result)[0]?.share ?? 0);
}

/**
 * The word search `searchMessages` runs: one row more than a page, to tell whether another page exists.
 * `share`: about which share of messages hold the words (frequent words take the date index).
 */
export function wordSearchQuery(db: Db, search: MessageSearch, share = 0) {
	const conditions = [sql`${searchableText} @@ ${wordsOf(search.text)}`, ...filtersOf(search)];
	if (search.after) {
		conditions.push(sql`(${messages.createdAt}, ${messages.id}) < (${search.after.createdAt.toISOString()}::timestamptz, ${search.after.id})`);
	}
	const page = Math.max(1, Math.floor(search.page ?? 1));
	return db
		.select(searchResultColumns)
		.from(messages)
		.where(and(...conditions))
		// `+ interval '0'` hides the order from messages_created_at_idx, leaving the word index to the planner.
		.orderBy(share >= frequentShare ? desc(messages.createdAt) : sql`${messages.createdAt} + interval '0' desc`, desc(messages.id))
		.limit(searchPageSize + 1)
		.offset(search.after ? 0 : (page - 1) * searchPageSize);
}

/** Whether any message holds the words: an empty later page of a word search must not turn into a typo search. */
async function anyWordMatch(db: Db, search: MessageSearch): Promise<boolean> {
	if (!search.after && (search.page ?? 1) <= 1) return false;
	const rows = await db.select({ id: messages.id }).from(messages).where(and(sql`${searchableText} @@ ${wordsOf(search.text)}`, ...filtersOf(search))).limit(1);
	return rows.length > 0;
}

/** The typo fallback: messages holding words similar to each typed word, closest first. */
export function similarWordSearchQuery(db: Db, search: MessageSearch) {
	const words = searchWords(search.text);
	const page = Math.max(1, Math.floor(search.page ?? 1));
	// Each word is matched on its own: the words people type ("réunion Moreau") are rarely side by side
	// in the message, and one similarity over the whole phrase would then miss it.
	// Accents are ignored on both sides ("beton" finds "béton"); the expression matches the trigram index's.
	const content = sql`immutable_unaccent(${messages.content})`;
	const score = sql<number>`(${sql.join(
		words.map((word) => sql`word_similarity(immutable_unaccent(${word}), ${content})`),
		sql` + `
	)}) / ${words.length}`;
	// `content %> word` is true when some part of content is similar enough to the word (pg_trgm's
	// word_similarity_threshold, 0.6); written with the indexed expression on the left for the index.
	const conditions = [...words.map((word) => sql`${content} %> immutable_unaccent(${word})`), ...filtersOf(search)];
	return db
		.select(searchResultColumns)
		.from(messages)
		.where(and(...conditions))
		.orderBy(desc(score), desc(messages.createdAt))
		.limit(searchPageSize + 1)
		.offset((page - 1) * searchPageSize);
}

function filtersOf(search: MessageSearch): SQL[] {
	const conditions: SQL[] = [inArray(messages.channelId, searchableChannels(search)), isNull(messages.deletedAt)];
	if (search.authorId) conditions.push(eq(messages.authorId, search.authorId));
	if (search.since) conditions.push(gte(messages.createdAt, search.since));
	return conditions;
}

/** Words of three letters or more (shorter ones have too few trigrams to match); the whole text if none. */
function searchWords(text: string): string[] {
	const words = text.trim().split(/\s+/).filter((word) => word.length >= 3);
	return words.length > 0 ? words.slice(0, 8) : [text.trim()];
}

function searchableChannels({ readableChannelIds, channelId }: MessageSearch): string[] {
	if (channelId === undefined) return [...readableChannelIds];
	return readableChannelIds.includes(channelId) ? [channelId] : [];
}

/** Per-day stats of one user over `from`..`to` (`YYYY-MM-DD`, both included), oldest first. Await to run. */
export function userStatsForPeriod(db: Db, { guildId, userId, from, to }: { guildId: string; userId: string; from: string; to: string }) {
	return db
		.select()
		.from(userStats)
		.where(and(eq(userStats.guildId, guildId), eq(userStats.userId, userId), gte(userStats.day, from), lte(userStats.day, to)))
		.orderBy(asc(userStats.day));
}

/**
 * Recomputes user_stats for one day (`YYYY-MM-DD` in `timeZone`) from the message log. Idempotent:
 * run it for today every few minutes and once more for yesterday after midnight. Returns the rows written.
 * Bots and direct messages are not counted; deleted messages are (they were sent that day).
 * Only monitoring's own table is read: other plugins' figures (tasks…) reach /stats through their own
 * `memberStats` contributions.
 */
export async function rollUpUserStats(db: Db, { day, timeZone }: { day: string; timeZone: string }): Promise<number> {
	const result = await db.execute(rollUpUserStatsStatement(day, timeZone));
	return rowsOf(result).length;
}

/**
 * Five-minute slots are counted by grouping on (member, slot) first: a hash of at most members × 288 slots.
 * `count(distinct slot)` per member sorted every message of the day instead, which spilled to disk past
 * work_mem (4 MB by default) on a busy day.
 */
export function rollUpUserStatsStatement(day: string, timeZone: string): SQL {
	return sql`with bounds as (
			select ${day}::date::timestamp at time zone ${timeZone} as starts,
				(${day}::date + 1)::timestamp at time zone ${timeZone} as ends
		),
		slots as (
			select m.guild_id, m.author_id, date_bin('5 minutes', m.created_at, b.starts) as slot, count(*)::int as messages
			from messages m, bounds b
			where m.created_at >= b.starts and m.created_at < b.ends and m.guild_id is not null and not m.author_is_bot
			group by 1, 2, 3
		),
		posted as (
			select guild_id, author_id as user_id, sum(messages)::int as messages, count(*)::int * 300 as active_seconds
			from slots group by 1, 2
		)
		insert into user_stats (guild_id, user_id, day, messages, active_seconds)
		select guild_id, user_id, ${day}::date, messages, active_seconds from posted
		on conflict (guild_id, user_id, day) do update set
			messages = excluded.messages,
			active_seconds = excluded.active_seconds
		returning 1`;
}

/** Retention: hard-deletes messages older than `days` days (at least 1); returns how many. */
export async function cleanupOldMessages(db: Db, days: number): Promise<number> {
	const result = await db.execute(sql`select cleanup_old_messages(${days}::int) as deleted`);
	const [row] = rowsOf<{ deleted: number }>(result);
	return Number(row?.deleted ?? 0);
}

/**
 * Nightly: daily user_stats rows older than `keepDays` days are added into their month's row
 * (user_stats_monthly), so user_stats holds about members × keepDays rows; returns how many moved.
 */
export async function rollUpOldUserStats(db: Db, keepDays: number): Promise<number> {
	const result = await db.execute(sql`select roll_up_old_user_stats(${keepDays}::int) as moved`);
	const [row] = rowsOf<{ moved: number }>(result);
	return Number(row?.moved ?? 0);
}

/** Totals for the dashboard and `GET /stats` (the `stats_globales` view). */
export async function globalStats(db: Db) {
	const [row] = await db.select().from(statsGlobales);
	if (!row) throw new Error('stats_globales returned no row');
	return row;
}

/** node-postgres and PGlite both return `rows` from `execute`, typed differently. */
function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}
