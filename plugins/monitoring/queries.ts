import { and, asc, desc, eq, getViewSelectedFields, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { startOfDay } from '#core/plugin-kit.ts';
import { daysToRollUp } from './roll-up-days.ts';
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
	/** Results per page, `searchPageSize` unless told (a Discord embed holds fewer, with their links). */
	pageSize?: number;
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
	 * `similar`: none did, so messages holding, for every typed word, a similar word of the log (typos), newest first.
	 */
	match: 'words' | 'similar';
	/** Passed back as `after`, gives the next page of word matches without re-reading the previous ones. */
	next?: SearchCursor;
}

/**
 * `/recherche` (10 per page) and `GET /api/messages/search` (25 per page). Messages holding every word, newest first:
 * French full-text search without accents ("livraisons" finds "livraison", "beton" finds "béton"), whose
 * cost follows the page read rather than the number of matches. When no message holds the words, a typo is
 * likely: the typed words are looked up in the log's vocabulary (`message_words`, trigram word similarity) and
 * the messages holding a similar word for each are returned instead, newest first, through the same word index.
 */
export async function searchMessages(db: Db, search: MessageSearch): Promise<MessageSearchPage> {
	const page = search.after ? 1 : Math.max(1, Math.floor(search.page ?? 1));
	const channels = searchableChannels(search);
	if (search.text.trim() === '' || channels.length === 0) return { page, results: [], hasMore: false, match: 'words' };
	const rows = await readPage(db, search, await shareOfMessagesHolding(db, search.text));
	if (rows.length > 0 || (await anyWordMatch(db, search))) return pageOf(page, rows, 'words', pageSizeOf(search));
	const similar = await similarWordsTsquery(db, search.text);
	if (!similar) return { page, results: [], hasMore: false, match: 'similar' };
	const similarRows = await readPage(db, search, await shareOfMessagesHoldingAny(db, similar.groups), sql`${similar.tsquery}::tsquery`);
	return pageOf(page, similarRows, 'similar', pageSizeOf(search));
}

const pageSizeOf = (search: MessageSearch) => search.pageSize ?? searchPageSize;

/**
 * Runs `wordSearchQuery`. Rare and absent words read few rows through the word index, but the planner, which
 * has no statistics for a word missing from the index's most common ones, expects thousands at 5M messages
 * and starts two parallel workers: 30-50 ms (more on a busy machine) for a read of a fraction of a
 * millisecond. Their page is read without parallel workers.
 */
async function readPage(db: Db, search: MessageSearch, share: number, words?: SQL) {
	if (share >= frequentShare) return wordSearchQuery(db, search, share, words);
	return db.transaction(async (tx) => {
		await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
		return wordSearchQuery(tx, search, share, words);
	});
}

