import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
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
export function casesForMember(db: Db, guildId: string, targetId: string, limit = 25) {
	return db
		.select()
		.from(moderationCases)
		.where(and(eq(moderationCases.guildId, guildId), eq(moderationCases.targetId, targetId)))
		.orderBy(desc(moderationCases.createdAt))
		.limit(limit);
}

function isUniqueViolation(error: unknown): boolean {
	for (let current = error; current instanceof Object; current = (current as { cause?: unknown }).cause) {
		if ((current as { code?: unknown }).code === '23505') return true;
	}
	return false;
}
