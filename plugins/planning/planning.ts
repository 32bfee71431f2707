import { randomBytes } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Db } from '#core/db/client.ts';
import { pluginDataStore } from '#core/db/plugin-data.ts';
import { emitBotEvent, startOfDay, todayIn } from '#core/plugin-kit.ts';
import { chantiersByIds, type Chantier } from '../team/public.ts';
import { planningInRange, weekOf, type PlanningEntry, type RangeQuery, type TimeRange } from './queries.ts';
import { buildRrule, expandRrule, maxOccurrences, occurrenceEnd, parseStoredRule, type RecurrenceSpec } from './recurrence.ts';
import { planning } from './schema.ts';

export type { PlanningEntry, TimeRange } from './queries.ts';

export const entryTypes = ['chantier', 'conges', 'formation', 'reunion', 'autre'] as const;
export type EntryType = (typeof entryTypes)[number];
export const entryStatuses = ['prevu', 'confirme', 'termine', 'annule'] as const;
export type EntryStatus = (typeof entryStatuses)[number];

/** prévu → confirmé → terminé, or → annulé from prévu or confirmé (the database trigger enforces the same). */
export const statusMoves: Record<EntryStatus, EntryStatus[]> = {
	prevu: ['confirme', 'annule'],
	confirme: ['termine', 'annule'],
	termine: [],
	annule: []
};

export const noteMaxLength = 500;
/** A series may not run longer than this after its first entry. */
export const maxSeriesDays = 366;

/** What a member must fix; the commands turn it into a message in the member's language. */
export type PlanningProblem =
	| 'endBeforeStart'
	| 'startInPast'
	| 'noteTooLong'
	| 'unknownEntry'
	| 'unknownChantier'
	| 'archivedChantier'
	| 'untilBeforeStart'
	| 'seriesTooLong'
	| 'tooManyOccurrences'
	| 'weekdaysOnWeekend'
	| 'badTransition'
	| 'tooLong';

export class PlanningError extends Error {
	readonly problem: PlanningProblem;
	readonly vars: Record<string, string | number>;

	constructor(
		problem: PlanningProblem,
		vars: Record<string, string | number> = {}
	) {
		super(`planning: ${problem}`);
		this.problem = problem;
		this.vars = vars;
	}
}

const recurrenceSchema = z.object({
	kind: z.enum(['weekdays', 'weekly']),
	interval: z.number().int().min(1).max(8).default(1),
	until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
});

/** What `createEntry` takes; dates may be ISO strings (a confirmation keeps them as JSON). */
export const entryInputSchema = z.object({
	guildId: z.string().min(1),
	userId: z.string().min(1),
	createdBy: z.string().min(1),
	type: z.enum(entryTypes),
	startsAt: z.coerce.date(),
	endsAt: z.coerce.date(),
	allDay: z.boolean().default(false),
	chantierId: z.uuid().nullable().default(null),
	note: z.string().nullable().default(null),
	recurrence: recurrenceSchema.nullable().default(null)
});

export type EntryInput = z.input<typeof entryInputSchema>;

export interface WriteOptions {
	/** The planning's zone: day boundaries and the wall clock of series. */
	timeZone: string;
	/** Write even when the member already has entries at that time (they confirmed). */
	force?: boolean;
	now?: Date;
}

export type WriteResult = { status: 'clash'; clashes: PlanningEntry[] } | { status: 'done'; entry: PlanningEntry; occurrences: number };

interface Interval {
	start: Date;
	end: Date;
}

/**
 * Adds an entry, or a recurring series (one row per occurrence, the first carrying the RRULE).
 * Refuses what a member must fix with a `PlanningError`; returns the clashing entries instead of
 * writing when the member already has something at that time, unless `force`. All or nothing.
 */
