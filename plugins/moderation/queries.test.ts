import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import { caseByNumber, casesForMember, openCase } from './queries.ts';

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
});
