/** The planning plugin's part of a member's data (RGPD): their entries and calendar feed, exported and erased. */
import { container } from '@sapphire/framework';
import { and, asc, eq, or } from 'drizzle-orm';
import { memberPlaceholder, textHolds, textWithout, type MemberDataHandler } from '#core/plugin-kit.ts';
import { existingFeedToken, revokeFeedToken } from './planning.ts';
import { planning } from './schema.ts';

/**
 * Export: the member's entries in the server (deleted ones too), those they planned for others or are
 * mentioned in, and whether they have a calendar feed (not its secret address).
 * Erase: their own entries are deleted, with their feed; entries they planned for others stay for
 * those, `created_by` replaced by the placeholder `0`; mentions in notes become `<@0>`.
 */
export const planningMemberData: MemberDataHandler = {
	async export({ guildId, userId }) {
		const entries = await container.db
			.select()
			.from(planning)
			.where(and(eq(planning.guildId, guildId), or(eq(planning.userId, userId), eq(planning.createdBy, userId), textHolds(planning.note, userId))))
			.orderBy(asc(planning.startsAt));
		const feed = await existingFeedToken(container.db, guildId, userId);
		return { entries, calendarFeed: feed ? { createdAt: feed.createdAt } : null };
	},
	erase({ guildId, userId }) {
		return container.db.transaction(async (tx) => {
			const inGuild = eq(planning.guildId, guildId);
			const deleted = await tx.delete(planning).where(and(inGuild, eq(planning.userId, userId))).returning({ id: planning.id });
			const planned = await tx.update(planning).set({ createdBy: memberPlaceholder }).where(and(inGuild, eq(planning.createdBy, userId))).returning({ id: planning.id });
			const mentions = await tx
				.update(planning)
				.set({ note: textWithout(planning.note, userId) })
				.where(and(inGuild, textHolds(planning.note, userId)))
				.returning({ id: planning.id });
			const feeds = (await revokeFeedToken(tx, guildId, userId)) ? 1 : 0;
			return { planning_deleted: deleted.length, planning_creator_anonymised: planned.length, planning_mentions_anonymised: mentions.length, calendar_feeds_deleted: feeds };
		});
	}
};
