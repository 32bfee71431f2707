/** The tasks plugin's part of a member's data (RGPD): their tasks exported, erased or anonymised. */
import { container } from '@sapphire/framework';
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { memberPlaceholder, textHolds, textWithout, type MemberDataHandler } from '#core/plugin-kit.ts';
import { tasks } from './schema.ts';

/**
 * Export: every task of the server the member created, is assigned, or is mentioned in.
 * Erase: a task that concerns only them (they created it, for themselves or nobody) is deleted; one
 * assigned to them by someone else stays for its creator, unassigned; one they created for someone
 * else stays for its assignee, its creator replaced by the placeholder `0`; mentions in titles and
 * descriptions become `<@0>`.
 */
export const tasksMemberData: MemberDataHandler = {
	async export({ guildId, userId }) {
		const rows = await container.db
			.select()
			.from(tasks)
			.where(and(eq(tasks.guildId, guildId), or(eq(tasks.assigneeId, userId), eq(tasks.creatorId, userId), textHolds(tasks.title, userId), textHolds(tasks.description, userId))))
			.orderBy(asc(tasks.createdAt));
		return { tasks: rows };
	},
	erase({ guildId, userId }) {
		return container.db.transaction(async (tx) => {
			const inGuild = eq(tasks.guildId, guildId);
			const deleted = await tx
				.delete(tasks)
				.where(and(inGuild, eq(tasks.creatorId, userId), or(isNull(tasks.assigneeId), eq(tasks.assigneeId, userId))))
				.returning({ id: tasks.id });
			const unassigned = await tx.update(tasks).set({ assigneeId: null }).where(and(inGuild, eq(tasks.assigneeId, userId))).returning({ id: tasks.id });
			const creator = await tx.update(tasks).set({ creatorId: memberPlaceholder }).where(and(inGuild, eq(tasks.creatorId, userId))).returning({ id: tasks.id });
			const mentions = await tx
				.update(tasks)
				.set({ title: textWithout(tasks.title, userId), description: textWithout(tasks.description, userId) })
				.where(and(inGuild, or(textHolds(tasks.title, userId), textHolds(tasks.description, userId))))
				.returning({ id: tasks.id });
			return { tasks_deleted: deleted.length, tasks_unassigned: unassigned.length, tasks_creator_anonymised: creator.length, tasks_mentions_anonymised: mentions.length };
		});
	}
};
