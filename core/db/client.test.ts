import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends } from '../../test/support/databases.ts';
import { openDatabase } from './client.ts';
import { botConfig } from './schema.ts';

describe.each(storageBackends)('database on %s', (kind) => {
	it('applies migrations twice without error and stores JSON config', async () => {
		const database = await createTestDatabase(kind);
		try {
			await database.migrate();
			await database.db.insert(botConfig).values({ key: 'k', value: { on: true }, updatedBy: 'test' });
			const [row] = await database.db.select().from(botConfig).where(eq(botConfig.key, 'k'));
			expect(row?.value).toEqual({ on: true });
			const extensions = await database.db.execute(sql`select extname from pg_extension`);
			const names = (extensions as unknown as { rows: { extname: string }[] }).rows.map((r) => r.extname);
			expect(names).toEqual(expect.arrayContaining(['pg_trgm', 'uuid-ossp']));
			expect(await database.ping()).toBe(true);
		} finally {
			await database.destroy();
		}
	});
});

describe('embedded database directory', () => {
	const dir = mkdtempSync(join(tmpdir(), 'monster-db-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('keeps data across reopen and refuses a second opener while open', async () => {
		const first = await openDatabase({ dataDir: dir });
		await first.migrate();
		await first.db.insert(botConfig).values({ key: 'persisted', value: 1 });
		await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already open/);
		await first.close();
		const second = await openDatabase({ dataDir: dir });
		const rows = await second.db.select().from(botConfig);
		expect(rows.map((r) => r.key)).toContain('persisted');
		await second.close();
	});
});

describe('embedded database lock left by a crash', () => {
	it('is taken over when it names this process but this process never took it (pid 1 in a container)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'monster-lock-'));
		try {
			const { writeFileSync, mkdirSync } = await import('node:fs');
			mkdirSync(join(dir, 'pglite'), { recursive: true });
			writeFileSync(join(dir, 'pglite.lock'), String(process.pid));
			const database = await openDatabase({ dataDir: dir });
			await database.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
