import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '../test/support/databases.ts';
import { backupStamp, runBackup } from './backup.ts';
import { openDatabase } from './db/client.ts';
import { auditLog } from './db/schema.ts';

describe.each(storageBackends)('the scheduled backup on %s', (kind) => {
	let database: TestDatabase | undefined;
	let folder: string | undefined;
	afterEach(async () => {
		await database?.destroy();
		if (folder) rmSync(folder, { recursive: true, force: true });
		[database, folder] = [undefined, undefined];
	});

	it('writes the folder scripts/restore.sh reads, with checksums, and applies the retention', async () => {
		database = await createTestDatabase(kind);
		await database.db.insert(auditLog).values({ kind: 'action_admin', action: 'backup.test', actorId: 'system' });
		folder = mkdtempSync(join(tmpdir(), 'monster-backup-'));
		const project = join(folder, 'project');
		mkdirSync(join(project, 'config'), { recursive: true });
		writeFileSync(join(project, '.env'), 'API_KEYS=secret\n');
		writeFileSync(join(project, 'config', 'prometheus.yml'), 'scrape_configs: []\n');
		const dir = join(folder, 'backups');
		mkdirSync(join(dir, 'monster-20200101T030000Z'), { recursive: true });
		mkdirSync(join(dir, 'monster-notes'), { recursive: true });

		const now = new Date('2026-12-01T03:00:00Z');
		const backup = await runBackup(database, { dir, retentionDays: 30, projectDir: project, databaseUrl: database.url, now });

		expect(backup.folder).toBe(join(dir, `monster-${backupStamp(now)}`));
		const databaseFile = kind === 'pglite' ? 'database.pglite.tar.gz' : 'database.dump';
		expect(readdirSync(backup.folder).sort()).toEqual(['SHA256SUMS', 'config.tar.gz', databaseFile]);
		expect(statSync(backup.folder).mode & 0o777).toBe(0o700);
		for (const file of readdirSync(backup.folder)) expect(statSync(join(backup.folder, file)).mode & 0o777).toBe(0o600);
		// sha256sum's format, so `sha256sum -c` (what restore.sh runs) checks it.
		for (const line of readFileSync(join(backup.folder, 'SHA256SUMS'), 'utf8').trim().split('\n')) {
			const [sum, file] = line.split('  ');
			expect(createHash('sha256').update(readFileSync(join(backup.folder, file!))).digest('hex')).toBe(sum);
		}
		expect(execFileSync('tar', ['-tzf', join(backup.folder, 'config.tar.gz')], { encoding: 'utf8' })).toContain('config/prometheus.yml');

		// Older backups go; what the script did not name stays.
		expect(backup.removed).toEqual(['monster-20200101T030000Z']);
		expect(readdirSync(dir).sort()).toEqual([`monster-${backupStamp(now)}`, 'monster-notes']);

		// The database comes back from it.
		if (kind === 'pglite') {
			const archive = readFileSync(join(backup.folder, databaseFile));
			const restored = await openDatabase({ memory: true, loadDataDir: new Blob([archive]) });
			try {
				const rows = await restored.db.select({ action: auditLog.action }).from(auditLog).where(sql`${auditLog.action} = 'backup.test'`);
				expect(rows).toHaveLength(1);
			} finally {
				await restored.close();
			}
		} else {
			expect(execFileSync('pg_restore', ['--list', join(backup.folder, databaseFile)], { encoding: 'utf8' })).toContain('audit_log');
		}
	});

	it.skipIf(kind === 'pglite')('leaves no half-written backup when the dump fails, and says why', async () => {
		database = await createTestDatabase(kind);
		folder = mkdtempSync(join(tmpdir(), 'monster-backup-'));
		const dir = join(folder, 'backups');
		await expect(runBackup(database, { dir, retentionDays: 30, projectDir: folder, databaseUrl: 'postgres://nobody:hunter2@127.0.0.1:1/none' })).rejects.toThrow(/pg_dump failed/);
		expect(readdirSync(dir)).toEqual([]);
	});
});
