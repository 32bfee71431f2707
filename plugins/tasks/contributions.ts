import { container } from '@sapphire/framework';
import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { ChantierPeriod, MemberStat, Period, SummarySection } from '../team/public.ts';
import { todayIn } from '#core/plugin-kit.ts';
import { countTasksCreatedBy, countTasksDoneBy, listTasks } from './queries.ts';
import { countTasks } from './task-queries.ts';
import { openTaskStatuses, tasks } from './schema.ts';
import { text } from './text.ts';
import { taskLine } from './views.ts';

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

/**
 * /stats: the tasks a member created over the period, and the tasks done that were theirs. Counted
 * here, where the tasks live, so the figures need no other plugin and go away where tasks is off.
 */
export async function memberTasks({ locale, ...period }: Period & { userId: string }): Promise<MemberStat[]> {
	const [[created], [done]] = await Promise.all([countTasksCreatedBy(container.db, period), countTasksDoneBy(container.db, period)]);
	const t = text(locale);
	return [
		{ name: t('statTasksCreated'), value: String(created?.value ?? 0) },
		{ name: t('statTasksDone'), value: String(done?.value ?? 0) }
	];
}

/** How many open tasks `/chantier` lists before saying how many more there are. */
const chantierTasksShown = 10;

/** /chantier: the chantier's open tasks, most urgent first. */
export async function chantierTasks({ guildId, chantierId, timeZone, locale }: ChantierPeriod): Promise<SummarySection> {
	const filter = { guildId, chantierId };
	const [rows, { count: total }] = await Promise.all([listTasks(container.db, { ...filter, limit: chantierTasksShown }), countTasks(container.db, filter)]);
	const t = text(locale);
	// Today, not the end of the week the period covers: what is overdue and how far each due day is.
	const context = { locale, today: todayIn(timeZone, new Date()), chantiers: new Map<string, string>() };
	const lines = rows.map((task) => taskLine(task, context));
	if (total > rows.length) lines.push(t('chantierMoreTasks', { count: total - rows.length }));
	return { title: t('chantierTasksTitle', { count: total }), lines: lines.length > 0 ? lines : [t('chantierNoTasks')] };
}
