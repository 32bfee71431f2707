import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '../../../test/support/databases.ts';
import { eventually } from '../../../test/support/bot.ts';
import { apiLogs } from '../../db/schema.ts';
import { ApiLogWriter, type ApiLogRow } from './api-log-writer.ts';

const row = (path: string, caller: string | null = 'api-key-1'): ApiLogRow => ({ method: 'GET', path, status: 200, durationMs: 1, caller, ip: '127.0.0.1' });

/** Quotes, a backslash, braces, commas and accents: what a JSON or array literal must escape. */
const awkwardPath = '/api/chantiers?nom="Rue d\'Alésia", {n°5}\\bis';

describe.each(storageBackends)('ApiLogWriter on %s', (backend) => {
	let database: TestDatabase;
	const logger = pino({ level: 'silent' });
	const stored = () => database.db.select().from(apiLogs).orderBy(apiLogs.id);

	beforeEach(async () => {
		database = await createTestDatabase(backend);
	});
	afterEach(() => database.destroy());

	it('writes a full batch at once, in one statement (every row of it has the same now())', async () => {
		const writer = new ApiLogWriter(database.db, logger, { batchSize: 3, flushIntervalMs: 600_000 });
		writer.push(row('/a'));
		writer.push(row(awkwardPath));
		await new Promise((resolve) => setImmediate(resolve));
		expect(await stored()).toEqual([]);
		writer.push(row('/c', null));
		const rows = await eventually(async () => {
			const all = await stored();
			return all.length === 3 ? all : undefined;
		});
		expect(rows.map(({ method, path, status, durationMs, caller, ip }) => ({ method, path, status, durationMs, caller, ip }))).toEqual([row('/a'), row(awkwardPath), row('/c', null)]);
		expect(new Set(rows.map((logged) => logged.createdAt.getTime())).size).toBe(1);
		await writer.close();
	});

	it('leaves the rows that arrive during a write for a batch of their own, not a statement each', async () => {
		const writer = new ApiLogWriter(database.db, logger, { batchSize: 3, flushIntervalMs: 600_000 });
		// The fourth row comes before the first batch's statement is sent.
		for (const path of ['/1', '/2', '/3', '/4']) writer.push(row(path));
		await eventually(async () => (await stored()).length === 3);
		writer.push(row('/5'));
		writer.push(row('/6'));
		const rows = await eventually(async () => {
			const all = await stored();
			return all.length === 6 ? all : undefined;
		});
		const statements = new Map<number, string[]>();
		for (const { createdAt, path } of rows) statements.set(createdAt.getTime(), [...(statements.get(createdAt.getTime()) ?? []), path]);
		expect([...statements.values()]).toEqual([
			['/1', '/2', '/3'],
			['/4', '/5', '/6']
		]);
		await writer.close();
	});

	it('writes a partial batch after its wait, and the rest at close; nothing is accepted after', async () => {
		const writer = new ApiLogWriter(database.db, logger, { batchSize: 100, flushIntervalMs: 20 });
		writer.push(row('/timed'));
		await eventually(async () => (await stored()).length === 1);
		const closing = new ApiLogWriter(database.db, logger, { batchSize: 100, flushIntervalMs: 600_000 });
		closing.push(row('/last'));
		await closing.close();
		closing.push(row('/too-late'));
		await closing.flush();
		expect((await stored()).map((logged) => logged.path)).toEqual(['/timed', '/last']);
		await writer.close();
	});
});
