import { and, desc, eq, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { moderationCases } from './schema.ts';

export const moderationActions = moderationCases.action.enumValues;

export interface CaseSearch {
	guildId: string;
	action?: (typeof moderationActions)[number];
	targetId?: string;
	moderatorId?: string;
	/** Text the reason contains, or a case number. */
	search?: string;
	/** Cases numbered below this one (the previous page's last). */
	before?: number;
	limit: number;
}

/**
 * A guild's cases, newest first, a page at a time: walks moderation_cases_guild_number_key backwards
 * from `before`, so a page costs the same at any depth; filters only skip rows on the way.
 */
export function searchCases(db: Db, search: CaseSearch) {
	const conditions: (SQL | undefined)[] = [eq(moderationCases.guildId, search.guildId)];
	if (search.action) conditions.push(eq(moderationCases.action, search.action));
	if (search.targetId) conditions.push(eq(moderationCases.targetId, search.targetId));
	if (search.moderatorId) conditions.push(eq(moderationCases.moderatorId, search.moderatorId));
	if (search.search) {
		const byReason = ilike(moderationCases.reason, `%${search.search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
		const number = /^#?(\d{1,9})$/.exec(search.search.trim())?.[1];
		conditions.push(number ? or(byReason, eq(moderationCases.caseNumber, Number(number))) : byReason);
	}
	if (search.before !== undefined) conditions.push(lt(moderationCases.caseNumber, search.before));
	return db
		.select()
		.from(moderationCases)
		.where(and(...conditions))
		.orderBy(desc(moderationCases.caseNumber))
		.limit(search.limit);
}