export async function createEntry(db: Db, raw: EntryInput, options: WriteOptions): Promise<WriteResult> {
	const input = entryInputSchema.parse(raw);
	const note = cleanNote(input.note);
	checkTimes(input.startsAt, input.endsAt, options);
	if (input.chantierId) await requireChantier(db, input.guildId, input.chantierId);

	let rrule: string | null = null;
	let intervals: Interval[] = [{ start: input.startsAt, end: input.endsAt }];
	if (input.recurrence) {
		({ rrule, intervals } = seriesIntervals(input.recurrence, input, options.timeZone));
	}

	const result = await db.transaction(async (tx) => {
		await lockMember(tx, input.guildId, input.userId);
		const clashes = await findClashes(tx, { guildId: input.guildId, userId: input.userId, intervals });
		if (clashes.length > 0 && !options.force) return { status: 'clash', clashes } as const;
		const row = {
			guildId: input.guildId,
			userId: input.userId,
			type: input.type,
			allDay: input.allDay,
			chantierId: input.chantierId,
			note,
			createdBy: input.createdBy
		};
		const [first] = await tx
			.insert(planning)
			.values({ ...row, startsAt: intervals[0]!.start, endsAt: intervals[0]!.end, rrule })
			.returning();
		if (intervals.length > 1) {
			await tx.insert(planning).values(intervals.slice(1).map(({ start, end }) => ({ ...row, startsAt: start, endsAt: end, recurrenceId: first!.id })));
		}
		return { status: 'done', entry: first!, occurrences: intervals.length } as const;
	});
	if (result.status === 'done') planningChanged('created', result.entry, result.occurrences);
	return result;
}

/** Tells the bot's event bus (n8n triggers listen there). */
function planningChanged(action: 'created' | 'updated' | 'status' | 'deleted', entry: PlanningEntry, occurrences = 1): void {
	emitBotEvent({
		type: 'planning.changed',
		guildId: entry.guildId,
		data: { action, id: entry.id, userId: entry.userId, type: entry.type, status: entry.status, startsAt: entry.startsAt.toISOString(), endsAt: entry.endsAt.toISOString(), chantierId: entry.chantierId, occurrences }
	});
}

function seriesIntervals(spec: RecurrenceSpec, first: { startsAt: Date; endsAt: Date }, timeZone: string) {
	const firstDay = todayIn(timeZone, first.startsAt);
	if (spec.until < firstDay) throw new PlanningError('untilBeforeStart', { until: spec.until });
	const lastAllowed = DateTime.fromISO(firstDay).plus({ days: maxSeriesDays }).toISODate()!;
	if (spec.until > lastAllowed) throw new PlanningError('seriesTooLong', { days: maxSeriesDays });
	const rrule = buildRrule(spec, first.startsAt, timeZone);
	const starts = expandRrule(parseStoredRule(rrule, { start: first.startsAt, timeZone }));
	if (starts.length > maxOccurrences) throw new PlanningError('tooManyOccurrences', { max: maxOccurrences });
	// A weekday series typed on a Saturday would not include its own start: refuse rather than shift it.
	if (starts[0]?.getTime() !== first.startsAt.getTime()) throw new PlanningError('weekdaysOnWeekend');
	const intervals = starts.map((start) => ({ start, end: occurrenceEnd(first, start, timeZone) }));
	return { rrule, intervals };
}

export interface EntryChanges {
	type?: EntryType;
	startsAt?: Date;
	endsAt?: Date;
	allDay?: boolean;
	chantierId?: string | null;
	note?: string | null;
}

