import { container } from '@sapphire/framework';
import type { ChantierPeriod, MemberStat, Period, SummarySection } from '../team/public.ts';
import { entriesInRange } from './planning.ts';
import { text } from './text.ts';
import { entryLine } from './views.ts';

const dayMs = 86_400_000;

/** /résumé: today's entries of the whole team, member by member. */
export async function whereToday({ guildId, from, locale }: Period): Promise<SummarySection> {
	const t = text(locale);
	const entries = await entriesInRange(container.db, { guildId, range: { start: from, end: new Date(from.getTime() + dayMs) } });
	const shown = entries.filter((entry) => entry.status !== 'annule');
	return { title: t('whereToday'), lines: shown.length > 0 ? shown.map((entry) => entryLine(entry, locale, { withMember: true })) : [t('nobodyPlanned')] };
}

/** /stats: hours planned for the member over the period (cancelled entries excluded, overlap clipped to the period). */
export async function plannedHours({ guildId, userId, from, to, locale }: Period & { userId: string }): Promise<MemberStat[]> {
	const entries = await entriesInRange(container.db, { guildId, userId, range: { start: from, end: to } });
	const milliseconds = entries
		.filter((entry) => entry.status !== 'annule')
		.reduce((total, entry) => total + Math.max(0, Math.min(entry.endsAt.getTime(), to.getTime()) - Math.max(entry.startsAt.getTime(), from.getTime())), 0);
	const t = text(locale);
	return [{ name: t('plannedHours'), value: t('plannedHoursValue', { hours: Math.round(milliseconds / 360_000) / 10 }) }];
}

/** /chantier: who is planned on the chantier this week, and when (cancelled entries left out). */
export async function plannedOnChantier({ guildId, chantierId, from, to, locale }: ChantierPeriod): Promise<SummarySection> {
	const t = text(locale);
	const entries = await entriesInRange(container.db, { guildId, range: { start: from, end: to } });
	const shown = entries.filter((entry) => entry.chantierId === chantierId && entry.status !== 'annule');
	const people = new Set(shown.map((entry) => entry.userId)).size;
	return {
		title: t('chantierWeekTitle', { people }),
		lines: shown.length > 0 ? shown.map((entry) => entryLine(entry, locale, { withMember: true, withDay: true })) : [t('chantierNobodyPlanned')]
	};
}
