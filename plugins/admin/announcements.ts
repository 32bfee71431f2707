// Scheduled announcements: when each runs next (a clock time of the server's zone, DST included), and their rows.
import { and, asc, eq, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '#core/db/client.ts';
import { addDays, memberPlaceholder, textHolds, textWithout, todayIn } from '#core/plugin-kit.ts';
import { announcements, type Announcement, type AnnouncementRepeat } from './schema.ts';

export interface Schedule {
	hour: number;
	minute: number;
	repeat: AnnouncementRepeat;
}

/** A run missed while the bot was down is still sent when it is at most this late, else skipped. */
export const lateLimitMs = 60 * 60 * 1000;

/**
 * `day` at the schedule's clock time in `timeZone`. Luxon applies the zone's offset of that day, so 08:00
 * stays 08:00 across DST; a time the spring change skips (02:30) comes an hour later, at 03:30.
 */
function onDay(day: string, schedule: Schedule, timeZone: string): Date {
	const [year, month, date] = day.split('-').map(Number);
	return DateTime.fromObject({ year, month, day: date, hour: schedule.hour, minute: schedule.minute }, { zone: timeZone }).toJSDate();
}

const isWorkday = (day: string) => DateTime.fromISO(day, { zone: 'utc' }).weekday <= 5;

/** `day`, or the first weekday from it for `jours_ouvres`. */
function runDayFrom(day: string, repeat: AnnouncementRepeat): string {
	let run = day;
	while (repeat === 'jours_ouvres' && !isWorkday(run)) run = addDays(run, 1);
	return run;
}

/**
 * The first run: on `day` when one was typed, else the next time the clock shows the schedule's time (today,
 * or tomorrow once passed), on a weekday for `jours_ouvres`. A typed weekday (`lundi`) whose time has passed
 * today is next week's; a typed date already past (`25/12`, `aujourd'hui`) has none: null.
 */
export function firstRun(schedule: Schedule, timeZone: string, now: Date, day?: { date: string; weekday: boolean }): Date | null {
	if (day) {
		const run = onDay(runDayFrom(day.date, schedule.repeat), schedule, timeZone);
		if (run > now) return run;
		return day.weekday ? onDay(runDayFrom(addDays(day.date, 7), schedule.repeat), schedule, timeZone) : null;
	}
	const today = todayIn(timeZone, now);
	const run = onDay(runDayFrom(today, schedule.repeat), schedule, timeZone);
	return run > now ? run : onDay(runDayFrom(addDays(today, 1), schedule.repeat), schedule, timeZone);
}

/** The run after the one due at `previous`, the first after `now` too (runs missed meanwhile are skipped); null for a one-off. */
export function nextRun(schedule: Schedule, timeZone: string, previous: Date, now: Date): Date | null {
	if (schedule.repeat === 'aucune') return null;
	const step = schedule.repeat === 'hebdomadaire' ? 7 : 1;
	let day = todayIn(timeZone, previous);
	for (;;) {
		day = runDayFrom(addDays(day, step), schedule.repeat);
		const run = onDay(day, schedule, timeZone);
		if (run > now && run > previous) return run;
	}
}

/**
 * When a paused announcement resumed at `now` runs next: its planned run if still to come, else the first
 * after `now` on its rhythm (the same weekday for `hebdomadaire`); null for a one-off whose moment has passed.
 */
export function resumedRun(announcement: Announcement, timeZone: string, now: Date): Date | null {
	return announcement.nextRunAt > now ? announcement.nextRunAt : nextRun(announcement, timeZone, announcement.nextRunAt, now);
}

/** What the minute task does with a due announcement: send it unless it is more than `lateLimitMs` late. */
export function dueAction(announcement: Announcement, timeZone: string, now: Date): { send: boolean; next: Date | null } {
	return {
		send: now.getTime() - announcement.nextRunAt.getTime() <= lateLimitMs,
		next: nextRun(announcement, timeZone, announcement.nextRunAt, now)
	};
}

export type NewAnnouncement = typeof announcements.$inferInsert;

export async function insertAnnouncement(db: Db, values: NewAnnouncement): Promise<Announcement> {
	const [row] = await db.insert(announcements).values(values).returning();
	return row!;
}

/** A server's announcements, next first (paused ones by their last planned run). */
export function listAnnouncements(db: Db, guildId: string, limit = 25): Promise<Announcement[]> {
	return db.select().from(announcements).where(eq(announcements.guildId, guildId)).orderBy(asc(announcements.nextRunAt), asc(announcements.id)).limit(limit);
}

/** One of the server's announcements by its id or the id's first characters (as `/annonce liste` shows them). */
export async function findAnnouncement(db: Db, guildId: string, reference: string): Promise<Announcement | undefined> {
	const typed = reference.trim().toLowerCase();
	if (!/^[0-9a-f-]{4,36}$/.test(typed)) return undefined;
	const rows = await db
		.select()
		.from(announcements)
		.where(and(eq(announcements.guildId, guildId), sql`${announcements.id}::text like ${`${typed}%`}`))
		.limit(2);
	// A prefix two announcements share names neither.
	return rows.length === 1 ? rows[0] : undefined;
}

export async function deleteAnnouncement(db: Db, guildId: string, id: string): Promise<boolean> {
	const deleted = await db.delete(announcements).where(and(eq(announcements.guildId, guildId), eq(announcements.id, id))).returning({ id: announcements.id });
	return deleted.length > 0;
}

/** Announcements due at `now` in every server, not paused, oldest first. */
export function dueAnnouncements(db: Db, now: Date, limit = 100): Promise<Announcement[]> {
	return db
		.select()
		.from(announcements)
		.where(and(isNull(announcements.pausedAt), lte(announcements.nextRunAt, now)))
		.orderBy(asc(announcements.nextRunAt))
		.limit(limit);
}

/**
 * Takes the run due at `announcement.nextRunAt` for this process: moves the next run on (or deletes a
 * one-off). False when another run already took it, so an occurrence is never posted twice.
 */
export async function claimRun(db: Db, announcement: Announcement, next: Date | null): Promise<boolean> {
	const same = and(eq(announcements.id, announcement.id), eq(announcements.nextRunAt, announcement.nextRunAt), isNull(announcements.pausedAt));
	const taken = next
		? await db.update(announcements).set({ nextRunAt: next }).where(same).returning({ id: announcements.id })
		: await db.delete(announcements).where(same).returning({ id: announcements.id });
	return taken.length > 0;
}

/** Stops sending an announcement Discord refused; a one-off already claimed (deleted) is written back, paused. */
export async function pauseAnnouncement(db: Db, announcement: Announcement, reason: string, now: Date): Promise<void> {
	await db
		.insert(announcements)
		.values({ ...announcement, pausedAt: now, pauseReason: reason })
		.onConflictDoUpdate({ target: announcements.id, set: { pausedAt: now, pauseReason: reason } });
}

/** Sends a paused announcement again from `next`; false when it is no longer paused (resumed meanwhile, or deleted). */
export async function resumeAnnouncement(db: Db, announcement: Announcement, next: Date): Promise<boolean> {
	const resumed = await db
		.update(announcements)
		.set({ pausedAt: null, pauseReason: null, nextRunAt: next })
		.where(and(eq(announcements.id, announcement.id), isNotNull(announcements.pausedAt)))
		.returning({ id: announcements.id });
	return resumed.length > 0;
}

/** The server's announcements a member wrote or is named in (RGPD export). */
export function announcementsOfMember(db: Db, guildId: string, userId: string): Promise<Announcement[]> {
	return db
		.select()
		.from(announcements)
		.where(and(eq(announcements.guildId, guildId), or(eq(announcements.authorId, userId), textHolds(announcements.message, userId))));
}

/** Erasure: the announcements stay the server's, without the member as author or in their text. */
export async function forgetMemberInAnnouncements(db: Db, guildId: string, userId: string): Promise<number> {
	const changed = await db
		.update(announcements)
		.set({
			authorId: sql`case when ${announcements.authorId} = ${userId} then ${memberPlaceholder} else ${announcements.authorId} end`,
			message: textWithout(announcements.message, userId)
		})
		.where(and(eq(announcements.guildId, guildId), or(eq(announcements.authorId, userId), textHolds(announcements.message, userId))))
		.returning({ id: announcements.id });
	return changed.length;
}
