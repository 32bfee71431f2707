// When scheduled announcements run: the clock time of the server's zone, held across the DST changes.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import {
	announcementsOfMember,
	claimRun,
	dueAction,
	dueAnnouncements,
	findAnnouncement,
	firstRun,
	forgetMemberInAnnouncements,
	insertAnnouncement,
	nextRun,
	pauseAnnouncement,
	resumedRun,
	type Schedule
} from './announcements.ts';
import type { Announcement } from './schema.ts';

const zone = 'Europe/Paris';
const paris = (iso: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const local = (date: Date | null) => (date ? DateTime.fromJSDate(date, { zone }).toFormat("cccc yyyy-MM-dd HH:mm 'UTC'ZZ") : null);
const daily: Schedule = { hour: 8, minute: 0, repeat: 'quotidienne' };

/** The runs after `first`, each computed from the one before, as the minute task does. */
function runs(schedule: Schedule, first: Date, count: number): (string | null)[] {
	const shown = [local(first)];
	let previous = first;
	for (let index = 1; index < count; index++) {
		const next = nextRun(schedule, zone, previous, previous)!;
		shown.push(local(next));
		previous = next;
	}
	return shown;
}

describe('next run of an announcement in Europe/Paris', () => {
	it('stays at 08:00 local across the March change (UTC+1 → UTC+2)', () => {
		expect(runs(daily, paris('2026-03-28T08:00'), 3)).toEqual([
			'Saturday 2026-03-28 08:00 UTC+01:00',
			'Sunday 2026-03-29 08:00 UTC+02:00',
			'Monday 2026-03-30 08:00 UTC+02:00'
		]);
	});

	it('stays at 08:00 local across the October change (UTC+2 → UTC+1), weekly too', () => {
		expect(runs(daily, paris('2026-10-24T08:00'), 3)).toEqual([
			'Saturday 2026-10-24 08:00 UTC+02:00',
			'Sunday 2026-10-25 08:00 UTC+01:00',
			'Monday 2026-10-26 08:00 UTC+01:00'
		]);
		expect(runs({ ...daily, repeat: 'hebdomadaire' }, paris('2026-10-19T08:00'), 2)).toEqual(['Monday 2026-10-19 08:00 UTC+02:00', 'Monday 2026-10-26 08:00 UTC+01:00']);
	});

	it('a time the spring change skips runs an hour later that day only, then at its time again', () => {
		expect(runs({ hour: 2, minute: 30, repeat: 'quotidienne' }, paris('2026-03-28T02:30'), 3)).toEqual([
			'Saturday 2026-03-28 02:30 UTC+01:00',
			'Sunday 2026-03-29 03:30 UTC+02:00',
			'Monday 2026-03-30 02:30 UTC+02:00'
		]);
	});

	it('a time the autumn change repeats runs once that day', () => {
		const shown = runs({ hour: 2, minute: 30, repeat: 'quotidienne' }, paris('2026-10-24T02:30'), 3);
		expect(shown.filter((run) => run?.includes('2026-10-25'))).toHaveLength(1);
		expect(shown[2]).toBe('Monday 2026-10-26 02:30 UTC+01:00');
	});

	it('working days skip the weekend; a one-off has no next run', () => {
		expect(runs({ ...daily, repeat: 'jours_ouvres' }, paris('2026-03-27T08:00'), 2)).toEqual(['Friday 2026-03-27 08:00 UTC+01:00', 'Monday 2026-03-30 08:00 UTC+02:00']);
		expect(nextRun({ ...daily, repeat: 'aucune' }, zone, paris('2026-03-27T08:00'), paris('2026-03-27T08:00'))).toBeNull();
	});

	it('the first run is today’s time, or tomorrow’s once passed, or on the day typed', () => {
		expect(local(firstRun(daily, zone, paris('2026-03-28T07:59')))).toBe('Saturday 2026-03-28 08:00 UTC+01:00');
		expect(local(firstRun(daily, zone, paris('2026-03-28T08:00')))).toBe('Sunday 2026-03-29 08:00 UTC+02:00');
		expect(local(firstRun({ ...daily, repeat: 'jours_ouvres' }, zone, paris('2026-03-28T07:00')))).toBe('Monday 2026-03-30 08:00 UTC+02:00');
		expect(local(firstRun(daily, zone, paris('2026-03-28T07:00'), { date: '2026-10-25', weekday: false }))).toBe('Sunday 2026-10-25 08:00 UTC+01:00');
		expect(firstRun(daily, zone, paris('2026-03-28T09:00'), { date: '2026-03-28', weekday: false })).toBeNull();
	});

	it('a weekday typed whose time has passed today is next week’s; a date typed already past has none', () => {
		// Monday 23 March 2026: « lundi 8h » read in the morning is today, in the afternoon next Monday.
		const monday = { date: '2026-03-23', weekday: true };
		expect(local(firstRun(daily, zone, paris('2026-03-23T07:00'), monday))).toBe('Monday 2026-03-23 08:00 UTC+01:00');
		expect(local(firstRun(daily, zone, paris('2026-03-23T14:00'), monday))).toBe('Monday 2026-03-30 08:00 UTC+02:00');
		expect(local(firstRun({ ...daily, repeat: 'hebdomadaire' }, zone, paris('2026-03-23T14:00'), monday))).toBe('Monday 2026-03-30 08:00 UTC+02:00');
		expect(firstRun(daily, zone, paris('2026-03-23T14:00'), { ...monday, weekday: false })).toBeNull();
	});

	it('a run missed by less than an hour is sent; later, it is skipped to the next one after now', () => {
		const row = { ...daily, nextRunAt: paris('2026-03-28T08:00') } as Announcement;
		expect(dueAction(row, zone, paris('2026-03-28T08:59'))).toEqual({ send: true, next: paris('2026-03-29T08:00') });
		expect(dueAction(row, zone, paris('2026-03-30T09:01'))).toEqual({ send: false, next: paris('2026-03-31T08:00') });
	});

	it('resumed, it keeps a planned run still to come, else takes the first after now on its weekday; a past one-off has none', () => {
		const weekly = { ...daily, repeat: 'hebdomadaire', nextRunAt: paris('2026-03-23T08:00') } as Announcement;
		expect(resumedRun(weekly, zone, paris('2026-03-20T12:00'))).toEqual(paris('2026-03-23T08:00'));
		expect(local(resumedRun(weekly, zone, paris('2026-04-08T12:00')))).toBe('Monday 2026-04-13 08:00 UTC+02:00');
		expect(resumedRun({ ...weekly, repeat: 'aucune' }, zone, paris('2026-03-20T12:00'))).toEqual(paris('2026-03-23T08:00'));
		expect(resumedRun({ ...weekly, repeat: 'aucune' }, zone, paris('2026-03-24T12:00'))).toBeNull();
	});
});

describe.each(storageBackends)('announcement rows on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
	});
	afterAll(() => database.destroy());

	const add = (message: string, repeat: Schedule['repeat'], nextRunAt: Date, authorId = '111111111111111111') =>
		insertAnnouncement(database.db, { guildId: 'g', channelId: 'c', authorId, message, hour: 8, minute: 0, repeat, nextRunAt });

	it('a due run is claimed once: the second claim of the same run gets nothing', async () => {
		const row = await add('Tous les jours', 'quotidienne', paris('2026-03-28T08:00'));
		const due = (await dueAnnouncements(database.db, paris('2026-03-28T08:00'))).find((candidate) => candidate.id === row.id)!;
		expect(await claimRun(database.db, due, paris('2026-03-29T08:00'))).toBe(true);
		expect(await claimRun(database.db, due, paris('2026-03-29T08:00'))).toBe(false);
		expect((await dueAnnouncements(database.db, paris('2026-03-28T08:30'))).some((candidate) => candidate.id === row.id)).toBe(false);
	});

	it('a one-off claimed then refused by Discord comes back paused and is no longer due', async () => {
		const row = await add('Une fois', 'aucune', paris('2026-03-28T09:00'));
		expect(await claimRun(database.db, row, null)).toBe(true);
		expect(await findAnnouncement(database.db, 'g', row.id)).toBeUndefined();
		await pauseAnnouncement(database.db, row, 'unknownChannel', paris('2026-03-28T09:00'));
		expect(await findAnnouncement(database.db, 'g', row.id.slice(0, 8))).toMatchObject({ id: row.id, pauseReason: 'unknownChannel' });
		expect((await dueAnnouncements(database.db, paris('2026-03-28T10:00'))).some((candidate) => candidate.id === row.id)).toBe(false);
		expect(await findAnnouncement(database.db, 'other guild', row.id)).toBeUndefined();
	});

	it('erasing a member keeps the server’s announcements without them as author or in the text', async () => {
		const alice = '222222222222222222';
		await add('Écrit par Alice', 'hebdomadaire', paris('2026-04-01T08:00'), alice);
		await add(`Merci <@${alice}> !`, 'hebdomadaire', paris('2026-04-01T08:00'));
		expect(await announcementsOfMember(database.db, 'g', alice)).toHaveLength(2);
		expect(await forgetMemberInAnnouncements(database.db, 'g', alice)).toBe(2);
		expect(await announcementsOfMember(database.db, 'g', alice)).toHaveLength(0);
		const messages = (await dueAnnouncements(database.db, paris('2026-04-01T08:00'))).map((row) => [row.authorId, row.message]);
		expect(messages).toEqual(expect.arrayContaining([['0', 'Écrit par Alice'], ['111111111111111111', 'Merci <@0> !']]));
	});
});
