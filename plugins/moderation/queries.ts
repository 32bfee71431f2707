import { and, count, desc, eq, gte, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { memberPlaceholder, textHolds, textWithout } from '#core/plugin-kit.ts';
import { moderationCases } from './schema.ts';

export type ModerationCase = typeof moderationCases.$inferSelect;
export type NewModerationCase = Omit<typeof moderationCases.$inferInsert, 'id' | 'caseNumber'>;

/** Records a case under the guild's next number; moderators racing for a number: the losers take the next ones. */
export async function openCase(db: Db, input: NewModerationCase): Promise<ModerationCase> {
	for (let attempt = 1; ; attempt++) {
		try {
			const [row] = await db
				.insert(moderationCases)
				.values({
					...input,
					caseNumber: sql`(select coalesce(max(${moderationCases.caseNumber}), 0) + 1 from ${moderationCases} where ${moderationCases.guildId} = ${input.guildId})`
				})
				.returning();
			if (!row) throw new Error('insert returned no row');
			return row;
		} catch (error) {
			if (attempt >= 10 || !isUniqueViolation(error)) throw error;
		}
	}
}

export async function caseByNumber(db: Db, guildId: string, caseNumber: number): Promise<ModerationCase | undefined> {
	const [row] = await db
		.select()
		.from(moderationCases)
		.where(and(eq(moderationCases.guildId, guildId), eq(moderationCases.caseNumber, caseNumber)));
	return row;
}

/** A member's record, newest first. Await to run. */
export function casesForMember(db: Db, guildId: string, targetId: string, limit = 25, offset = 0) {
	return db
		.select()
		.from(moderationCases)
		.where(and(eq(moderationCases.guildId, guildId), eq(moderationCases.targetId, targetId)))
		.orderBy(desc(moderationCases.createdAt), desc(moderationCases.caseNumber))
		.limit(limit)
		.offset(offset);
}

export async function countCasesForMember(db: Db, guildId: string, targetId: string): Promise<number> {
	const [row] = await db
		.select({ total: count() })
		.from(moderationCases)
		.where(and(eq(moderationCases.guildId, guildId), eq(moderationCases.targetId, targetId)));
	return row?.total ?? 0;
}

/** Warnings a member received since `since` that were not revoked: what the escalation rule counts. */
export async function countWarningsSince(db: Db, guildId: string, targetId: string, since: Date): Promise<number> {
	const [row] = await db
		.select({ total: count() })
		.from(moderationCases)
		.where(
			and(
				eq(moderationCases.guildId, guildId),
				eq(moderationCases.targetId, targetId),
				eq(moderationCases.action, 'avertissement'),
				isNull(moderationCases.revokedAt),
				gte(moderationCases.createdAt, since)
			)
		);
	return row?.total ?? 0;
}

/** Sets a case's reason; the case as it was before, or undefined when there is no such case. */
export async function updateReason(db: Db, guildId: string, caseNumber: number, reason: string): Promise<{ before: ModerationCase; after: ModerationCase } | undefined> {
	return db.transaction(async (tx) => {
		const [before] = await tx
			.select()
			.from(moderationCases)
			.where(and(eq(moderationCases.guildId, guildId), eq(moderationCases.caseNumber, caseNumber)))
			.for('update');
		if (!before) return undefined;
		const [after] = await tx.update(moderationCases).set({ reason }).where(eq(moderationCases.id, before.id)).returning();
		return after ? { before, after } : undefined;
	});
}

/**
 * Marks the member's running timeouts as lifted (by `/untimeout`, or by a new timeout, `keptCaseId`,
 * that replaces them); answers how many.
 */
export async function revokeTimeouts(db: Db, guildId: string, targetId: string, revokedBy: string, at: Date, keptCaseId?: number): Promise<number> {
	const rows = await db
		.update(moderationCases)
		.set({ revokedAt: at, revokedBy })
		.where(
			and(
				eq(moderationCases.guildId, guildId),
				eq(moderationCases.targetId, targetId),
				eq(moderationCases.action, 'exclusion_temporaire'),
				isNull(moderationCases.revokedAt),
				gte(moderationCases.expiresAt, at),
				keptCaseId === undefined ? undefined : ne(moderationCases.id, keptCaseId)
			)
		)
		.returning({ id: moderationCases.id });
	return rows.length;
}

/** What stands in for an erased member's id in the cases kept for the server's record: the same mark as every plugin's. */
export const erasedMember = memberPlaceholder;

/** Everything the cases hold about a member in a server: as target, as moderator, as the one who lifted a case. */
export async function memberCases(db: Db, guildId: string, userId: string) {
	const rows = await db
		.select()
		.from(moderationCases)
		.where(
			and(
				eq(moderationCases.guildId, guildId),
				or(eq(moderationCases.targetId, userId), eq(moderationCases.moderatorId, userId), eq(moderationCases.revokedBy, userId))
			)
		)
		.orderBy(moderationCases.caseNumber);
	return {
		asTarget: rows.filter((row) => row.targetId === userId),
		asModerator: rows.filter((row) => row.moderatorId === userId || row.revokedBy === userId).map((row) => row.caseNumber)
	};
}

/**
 * Erasure: the cases about the member keep their number and action (the server's record stays
 * consistent, later numbers do not shift) but lose who and why; where the member moderated, their
 * id is replaced. Answers the rows changed per role.
 */
export async function eraseMemberCases(db: Db, guildId: string, userId: string): Promise<Record<string, number>> {
	return db.transaction(async (tx) => {
		const inGuild = (column: typeof moderationCases.targetId | typeof moderationCases.moderatorId | typeof moderationCases.revokedBy) => and(eq(moderationCases.guildId, guildId), eq(column, userId));
		const targeted = await tx.update(moderationCases).set({ targetId: erasedMember, reason: null }).where(inGuild(moderationCases.targetId)).returning({ id: moderationCases.id });
		const moderated = await tx.update(moderationCases).set({ moderatorId: erasedMember }).where(inGuild(moderationCases.moderatorId)).returning({ id: moderationCases.id });
		const revoked = await tx.update(moderationCases).set({ revokedBy: erasedMember }).where(inGuild(moderationCases.revokedBy)).returning({ id: moderationCases.id });
		// Another member's case may name them in its reason (`Signalé par <@id>`): the mention becomes `<@0>`.
		const mentioned = await tx
			.update(moderationCases)
			.set({ reason: textWithout(moderationCases.reason, userId) })
			.where(and(eq(moderationCases.guildId, guildId), textHolds(moderationCases.reason, userId)))
			.returning({ id: moderationCases.id });
		return { moderation_cases_target: targeted.length, moderation_cases_moderator: moderated.length, moderation_cases_revoked_by: revoked.length, moderation_cases_mentions: mentioned.length };
	});
}

function isUniqueViolation(error: unknown): boolean {
	for (let current = error; current instanceof Object; current = (current as { cause?: unknown }).cause) {
		if ((current as { code?: unknown }).code === '23505') return true;
	}
	return false;
}
