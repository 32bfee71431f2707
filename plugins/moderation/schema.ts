import { bigint, index, integer, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt } from '#core/db/columns.ts';

export const moderationAction = pgEnum('moderation_action', [
	'avertissement',
	'exclusion_temporaire',
	/** A timeout lifted before its end (`/untimeout`). */
	'fin_exclusion',
	'expulsion',
	'bannissement',
	'debannissement',
	'note'
]);

export const moderationCases = pgTable(
	'moderation_cases',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		guildId: text('guild_id').notNull(),
		/** Numbered per guild (#1, #2, …): what moderators quote. */
		caseNumber: integer('case_number').notNull(),
		action: moderationAction('action').notNull(),
		targetId: text('target_id').notNull(),
		moderatorId: text('moderator_id').notNull(),
		reason: text('reason'),
		/** End of a timeout or temporary ban. */
		expiresAt: instant('expires_at'),
		revokedAt: instant('revoked_at'),
		revokedBy: text('revoked_by'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [
		// Serves `caseByNumber` and the next number (`max(case_number)` per guild); forbids duplicate numbers.
		uniqueIndex('moderation_cases_guild_number_key').on(table.guildId, table.caseNumber),
		// Serves `casesForMember`: a member's record, newest first.
		index('moderation_cases_target_idx').on(table.guildId, table.targetId, table.createdAt.desc())
	]
);
