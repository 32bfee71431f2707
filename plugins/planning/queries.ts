import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { planning } from './schema.ts';

export type PlanningEntry = typeof planning.$inferSelect;

export interface TimeRange {
	start: Date;
	/** Exclusive. */
	end: Date;
}

/**
 * Entries of one user overlapping a range (a week): those ending after its start and starting before its end.
 * Cancelled entries are included (shown struck through); soft-deleted ones are not. Await to run.
 */
export function planningForUser(db: Db, { guildId, userId, range }: { guildId: string; userId: string; range: TimeRange }) {
	return db
		.select()
		.from(planning)
		.where(
			and(
				eq(planning.userId, userId),
				eq(planning.guildId, guildId),
				isNull(planning.deletedAt),
				gt(planning.endsAt, range.start),
				lt(planning.startsAt, range.end)
			)
		)
		.orderBy(asc(planning.startsAt));
}

/** The whole team's entries overlapping a range (the week view of a guild). Await to run. */
export function planningForGuild(db: Db, { guildId, range }: { guildId: string; range: TimeRange }) {
	return db
		.select()
		.from(planning)
		.where(
			and(
				eq(planning.guildId, guildId),
				isNull(planning.deletedAt),
				gt(planning.endsAt, range.start),
				lt(planning.startsAt, range.end)
			)
		)
		.orderBy(asc(planning.startsAt), asc(planning.userId));
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