function pageOf(page: number, rows: Awaited<ReturnType<typeof wordSearchQuery>>, match: MessageSearchPage['match'], size: number): MessageSearchPage {
	const results = rows.slice(0, size);
	const last = results.at(-1);
	const hasMore = rows.length > size;
	return { page, results, hasMore, match, next: hasMore && last ? { createdAt: new Date(last.createdAt), id: last.id } : undefined };
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
export function wordSearchQuery(db: Db, search: MessageSearch, share = 0, words: SQL = wordsOf(search.text)) {
	const conditions = [sql`${searchableText} @@ ${words}`, ...filtersOf(search)];
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
		.limit(pageSizeOf(search) + 1)
		.offset(search.after ? 0 : (page - 1) * pageSizeOf(search));
}

/** Whether any message holds the words: an empty later page of a word search must not turn into a typo search. */
async function anyWordMatch(db: Db, search: MessageSearch): Promise<boolean> {
	if (!search.after && (search.page ?? 1) <= 1) return false;
	const rows = await db.select({ id: messages.id }).from(messages).where(and(sql`${searchableText} @@ ${wordsOf(search.text)}`, ...filtersOf(search))).limit(1);
	return rows.length > 0;
}

/** Per typed word, the typo fallback takes at most this many similar words of the vocabulary, the most similar. */
const similarWordsPerWord = 20;

/**
 * The vocabulary lookup of the typo fallback: for each typed word (by place, from 1), the words of the message
 * log similar to it (`message_words_trgm_idx`: some part of the word is similar enough to the typed one,
 * pg_trgm's word_similarity_threshold, 0.6), the most similar first, with their French lexemes (none for
 * a stop word). Accents and case are ignored on both sides.
 */
export function similarWordsQuery(words: string[]): SQL {
	const typed = sql`array[${sql.join(
		words.map((word) => sql`${word}`),
		sql`, `
	)}]::text[]`;
	return sql`select typed.place::int as place, nearby.word, lexeme
		from unnest(${typed}) with ordinality as typed(word, place)
		cross join lateral (
			select candidate.word from message_words candidate
			where candidate.word %> lower(public.immutable_unaccent(typed.word))
			order by word_similarity(lower(public.immutable_unaccent(typed.word)), candidate.word) desc, candidate.word
			limit ${similarWordsPerWord}
		) nearby
		left join lateral unnest(tsvector_to_array(to_tsvector('public.fr_unaccent'::regconfig, nearby.word))) as lexeme on true`;
}

/**
 * The typo fallback's word query: each typed word (3 letters or more) by any of its similar words, as a
 * tsquery text (`('echafaudag' | 'echafaud') & ('lundi')`), and the lexemes of each word; null when some
 * typed word has no similar word at all (every word must match) or none is left.
 */
async function similarWordsTsquery(db: Db, text: string): Promise<{ tsquery: string; groups: string[][] } | null> {
	const words = searchWords(text);
	if (words.length === 0) return null;
	const rows = rowsOf<{ place: number; word: string; lexeme: string | null }>(await db.execute(similarWordsQuery(words)));
	const groups: string[][] = [];
	for (let place = 1; place <= words.length; place++) {
		const found = rows.filter((row) => Number(row.place) === place);
		if (found.length === 0) return null;
		const lexemes = [...new Set(found.flatMap((row) => (row.lexeme ? [row.lexeme] : [])))];
		// Only stop words ("les", "des"): the word search ignores them too.
		if (lexemes.length > 0) groups.push(lexemes);
	}
	if (groups.length === 0) return null;
	const quoted = (lexeme: string) => `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
	return { tsquery: groups.map((group) => `(${group.map(quoted).join(' | ')})`).join(' & '), groups };
}

/** About which share of messages hold, for every group, one of its lexemes (the word index's statistics, as `shareOfMessagesHolding`). */
async function shareOfMessagesHoldingAny(db: Db, groups: string[][]): Promise<number> {
	const lexemes = [...new Set(groups.flat())];
	const result = await db.execute(sql`select common.lexeme, common.share::float8 as share from (
			select unnest(most_common_elems::text::text[]) as lexeme, unnest(most_common_elem_freqs) as share
			from pg_stats where tablename = 'messages_content_fts_idx'
		) common where common.lexeme in (${sql.join(
			lexemes.map((lexeme) => sql`${lexeme}`),
			sql`, `
		)})`);
	const shares = new Map(rowsOf<{ lexeme: string; share: number }>(result).map((row) => [row.lexeme, Number(row.share)]));
	return groups.reduce((product, group) => product * Math.min(1, group.reduce((sum, lexeme) => sum + (shares.get(lexeme) ?? 0), 0)), 1);
}

function filtersOf(search: MessageSearch): SQL[] {
	const conditions: SQL[] = [inArray(messages.channelId, searchableChannels(search)), isNull(messages.deletedAt)];
	if (search.authorId) conditions.push(eq(messages.authorId, search.authorId));
	if (search.since) conditions.push(gte(messages.createdAt, search.since));
	return conditions;
}

/** The letter words of three letters or more typed, lower case without accents (at most 8). */
function searchWords(text: string): string[] {
	const letters = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
	return [...new Set(letters.split(/[^\p{L}]+/u).filter((word) => word.length >= 3 && word.length <= 40))].slice(0, 8);
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

/**
 * Totals for the dashboard and `GET /stats`: the `stats_globales` view, the message figures and the active
 * members, in one statement. All three count what the roll-up counts (members' messages in the servers, bots
 * and direct messages left out, deleted messages in: they were posted). The total and the active members
 * split the history at the first day the roll-up still recomputes (`daysToRollUp`, in the bot's `timeZone`,
 * which a view cannot know): days before it from user_stats (and user_stats_monthly for the total), that day
 * and later from the log. So neither is behind the log: the total is never below the last 24 hours, and a
 * member's first message makes them active at once. Active members are those who posted today or in the six
 * days before (in `timeZone`), each counted once across servers and across both sources. Await to run.
 */
export function globalStatsQuery(db: Db, { timeZone, now = new Date() }: { timeZone: string; now?: Date }) {
	const days = daysToRollUp(now, timeZone);
	const openDay = days[0]!;
	const today = days.at(-1)!;
	const openSince = startOfDay(openDay, timeZone).toISOString();
	const postedByMembers = sql`guild_id is not null and not author_is_bot`;
	return db
		.select({
			messagesTotal: sql<number>`((select coalesce(sum(messages), 0) from user_stats where day < ${openDay}::date)
				+ (select coalesce(sum(messages), 0) from user_stats_monthly)
				+ (select count(*) from messages where created_at >= ${openSince}::timestamptz and ${postedByMembers}))::bigint`.mapWith(Number),
			messagesLast24h: sql<number>`(select count(*) from messages
				where created_at >= ${now.toISOString()}::timestamptz - interval '24 hours' and ${postedByMembers})`.mapWith(Number),
			activeMembers7d: sql<number>`(select count(*) from (
				select user_id from user_stats where day > ${today}::date - 7 and day < ${openDay}::date and messages > 0
				union
				select author_id from messages where created_at >= ${openSince}::timestamptz and ${postedByMembers}
			) as active)`.mapWith(Number),
			...getViewSelectedFields(statsGlobales)
		})
		.from(statsGlobales);
}

/** Runs `globalStatsQuery`: what `GET /stats` and `GET /api/stats` answer. */
export async function globalStats(db: Db, options: { timeZone: string; now?: Date }) {
	const [row] = await globalStatsQuery(db, options);
	if (!row) throw new Error('stats_globales returned no row');
	return row;
}

/** node-postgres and PGlite both return `rows` from `execute`, typed differently. */
function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}
