/** The monitoring plugin's part of a member's data (RGPD): their logged messages and daily figures. */
import { container } from '@sapphire/framework';
import { and, asc, count, eq, isNull, ne, or } from 'drizzle-orm';
import { jsonHolds, jsonWithout, textHolds, textWithout, type MemberDataHandler } from '#core/plugin-kit.ts';
import { messages, userStats, userStatsMonthly } from './schema.ts';

/**
 * Export: the member's messages in the server and in private messages to the bot (text, edits,
 * attachments' names), their daily figures, and how many colleagues' messages mention them.
 * Erase: their messages and figures are deleted; colleagues' messages stay, their mentions of the
 * member (in the text, the edits and the mention lists) replaced by the placeholder `0`.
 * `flush` writes the message log's buffer first, so no message of theirs arrives after the erasure.
 */
export function monitoringMemberData(flush: () => Promise<void>): MemberDataHandler {
	const where = (guildId: string) => or(eq(messages.guildId, guildId), isNull(messages.guildId));
	const mentioning = (guildId: string, userId: string) =>
		and(where(guildId), ne(messages.authorId, userId), or(textHolds(messages.content, userId), jsonHolds(messages.metadata, userId)));
	return {
		async export({ guildId, userId }) {
			await flush();
			const [own, figures, months, [mentions]] = await Promise.all([
				container.db
					.select({
						messageId: messages.messageId,
						guildId: messages.guildId,
						channelId: messages.channelId,
						content: messages.content,
						metadata: messages.metadata,
						createdAt: messages.createdAt,
						editedAt: messages.editedAt,
						deletedAt: messages.deletedAt
					})
					.from(messages)
					.where(and(where(guildId), eq(messages.authorId, userId)))
					.orderBy(asc(messages.createdAt)),
				container.db
					.select({ day: userStats.day, messages: userStats.messages, activeSeconds: userStats.activeSeconds })
					.from(userStats)
					.where(and(eq(userStats.guildId, guildId), eq(userStats.userId, userId)))
					.orderBy(asc(userStats.day)),
				container.db
					.select({ month: userStatsMonthly.month, messages: userStatsMonthly.messages, activeSeconds: userStatsMonthly.activeSeconds })
					.from(userStatsMonthly)
					.where(and(eq(userStatsMonthly.guildId, guildId), eq(userStatsMonthly.userId, userId)))
					.orderBy(asc(userStatsMonthly.month)),
				container.db.select({ value: count() }).from(messages).where(mentioning(guildId, userId))
			]);
			return { messages: own, dailyActivity: figures, monthlyActivity: months, mentionedInOthersMessages: mentions?.value ?? 0 };
		},
		async erase({ guildId, userId }) {
			await flush();
			return container.db.transaction(async (tx) => {
				const deleted = await tx.delete(messages).where(and(where(guildId), eq(messages.authorId, userId))).returning({ id: messages.id });
				const mentions = await tx
					.update(messages)
					.set({ content: textWithout(messages.content, userId), metadata: jsonWithout(messages.metadata, userId) })
					.where(mentioning(guildId, userId))
					.returning({ id: messages.id });
				const figures = await tx.delete(userStats).where(and(eq(userStats.guildId, guildId), eq(userStats.userId, userId))).returning({ day: userStats.day });
				const monthly = await tx
					.delete(userStatsMonthly)
					.where(and(eq(userStatsMonthly.guildId, guildId), eq(userStatsMonthly.userId, userId)))
					.returning({ month: userStatsMonthly.month });
				return { messages_deleted: deleted.length, messages_mentions_anonymised: mentions.length, user_stats_deleted: figures.length, user_stats_monthly_deleted: monthly.length };
			});
		}
	};
}
