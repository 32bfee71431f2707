/** `/casier`'s pages: a member's cases, newest first, five a page. */
import { container } from '@sapphire/framework';
import { buildEmbed, dateInWords, escapeUserText, guildTimeZone, type PageRequest, type PageView } from '#core/plugin-kit.ts';
import { formatDuration } from './duration.ts';
import { casesForMember, countCasesForMember, type ModerationCase } from './queries.ts';
import { text } from './text.ts';

export const recordPager = 'moderation.record';
const pageSize = 5;

export interface RecordData {
	guildId: string;
	userId: string;
	/** The member's display name, shown in the title, where mentions do not render. */
	name: string;
}

export async function renderRecordPage({ page, data, locale }: PageRequest<RecordData>): Promise<PageView> {
	const t = text(locale);
	const member = `<@${data.userId}>`;
	const total = await countCasesForMember(container.db, data.guildId, data.userId);
	const cases = await casesForMember(container.db, data.guildId, data.userId, pageSize, (page - 1) * pageSize);
	const timeZone = guildTimeZone(data.guildId);
	const now = Date.now();
	/** A timeout says how long, and whether it still runs: the record is where a moderator checks. */
	const actionOf = (entry: ModerationCase) => {
		const action = t(`action_${entry.action}`);
		if (entry.action !== 'exclusion_temporaire' || !entry.expiresAt) return action;
		const state = entry.revokedAt ? 'lifted' : entry.expiresAt.getTime() > now ? 'running' : 'over';
		const duration = formatDuration(entry.expiresAt.getTime() - entry.createdAt.getTime(), locale);
		return t('casierTimeout', { action, duration, state, ends: `<t:${Math.floor(entry.expiresAt.getTime() / 1000)}:R>` });
	};
	const lines = cases.map((entry) =>
		t('casierLine', {
			number: entry.caseNumber,
			action: actionOf(entry),
			when: dateInWords(entry.createdAt, locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }),
			moderator: `<@${entry.moderatorId}>`,
			reason: escapeUserText(entry.reason ?? t('noReason'))
		})
	);
	return {
		embed: buildEmbed({ kind: 'info', title: t('casierTitle', { member: data.name, total }), description: lines.length > 0 ? `${member}\n\n${lines.join('\n\n')}` : t('casierEmpty', { member }) }),
		totalPages: Math.max(1, Math.ceil(total / pageSize))
	};
}
