import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import { messageRow } from './message-log/test-rows.ts';
import { MessageLogWriter } from './message-log/writer.ts';
import { rollUpUserStats, searchMessages, searchPageSize, userStatsForPeriod } from './queries.ts';

const chantierChannel = '200000000000000000';
const bureauChannel = '200000000000000001';
const directionChannel = '200000000000000002';

describe.each(storageBackends)('message search and user stats on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
		const writer = new MessageLogWriter({ db: database.db });
		const texts: [channelId: string, content: string][] = [
			[chantierChannel, "Livraison de l'échafaudage lundi"],
			[chantierChannel, 'Échafaudage monté, réception demain'],
			[bureauChannel, 'Facture échafaudages Dupont à valider'],
			[directionChannel, 'Litige échafaudage : ne pas en parler'],
			[chantierChannel, 'Coulage de la dalle reporté'],
			[chantierChannel, 'Echafodage bancal au 2e étage'],
			[bureauChannel, 'Réunion de chantier jeudi']
		];
		texts.forEach(([channelId, content], index) => writer.recordCreate(messageRow(index, { channelId, content })));
		// A deleted message never comes back from a search.
		writer.recordCreate(messageRow(50, { channelId: chantierChannel, content: 'échafaudage supprimé' }));
		writer.recordDelete(messageRow(50).messageId);
		// Enough matches for three pages.
		for (let index = 100; index < 160; index++) {
			writer.recordCreate(messageRow(index, { channelId: bureauChannel, content: `Planning ${index} : grue mobile` }));
		}
		await writer.close();
	});
	afterAll(() => database.destroy());

	it('ranks the closest wording first and only returns readable channels', async () => {
		const { results, hasMore } = await searchMessages(database.db, {
			text: 'échafaudage',
			readableChannelIds: [chantierChannel, bureauChannel]
		});
		expect(hasMore).toBe(false);
		const contents = results.map((result) => result.content);
		expect(contents.slice(0, 2).sort()).toEqual(["Livraison de l'échafaudage lundi", 'Échafaudage monté, réception demain'].sort());
		expect(contents).toContain('Facture échafaudages Dupont à valider');
		expect(contents).not.toContain('Litige échafaudage : ne pas en parler');
		expect(contents).not.toContain('échafaudage supprimé');
		expect(contents).not.toContain('Coulage de la dalle reporté');
		const scores = results.map((result) => result.score);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
	});

	it('tolerates a misspelling', async () => {
		const { results } = await searchMessages(database.db, { text: 'echafodage', readableChannelIds: [chantierChannel] });
		expect(results[0]?.content).toBe('Echafodage bancal au 2e étage');
	});

	it('filters by channel, author and date, never widening past the readable channels', async () => {
		const inChannel = await searchMessages(database.db, {
			text: 'échafaudage',
			readableChannelIds: [chantierChannel, bureauChannel],
			channelId: bureauChannel
		});
		expect(inChannel.results.map((result) => result.channelId)).toEqual([bureauChannel]);
		const unreadable = await searchMessages(database.db, {
			text: 'échafaudage',
			readableChannelIds: [chantierChannel],
			channelId: directionChannel
		});
		expect(unreadable.results).toEqual([]);
		const byAuthor = await searchMessages(database.db, {
			text: 'échafaudage',
			readableChannelIds: [chantierChannel, bureauChannel],
			authorId: messageRow(1).authorId
		});
		expect(byAuthor.results.map((result) => result.messageId)).toEqual([messageRow(1).messageId]);
		const recent = await searchMessages(database.db, {
			text: 'échafaudage',
			readableChannelIds: [chantierChannel, bureauChannel],
			since: messageRow(2).createdAt
		});
		expect(recent.results.map((result) => result.messageId)).toEqual([messageRow(2).messageId]);
	});

	it('pages by 25', async () => {
		const search = { text: 'grue mobile', readableChannelIds: [bureauChannel] };
		const pages = await Promise.all([1, 2, 3].map((page) => searchMessages(database.db, { ...search, page })));
		expect(pages.map((page) => page.results.length)).toEqual([searchPageSize, searchPageSize, 10]);
		expect(pages.map((page) => page.hasMore)).toEqual([true, true, false]);
		const ids = pages.flatMap((page) => page.results.map((result) => result.messageId));
		expect(new Set(ids).size).toBe(60);
	});

	it('rolls messages up per user and day, and reads a period back', async () => {
		const day = messageRow(0).createdAt.toISOString().slice(0, 10);
		await rollUpUserStats(database.db, { day, timeZone: 'Europe/Paris' });
		expect(await rollUpUserStats(database.db, { day, timeZone: 'Europe/Paris' })).toBe(5);
		const author = messageRow(0).authorId;
		const rows = await userStatsForPeriod(database.db, { guildId: messageRow(0).guildId ?? '', userId: author, from: day, to: day });
		// messageRow spreads authors by index % 5: indexes 0, 5, 50 and 100..155 step 5 → 1 + 1 + 1 + 12.
		expect(rows).toEqual([expect.objectContaining({ day, messages: 15, activeSeconds: 300 })]);
	});
});
