import { container } from '@sapphire/framework';
import { DateTime } from 'luxon';
import type { MemberStat, Period, SummarySection } from '../team/public.ts';
import { messagesPerHour } from './activity.ts';
import { userStatsForPeriod } from './queries.ts';
import { text } from './text.ts';

/** /résumé: today's messages, the busiest hour, and the chart of messages per hour. */
export async function messagesSection({ guildId, from, to, timeZone, locale }: Period): Promise<SummarySection> {
	const t = text(locale);
	const activity = await messagesPerHour(container.db, { guildId, from, to, timeZone });
	const busiest = activity.perHour.reduce((best, count, hour) => (count > activity.perHour[best]! ? hour : best), 0);
	const firstHour = Math.max(0, activity.perHour.findIndex((count) => count > 0));
	const lastHour = Math.max(firstHour, DateTime.fromJSDate(to, { zone: timeZone }).hour);
	const hours = Array.from({ length: lastHour - firstHour + 1 }, (_, index) => firstHour + index);
	return {
		title: t('messagesSection'),
		lines: [
			t('messagesToday', { count: activity.total, authors: activity.authors }),
			...(activity.total > 0 ? [t('busiestHour', { hour: busiest, count: activity.perHour[busiest]! })] : [])
		],
		chart: activity.total > 0 ? { title: t('chartTitle'), labels: hours.map((hour) => t('hourLabel', { hour })), series: [{ name: t('messagesSection'), values: hours.map((hour) => activity.perHour[hour]!) }] } : undefined
	};
}

/** /stats: a member's messages and active time from the roll-up (user_stats). */
export async function memberActivity({ guildId, userId, from, to, timeZone, locale }: Period & { userId: string }): Promise<MemberStat[]> {
	const t = text(locale);
	const day = (date: Date) => DateTime.fromJSDate(date, { zone: timeZone }).toISODate()!;
	const rows = await userStatsForPeriod(container.db, { guildId, userId, from: day(from), to: day(to) });
	const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
	const activeMinutes = Math.round(sum((row) => row.activeSeconds) / 60);
	return [
		{ name: t('statMessages'), value: String(sum((row) => row.messages)) },
		{ name: t('statActiveTime'), value: t('activeTime', { hours: Math.floor(activeMinutes / 60), minutes: String(activeMinutes % 60).padStart(2, '0') }) }
	];
}