/** Edits one entry (an occurrence of a series stays in its series). Same checks as `createEntry`. */
export async function updateEntry(db: Db, { guildId, id }: { guildId: string; id: string }, changes: EntryChanges, options: WriteOptions): Promise<WriteResult> {
	const entry = await requireEntry(db, guildId, id);
	const startsAt = changes.startsAt ?? entry.startsAt;
	const endsAt = changes.endsAt ?? entry.endsAt;
	const timesChanged = startsAt.getTime() !== entry.startsAt.getTime() || endsAt.getTime() !== entry.endsAt.getTime();
	if (timesChanged) checkTimes(startsAt, endsAt, { ...options, allowPastStart: startsAt.getTime() === entry.startsAt.getTime() });
	const note = changes.note === undefined ? entry.note : cleanNote(changes.note);
	// An entry whose chantier was archived after it was planned stays editable: only choosing an archived chantier anew is refused.
	if (changes.chantierId && changes.chantierId !== entry.chantierId) await requireChantier(db, guildId, changes.chantierId);
	const result = await db.transaction(async (tx) => {
		await lockMember(tx, guildId, entry.userId);
		if (timesChanged && entry.status !== 'annule') {
			const clashes = await findClashes(tx, { guildId, userId: entry.userId, intervals: [{ start: startsAt, end: endsAt }], excludeId: entry.id });
			if (clashes.length > 0 && !options.force) return { status: 'clash', clashes } as const;
		}
		const [updated] = await tx
			.update(planning)
			.set({
				type: changes.type ?? entry.type,
				startsAt,
				endsAt,
				allDay: changes.allDay ?? entry.allDay,
				chantierId: changes.chantierId === undefined ? entry.chantierId : changes.chantierId,
				note
			})
			.where(and(eq(planning.id, entry.id), isNull(planning.deletedAt)))
			.returning();
		if (!updated) throw new PlanningError('unknownEntry', { entry: shortId(id) });
		return { status: 'done', entry: updated, occurrences: 1 } as const;
	});
	if (result.status === 'done') planningChanged('updated', result.entry);
	return result;
}

/** Moves an entry along its workflow; refuses moves the workflow does not allow. */
export async function setStatus(db: Db, { guildId, id }: { guildId: string; id: string }, status: EntryStatus): Promise<PlanningEntry> {
	const entry = await requireEntry(db, guildId, id);
	if (entry.status === status) return entry;
	if (!statusMoves[entry.status].includes(status)) throw new PlanningError('badTransition', { from: entry.status, to: status });
	const [updated] = await db
		.update(planning)
		.set({ status })
		.where(and(eq(planning.id, entry.id), eq(planning.status, entry.status), isNull(planning.deletedAt)))
		.returning();
	if (!updated) throw new PlanningError('unknownEntry', { entry: shortId(id) });
	planningChanged('status', updated);
	return updated;
}

/**
 * Soft-deletes an entry, or its whole series (`series`: the first entry and every occurrence).
 * Returns how many entries disappeared.
 */
export async function softDelete(db: Db, { guildId, id, series = false }: { guildId: string; id: string; series?: boolean }): Promise<number> {
	const entry = await requireEntry(db, guildId, id);
	const seriesId = entry.recurrenceId ?? (entry.rrule ? entry.id : null);
	const target =
		series && seriesId ? or(eq(planning.id, seriesId), eq(planning.recurrenceId, seriesId)) : eq(planning.id, entry.id);
	const deleted = await db
		.update(planning)
		.set({ deletedAt: new Date() })
		.where(and(eq(planning.guildId, guildId), isNull(planning.deletedAt), target))
		.returning({ id: planning.id });
	if (deleted.length > 0) planningChanged('deleted', entry, deleted.length);
	return deleted.length;
}

/** Whether an entry belongs to a recurring series (is its first entry or one of its occurrences). */
export function isInSeries(entry: PlanningEntry): boolean {
	return entry.recurrenceId !== null || entry.rrule !== null;
}

// ---- reading ---------------------------------------------------------------------------------

