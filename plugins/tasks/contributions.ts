import { container } from '@sapphire/framework';
import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Period, SummarySection } from '../team/public.ts';
import { openTaskStatuses, tasks } from './schema.ts';
import { text } from './text.ts';

/** /résumé: tasks opened and done today, and how many open ones are overdue. */
export async function tasksSection({ guildId, from, to, timeZone, locale }: Period): Promise<SummarySection> {
	const { db } = container;
	const countWhere = async (condition: ReturnType<typeof and>) => Number((await db.select({ value: count() }).from(tasks).where(condition))[0]?.value ?? 0);
	const today = DateTime.fromJSDate(to, { zone: timeZone }).toISODate()!;
	const [opened, closed, overdue] = await Promise.all([
		countWhere(and(eq(tasks.guildId, guildId), gte(tasks.createdAt, from), lt(tasks.createdAt, to))),
		countWhere(and(eq(tasks.guildId, guildId), gte(tasks.completedAt, from), lt(tasks.completedAt, to))),
		countWhere(and(eq(tasks.guildId, guildId), inArray(tasks.status, [...openTaskStatuses]), sql`${tasks.dueDate} < ${today}`))
	]);
	const t = text(locale);
	return { title: t('summaryTitle'), lines: [t('summaryLine', { opened, closed, overdue })] };
}
