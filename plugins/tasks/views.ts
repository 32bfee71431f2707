import type { APIEmbedField } from 'discord.js';
import { buildEmbed, calendarDay, escapeUserText, relativeDay, type Locale } from '#core/plugin-kit.ts';
import { isOpen, shortCode, type Task, type TaskProblem } from './tasks.ts';
import { text } from './text.ts';

/** How a task is shown: member text escaped, due days in words in the reply's language, counted from the server's today. */
export interface ViewContext {
	locale: Locale;
	/** `YYYY-MM-DD` in the server's time zone: what counts as overdue, and where "tomorrow" is counted from. */
	today: string;
	/** Chantier codes by id. */
	chantiers: Map<string, string>;
}

export const priorityIcon = { basse: '⚪', normale: '🔵', haute: '🟠', urgente: '🔴' } as const;

export function dueText(task: Pick<Task, 'dueDate' | 'status'>, context: ViewContext): string | null {
	if (!task.dueDate) return null;
	const late = isOpen(task) && task.dueDate < context.today ? ` ⚠️ **${text(context.locale)('overdueMark')}**` : '';
	return `${calendarDay(task.dueDate, context.locale)} (${relativeDay(task.dueDate, context.today, context.locale)})${late}`;
}

/** Two lines of a list: `🔴 **Title** · #1a2b3c` then due date, assignee, chantier and tags. */
export function taskLine(task: Task, context: ViewContext): string {
	const t = text(context.locale);
	const details = [
		dueText(task, context),
		task.assigneeId ? `👷 <@${task.assigneeId}>` : null,
		task.chantierId && context.chantiers.has(task.chantierId) ? `🏗️ ${escapeUserText(context.chantiers.get(task.chantierId)!)}` : null,
		task.tags.length > 0 ? task.tags.map((tag) => `\`${tag.replace(/`/g, "'")}\``).join(' ') : null,
		isOpen(task) && task.status === 'a_faire' ? null : t(`status_${task.status}`)
	].filter(Boolean);
	const title = escapeUserText(task.title.length > 90 ? `${task.title.slice(0, 89)}…` : task.title);
	return `${priorityIcon[task.priority]} **${title}** · \`#${shortCode(task)}\`${details.length ? `\n   ${details.join(' · ')}` : ''}`;
}

/** The fields of one task (creation, completion). */
export function taskFields(task: Task, context: ViewContext): APIEmbedField[] {
	const t = text(context.locale);
	const fields: APIEmbedField[] = [
		{ name: t('code'), value: `\`#${shortCode(task)}\``, inline: true },
		{ name: t('priority'), value: `${priorityIcon[task.priority]} ${t(`priority_${task.priority}`)}`, inline: true },
		{ name: t('status'), value: t(`status_${task.status}`), inline: true },
		{ name: t('assignee'), value: task.assigneeId ? `<@${task.assigneeId}>` : t('nobody'), inline: true },
		{ name: t('creator'), value: `<@${task.creatorId}>`, inline: true }
	];
	const due = dueText(task, context);
	if (due) fields.push({ name: t('due'), value: due, inline: true });
	if (task.chantierId && context.chantiers.has(task.chantierId)) {
		fields.push({ name: t('chantier'), value: escapeUserText(context.chantiers.get(task.chantierId)!), inline: true });
	}
	if (task.tags.length > 0) fields.push({ name: t('tags'), value: task.tags.map((tag) => `\`${tag.replace(/`/g, "'")}\``).join(' '), inline: true });
	return fields;
}

export function taskEmbed(kind: 'success' | 'info', title: string, task: Task, context: ViewContext, description?: string) {
	const body = [task.description ? escapeUserText(task.description) : null, description].filter(Boolean).join('\n\n');
	return buildEmbed({ kind, title, description: body || undefined, fields: taskFields(task, context), locale: context.locale });
}

/** Problems as one ephemeral warning: one line per thing to fix. */
export function problemEmbed(problems: TaskProblem[], locale: Locale) {
	const t = text(locale);
	const ambiguous = problems.some((problem) => problem.code === 'ambiguousTask');
	const lookup = problems.some((problem) => problem.code === 'unknownTask');
	const refused = problems.some((problem) => problem.code === 'notAllowed');
	const lines = problems.map((problem) => {
		const vars = Object.fromEntries(
			Object.entries(problem.vars ?? {}).map(([key, value]) => [
				key,
				// `date` is always a calendar day (YYYY-MM-DD): shown in words.
				typeof value !== 'string' ? value : key === 'date' ? calendarDay(value, locale) : escapeUserText(value)
			])
		);
		return `• ${t(problem.code, vars)}`;
	});
	return buildEmbed({
		kind: 'warning',
		title: refused ? t('refusedTitle') : ambiguous ? t('problemTitleAmbiguous') : lookup ? t('problemTitleTask') : t('problemTitle'),
		description: lines.join('\n'),
		locale
	});
}