/** An entry by its id or by the first characters of it (as shown: `3f2a9c01`), within a guild. */
export async function findEntry(db: Db, guildId: string, reference: string): Promise<PlanningEntry | undefined> {
	const wanted = reference.trim().toLowerCase().replace(/^#/, '');
	if (!/^[0-9a-f-]{4,36}$/.test(wanted)) return undefined;
	const rows = await db
		.select()
		.from(planning)
		.where(and(eq(planning.guildId, guildId), isNull(planning.deletedAt), sql`${planning.id}::text like ${`${wanted}%`}`))
		.limit(2);
	return rows.length === 1 ? rows[0] : undefined;
}

async function requireEntry(db: Db, guildId: string, reference: string): Promise<PlanningEntry> {
	const entry = await findEntry(db, guildId, reference);
	if (!entry) throw new PlanningError('unknownEntry', { entry: reference.slice(0, 40) });
	return entry;
}

export const shortId = (id: string) => id.slice(0, 8);

/** Entries for autocomplete: the member's (or everyone's) recent and upcoming entries, matching what is typed. */
export async function searchEntries(
	db: Db,
	{ guildId, userId, typed, now = new Date() }: { guildId: string; userId?: string; typed: string; now?: Date }
): Promise<PlanningEntry[]> {
	// LIKE wildcards typed by the member are dropped, not interpreted.
	const text = typed.trim().toLowerCase().replace(/[%_\\]/g, '');
	const since = new Date(now.getTime() - 7 * 86_400_000);
	const matches = text
		? or(
				sql`${planning.id}::text like ${`${text}%`}`,
				sql`lower(coalesce(${planning.note}, '')) like ${`%${text}%`}`,
				sql`${planning.type}::text like ${`${text}%`}`
			)
		: undefined;
	return db
		.select()
		.from(planning)
		.where(
			and(
				eq(planning.guildId, guildId),
				isNull(planning.deletedAt),
				gt(planning.endsAt, since),
				userId ? eq(planning.userId, userId) : undefined,
				matches
			)
		)
		.orderBy(asc(planning.startsAt))
		.limit(25);
}

export type ChantierInfo = Pick<Chantier, 'id' | 'code' | 'name' | 'address' | 'discordChannelId'>;
export type ViewEntry = PlanningEntry & { chantier: ChantierInfo | null };

/** Entries overlapping a range (of one member, or of the guild), oldest first, with their chantier; a page of them with `limit` and `after`. */
export async function entriesInRange(db: Db, query: RangeQuery): Promise<ViewEntry[]> {
	return withChantiers(db, await planningInRange(db, query));
}

export async function withChantiers(db: Db, rows: PlanningEntry[]): Promise<ViewEntry[]> {
	const found = await chantiersByIds(db, rows.map((row) => row.chantierId));
	const byId = new Map(found.map(({ id, code, name, address, discordChannelId }) => [id, { id, code, name, address, discordChannelId }]));
	return rows.map((row) => ({ ...row, chantier: row.chantierId ? (byId.get(row.chantierId) ?? null) : null }));
}

/** The week (Monday to Monday) holding `day`, in `timeZone`. */
export function weekRange(day: string, timeZone: string): TimeRange {
	return weekOf(day, timeZone);
}

/** The calendar month holding `day`, in `timeZone`. */
export function monthRange(day: string, timeZone: string): TimeRange {
	const first = DateTime.fromISO(day, { zone: timeZone }).startOf('month');
	return { start: first.toJSDate(), end: first.plus({ months: 1 }).toJSDate() };
}

/** Entries of `entries` overlapping the day `day` (wall clock of `timeZone`). */
export function entriesOnDay<Entry extends { startsAt: Date; endsAt: Date }>(entries: Entry[], day: string, timeZone: string): Entry[] {
	const start = startOfDay(day, timeZone);
	const end = DateTime.fromJSDate(start, { zone: timeZone }).plus({ days: 1 }).toJSDate();
	return entries.filter((entry) => entry.startsAt < end && entry.endsAt > start);
}

/** Every live entry of a chantier, or of a member, for the calendar feed. */
export async function feedEntries(db: Db, scope: { guildId: string; userId?: string; chantierId?: string }, since: Date): Promise<ViewEntry[]> {
	const rows = await db
		.select()
		.from(planning)
		.where(
			and(
				eq(planning.guildId, scope.guildId),
				isNull(planning.deletedAt),
				scope.userId ? eq(planning.userId, scope.userId) : undefined,
				scope.chantierId ? eq(planning.chantierId, scope.chantierId) : undefined,
				or(gt(planning.endsAt, since), sql`${planning.rrule} is not null`)
			)
		)
		.orderBy(asc(planning.startsAt));
	return withChantiers(db, rows);
}

/** First entries of the series some feed rows belong to, even when deleted (they carry the rule). */
export async function seriesHeads(db: Db, ids: string[]): Promise<PlanningEntry[]> {
	if (ids.length === 0) return [];
	return db.select().from(planning).where(inArray(planning.id, ids));
}

// ---- checks ----------------------------------------------------------------------------------

function cleanNote(note: string | null | undefined): string | null {
	const text = note?.trim() ?? '';
	if (text.length > noteMaxLength) throw new PlanningError('noteTooLong', { max: noteMaxLength, length: text.length });
	return text || null;
}

function checkTimes(startsAt: Date, endsAt: Date, options: WriteOptions & { allowPastStart?: boolean }): void {
	if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) throw new PlanningError('endBeforeStart');
	if (endsAt <= startsAt) throw new PlanningError('endBeforeStart');
	if (endsAt.getTime() - startsAt.getTime() > 92 * 86_400_000) throw new PlanningError('tooLong', { days: 92 });
	const today = startOfDay(todayIn(options.timeZone, options.now ?? new Date()), options.timeZone);
	if (!options.allowPastStart && startsAt < today) throw new PlanningError('startInPast');
}

