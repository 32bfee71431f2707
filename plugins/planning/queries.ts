import { and, asc, count, eq, gt, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { planning } from './schema.ts';

export type PlanningEntry = typeof planning.$inferSelect;

export interface TimeRange {
	start: Date;
	/** Exclusive. */
	end: Date;
}

/**
 * Entries that last longer than this are "long" (congés, a chantier over weeks): the only ones that can
 * overlap a range while starting more than this before it. `planning_long_ends_idx` holds them alone.
 */
export const longEntry = sql`interval '1 day'`;
const longEntryMs = 86_400_000;

export interface RangeQuery {
	guildId: string;
	/** One member's entries; the whole team's when absent. */
	userId?: string | null;
	range: TimeRange;
	/** The id of the last entry of the previous page: entries after it only (keyset: the next page costs what the first did). */
	after?: string | null;
	limit?: number;
}

const afterEntry = (id: string | null | undefined) =>
	id ? sql`(${planning.startsAt}, ${planning.id}) > (select cursor.starts_at, cursor.id from planning cursor where cursor.id = ${id}::uuid)` : undefined;

/**
 * The conditions of each statement of one range read; their rows are disjoint. A member's entries are
 * few: one statement through `planning_user_ends_idx`. The team's are many, and an overlap ("ends after
 * the start, starts before the end") bounds no single index: the entries starting in the range or the
 * day before come through `planning_guild_starts_idx` in the lists' order (a page reads its own rows),
 * and those starting earlier, necessarily long, through the small `planning_long_ends_idx`.
 */
function rangeParts({ guildId, userId, range, after }: RangeQuery): SQL[] {
	const live = [eq(planning.guildId, guildId), isNull(planning.deletedAt), gt(planning.endsAt, range.start), lt(planning.startsAt, range.end), afterEntry(after)];
	if (userId) return [and(...live, eq(planning.userId, userId))!];
	const dayBefore = new Date(range.start.getTime() - longEntryMs);
	return [
		and(...live, gte(planning.startsAt, dayBefore))!,
		and(...live, lt(planning.startsAt, dayBefore), sql`${planning.endsAt} - ${planning.startsAt} > ${longEntry}`)!
	];
}

/** The statements `planningInRange` runs, each in the lists' order and limited (for EXPLAIN). Await each to run. */
export function planningRangeStatements(db: Db, query: RangeQuery) {
	return rangeParts(query).map((where) => {
		const statement = db.select().from(planning).where(where).orderBy(asc(planning.startsAt), asc(planning.id));
		return query.limit === undefined ? statement : statement.limit(query.limit);
	});
}

/**
 * Entries overlapping a range (a week, a month), of one member or of the whole team, oldest first
 * (start, then id), at most `limit` after `after`. Cancelled entries are included (shown struck
 * through); soft-deleted ones are not.
 */
export async function planningInRange(db: Db, query: RangeQuery): Promise<PlanningEntry[]> {
	const parts = await Promise.all(planningRangeStatements(db, query));
	const rows = parts.flat().sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return query.limit === undefined ? rows : rows.slice(0, query.limit);
}

export type TypeCounts = Partial<Record<PlanningEntry['type'], number>>;

/**
 * How many entries a range holds (`planningInRange` without a limit), and those not cancelled by type,
 * counting no further than `cap` in all: beyond it the view says "more than", and the count costs no more.
 */
export async function countPlanningInRange(
	db: Db,
	query: Omit<RangeQuery, 'after' | 'limit'>,
	cap: number
): Promise<{ total: number; capped: boolean; byType: TypeCounts }> {
	const byType: TypeCounts = {};
	let total = 0;
	for (const where of rangeParts(query)) {
		const matching = db
			.select({ type: planning.type, cancelled: sql<boolean>`${planning.status} = 'annule'`.as('cancelled') })
			.from(planning)
			.where(where)
			.limit(cap + 1)
			.as('matching');
		const rows = await db.select({ type: matching.type, cancelled: matching.cancelled, count: count() }).from(matching).groupBy(matching.type, matching.cancelled);
		for (const row of rows) {
			total += row.count;
			if (!row.cancelled) byType[row.type] = (byType[row.type] ?? 0) + row.count;
		}
	}
	return { total: Math.min(total, cap), capped: total > cap, byType };
}

/** Generated occurrences of a recurring series, to edit or cancel them together. Await to run. */
export function seriesOccurrences(db: Db, seriesId: string) {
	return db
		.select()
		.from(planning)
		.where(and(eq(planning.recurrenceId, seriesId), isNull(planning.deletedAt)))
		.orderBy(asc(planning.startsAt));
}

/** The ISO week (Monday 00:00 to the next Monday 00:00, wall clock of `timeZone`) holding `day` (`YYYY-MM-DD`). */
export function weekOf(day: string, timeZone: string): TimeRange {
	const date = new Date(`${day}T00:00:00Z`);
	const daysSinceMonday = (date.getUTCDay() + 6) % 7;
	const monday = new Date(date.getTime() - daysSinceMonday * 86_400_000);
	const nextMonday = new Date(monday.getTime() + 7 * 86_400_000);
	return { start: midnightIn(monday, timeZone), end: midnightIn(nextMonday, timeZone) };
}

/** The instant when the calendar day of `utcMidnight` starts in `timeZone`. */
function midnightIn(utcMidnight: Date, timeZone: string): Date {
	// The offset at the guessed instant can differ from the one at the result on a DST change: correct once.
	const guess = new Date(utcMidnight.getTime() - offsetMs(utcMidnight, timeZone));
	return new Date(utcMidnight.getTime() - offsetMs(guess, timeZone));
}

/** How far the wall clock of `timeZone` is ahead of UTC at `instant`. */
function offsetMs(instant: Date, timeZone: string): number {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		})
			.formatToParts(instant)
			.map((part) => [part.type, part.value])
	);
	const wallClock = Date.UTC(
		Number(parts.year),
		Number(parts.month) - 1,
		Number(parts.day),
		Number(parts.hour),
		Number(parts.minute),
		Number(parts.second)
	);
	return wallClock - Math.floor(instant.getTime() / 1000) * 1000;
}
