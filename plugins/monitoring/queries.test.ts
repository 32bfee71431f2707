import { sql } from 'drizzle-orm';
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
			[bureauChannel, 'Réunion de chantier jeudi'],
			[chantierChannel, 'Livraisons de plâtre prévues mardi'],
			[chantierChannel, 'BETON PRÊT À COULER'],
			[bureauChannel, 'Le plâtre est arrivé, la livraison des portes attend']
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

	it('finds every French form of the word, newest first, only in readable channels', async () => {
		const { results, hasMore, match } = await searchMessages(database.db, {
			text: 'échafaudage',
			readableChannelIds: [chantierChannel, bureauChannel]
		});
		expect({ hasMore, match }).toEqual({ hasMore: false, match: 'words' });
		expect(results.map((result) => result.content)).toEqual([
			'Facture échafaudages Dupont à valider',
			'Échafaudage monté, réception demain',
			"Livraison de l'échafaudage lundi"
		]);
	});

	it('matches word forms: "livraisons" finds "livraison" and the other way round', async () => {
		const readableChannelIds = [chantierChannel, bureauChannel];
		const plural = await searchMessages(database.db, { text: 'livraisons', readableChannelIds });
		expect(plural.results.map((result) => result.content)).toEqual([
			'Le plâtre est arrivé, la livraison des portes attend',
			'Livraisons de plâtre prévues mardi',
			"Livraison de l'échafaudage lundi"
		]);
		const singular = await searchMessages(database.db, { text: 'livraison', readableChannelIds });
		expect(singular.results.map((result) => result.messageId)).toEqual(plural.results.map((result) => result.messageId));
	});

	it('ignores accents and case on both sides', async () => {
		const readableChannelIds = [chantierChannel, bureauChannel];
		const typedWithout = await searchMessages(database.db, { text: 'platre', readableChannelIds });
		expect(typedWithout.results.map((result) => result.content)).toEqual([
			'Le plâtre est arrivé, la livraison des portes attend',
			'Livraisons de plâtre prévues mardi'
		]);
		const typedWith = await searchMessages(database.db, { text: 'Béton prêt', readableChannelIds });
		expect(typedWith.results.map((result) => result.content)).toEqual(['BETON PRÊT À COULER']);
	});

	it('requires every word, wherever it is in the message', async () => {
		const { results } = await searchMessages(database.db, { text: 'livraison plâtre', readableChannelIds: [chantierChannel, bureauChannel] });
		expect(results.map((result) => result.content)).toEqual([
			'Le plâtre est arrivé, la livraison des portes attend',
			'Livraisons de plâtre prévues mardi'
		]);
	});

	it('finds nothing for a word no message holds, nor anything similar', async () => {
		const { results, hasMore } = await searchMessages(database.db, { text: 'xyzzy', readableChannelIds: [chantierChannel, bureauChannel] });
		expect({ results, hasMore }).toEqual({ results: [], hasMore: false });
	});

	it('tolerates a misspelling: with no message holding the words, messages with similar words, newest first, readable only', async () => {
		const { results, match } = await searchMessages(database.db, { text: 'echafaudaje', readableChannelIds: [chantierChannel] });
		expect(match).toBe('similar');
		const contents = results.map((result) => result.content);
		expect(contents).toEqual(expect.arrayContaining(["Livraison de l'échafaudage lundi", 'Échafaudage monté, réception demain']));
		expect(contents.indexOf('Échafaudage monté, réception demain')).toBeLessThan(contents.indexOf("Livraison de l'échafaudage lundi"));
		expect(contents).not.toContain('Litige échafaudage : ne pas en parler');
		expect(contents).not.toContain('échafaudage supprimé');
	});

	it('the typo fallback still needs every word, in any French form, accents ignored', async () => {
		const readableChannelIds = [chantierChannel, bureauChannel];
		const both = await searchMessages(database.db, { text: 'livraisom platr', readableChannelIds });
		expect(both.match).toBe('similar');
		expect(both.results.map((result) => result.content)).toEqual(['Le plâtre est arrivé, la livraison des portes attend', 'Livraisons de plâtre prévues mardi']);
		const unknownSecond = await searchMessages(database.db, { text: 'livraisom xyzzy', readableChannelIds });
		expect(unknownSecond.results).toEqual([]);
	});

	it('learns the words of new and edited messages: their typos are found at once', async () => {
		const words = async (...wanted: string[]) =>
			((await database.db.execute(sql`select word from message_words where word in (${sql.join(wanted.map((word) => sql`${word}`), sql`, `)}) order by word`)) as unknown as { rows: { word: string }[] }).rows.map((found) => found.word);
		expect(await words('echafaudage', 'echafaudages', 'livraisons', 'platre', 'de', 'xyzzy')).toEqual(['echafaudage', 'echafaudages', 'livraisons', 'platre']);
		await database.db.execute(sql`update messages set content = content || ', décoffrage vendredi' where message_id = ${messageRow(6).messageId}`);
		expect(await words('decoffrage')).toEqual(['decoffrage']);
		const { results, match } = await searchMessages(database.db, { text: 'decofrage', readableChannelIds: [bureauChannel] });
		expect({ match, contents: results.map((result) => result.content) }).toEqual({ match: 'similar', contents: ['Réunion de chantier jeudi, décoffrage vendredi'] });
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

	it('pages by 25 from where the previous page ended, newest first', async () => {
		const search = { text: 'grue mobile', readableChannelIds: [bureauChannel] };
		const first = await searchMessages(database.db, search);
		const second = await searchMessages(database.db, { ...search, after: first.next });
		const third = await searchMessages(database.db, { ...search, after: second.next });
		expect([first, second, third].map((page) => [page.results.length, page.hasMore])).toEqual([
			[searchPageSize, true],
			[searchPageSize, true],
			[10, false]
		]);
		expect(third.next).toBeUndefined();
		const numbers = [first, second, third].flatMap((page) => page.results.map((result) => Number(/Planning (\d+)/.exec(result.content ?? '')?.[1])));
		expect(numbers).toEqual(Array.from({ length: 60 }, (_, offset) => 159 - offset));
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