async function requireChantier(db: Db, guildId: string, chantierId: string): Promise<void> {
	const [chantier] = await chantiersByIds(db, [chantierId]);
	if (chantier?.guildId !== guildId) throw new PlanningError('unknownChantier', { chantier: chantierId });
	// New work on a finished site is a mistake; older entries still point at it, so the team plugin keeps finding it.
	if (chantier.status === 'archive') throw new PlanningError('archivedChantier', { code: chantier.code, name: chantier.name });
}

/** Two writes for one member wait for each other, so both cannot pass the overlap check. */
async function lockMember(db: Db, guildId: string, userId: string): Promise<void> {
	await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`planning:${guildId}:${userId}`}))`);
}

/** Live, not cancelled entries of the member overlapping any of the intervals. */
export async function findClashes(
	db: Db,
	{ guildId, userId, intervals, excludeId }: { guildId: string; userId: string; intervals: Interval[]; excludeId?: string }
): Promise<PlanningEntry[]> {
	if (intervals.length === 0) return [];
	const from = new Date(Math.min(...intervals.map((interval) => interval.start.getTime())));
	const to = new Date(Math.max(...intervals.map((interval) => interval.end.getTime())));
	const rows = await db
		.select()
		.from(planning)
		.where(
			and(
				eq(planning.guildId, guildId),
				eq(planning.userId, userId),
				isNull(planning.deletedAt),
				ne(planning.status, 'annule'),
				gt(planning.endsAt, from),
				lt(planning.startsAt, to),
				excludeId ? ne(planning.id, excludeId) : undefined
			)
		)
		.orderBy(asc(planning.startsAt));
	return rows.filter((row) => intervals.some((interval) => row.startsAt < interval.end && row.endsAt > interval.start));
}

// ---- calendar feed tokens ----------------------------------------------------------------------

export interface FeedToken {
	guildId: string;
	userId: string;
	token: string;
	createdAt: string;
}

const feedKey = (guildId: string, userId: string) => `feed.${guildId}.${userId}`;

/** The member's private feed token, created on first use; `regenerate` replaces it (the old URL stops working). */
export async function feedToken(db: Db, guildId: string, userId: string, { regenerate = false } = {}): Promise<FeedToken> {
	const store = pluginDataStore(db, 'planning');
	const existing = await store.get<FeedToken>(feedKey(guildId, userId));
	if (existing && !regenerate) return existing;
	const record: FeedToken = { guildId, userId, token: randomBytes(24).toString('base64url'), createdAt: new Date().toISOString() };
	await store.set(feedKey(guildId, userId), record);
	return record;
}

/** The member's feed token if they have one (none is created). */
export function existingFeedToken(db: Db, guildId: string, userId: string): Promise<FeedToken | undefined> {
	return pluginDataStore(db, 'planning').get<FeedToken>(feedKey(guildId, userId));
}

/** Removes the member's feed token: their calendar URL answers 404 from now on. */
export async function revokeFeedToken(db: Db, guildId: string, userId: string): Promise<boolean> {
	return pluginDataStore(db, 'planning').delete(feedKey(guildId, userId));
}

/** Who a feed token belongs to (undefined for an unknown or revoked token). */
export async function feedTokenOwner(db: Db, token: string): Promise<FeedToken | undefined> {
	if (!/^[\w-]{20,64}$/.test(token)) return undefined;
	const [found] = await pluginDataStore(db, 'planning').find<FeedToken>({ token });
	return found?.value.token === token ? found.value : undefined;
}
