import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import { caseByNumber, casesForMember, countWarningsSince, eraseMemberCases, erasedMember, memberCases, openCase, revokeTimeouts, updateReason } from './queries.ts';

describe.each(storageBackends)('moderation cases on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
	});
	afterAll(() => database.destroy());

	it('numbers cases per guild, even when opened at the same time, and lists a member’s record newest first', async () => {
		const open = (guildId: string, targetId: string, reason: string) =>
			openCase(database.db, { guildId, action: 'avertissement', targetId, moderatorId: 'mod', reason });
		const numbers = await Promise.all(['a', 'b', 'c', 'd'].map((reason) => open('g1', 'u1', reason)));
		expect(numbers.map((opened) => opened.caseNumber).sort()).toEqual([1, 2, 3, 4]);
		expect((await open('g2', 'u1', 'other guild')).caseNumber).toBe(1);
		expect((await caseByNumber(database.db, 'g1', 3))?.guildId).toBe('g1');
		const record = await casesForMember(database.db, 'g1', 'u1');
		expect(record).toHaveLength(4);
		expect(record.map((entry) => entry.createdAt.getTime())).toEqual(
			record.map((entry) => entry.createdAt.getTime()).sort((a, b) => b - a)
		);
	});

	it('counts recent warnings, edits a reason, lifts running timeouts, exports and erases a member', async () => {
		const now = new Date();
		const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
		const open = (action: 'avertissement' | 'exclusion_temporaire', targetId: string, moderatorId: string, createdAt: Date, expiresAt: Date | null = null) =>
			openCase(database.db, { guildId: 'g3', action, targetId, moderatorId, reason: `raison de ${targetId}`, createdAt, expiresAt });
		await open('avertissement', 'u9', 'm1', ago(40));
		await open('avertissement', 'u9', 'm1', ago(10));
		const recent = await open('avertissement', 'u9', 'm2', ago(1));
		await open('exclusion_temporaire', 'u9', 'u8', ago(0), new Date(now.getTime() + 3_600_000));
		await open('avertissement', 'u8', 'u9', ago(0));
		expect(await countWarningsSince(database.db, 'g3', 'u9', ago(30))).toBe(2);

		expect(await updateReason(database.db, 'g3', recent.caseNumber, 'nouvelle')).toMatchObject({ before: { reason: 'raison de u9' }, after: { reason: 'nouvelle' } });
		expect(await updateReason(database.db, 'g3', 99, 'rien')).toBeUndefined();
		expect(await revokeTimeouts(database.db, 'g3', 'u9', 'm2', now)).toBe(1);
		expect(await revokeTimeouts(database.db, 'g3', 'u9', 'm2', now)).toBe(0);

		const held = await memberCases(database.db, 'g3', 'u8');
		expect(held.asTarget.map((row) => row.moderatorId)).toEqual(['u9']);
		expect(held.asModerator).toEqual([4]);
		expect(await eraseMemberCases(database.db, 'g3', 'u9')).toEqual({ moderation_cases_target: 4, moderation_cases_moderator: 1, moderation_cases_revoked_by: 0, moderation_cases_mentions: 0 });
		const after = await memberCases(database.db, 'g3', 'u9');
		expect(after).toEqual({ asTarget: [], asModerator: [] });
		const erased = await casesForMember(database.db, 'g3', erasedMember);
		expect(erased.map((row) => [row.caseNumber, row.reason])).toEqual([[4, null], [3, null], [2, null], [1, null]]);
		expect((await caseByNumber(database.db, 'g3', 5))?.moderatorId).toBe(erasedMember);
	});
});
