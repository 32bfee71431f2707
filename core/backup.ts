/**
 * The bot's own backup, run by the scheduled task `core.backup` (BACKUP_ENABLED, daily at 03:00 by
 * default). It writes the same folder as scripts/backup.sh, so scripts/restore.sh restores either:
 * `monster-YYYYMMDDTHHMMSSZ/` with `database.dump` (pg_dump, PostgreSQL) or `database.pglite.tar.gz` (the
 * embedded database, taken while it runs), `config.tar.gz` (.env, config/, compose files) and
 * `SHA256SUMS`, written last; then backups older than the retention are deleted. The task queue's Redis
 * snapshot stays with the script (it needs redis-cli).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Database } from './db/client.ts';
import { redactSecrets } from './log.ts';

const run = promisify(execFile);

export interface BackupOptions {
	/** Where backups go (BACKUP_DIR). */
	dir: string;
	/** Backups older than this many days are deleted; 0 keeps all (BACKUP_RETENTION_DAYS). */
	retentionDays: number;
	/** Where .env, config/ and docker-compose.yml are. */
	projectDir: string;
	/** The PostgreSQL database to dump (DATABASE_URL); unused on the embedded database. */
	databaseUrl?: string;
	now?: Date;
}

export interface BackupResult {
	folder: string;
	files: string[];
	/** Older backups deleted by the retention. */
	removed: string[];
}

const configCandidates = ['.env', 'config', 'docker-compose.yml', 'docker-compose.override.yml'];
const stampPattern = /^monster-(\d{8}T\d{6}Z)$/;

/** `20261201T030000Z`: the time in a backup's name, which the retention reads (copies keep it, unlike mtimes). */
export const backupStamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export async function runBackup(database: Database, options: BackupOptions): Promise<BackupResult> {
	const now = options.now ?? new Date();
	const name = `monster-${backupStamp(now)}`;
	const folder = join(options.dir, name);
	const partial = join(options.dir, `.${name}.partial`);
	await mkdir(options.dir, { recursive: true, mode: 0o700 });
	if (await exists(folder)) throw new Error(`${folder} already exists (two backups in the same second?)`);
	await mkdir(partial, { mode: 0o700 });
	try {
		await dumpDatabase(database, partial, options.databaseUrl);
		await archiveConfig(partial, options.projectDir);
		const files = (await readdir(partial)).sort();
		const sums = await Promise.all(files.map(async (file) => `${createHash('sha256').update(await readFile(join(partial, file))).digest('hex')}  ${file}\n`));
		await writeFile(join(partial, 'SHA256SUMS'), sums.join(''));
		for (const file of [...files, 'SHA256SUMS']) await chmod(join(partial, file), 0o600);
		await rename(partial, folder);
		return { folder, files: [...files, 'SHA256SUMS'], removed: await applyRetention(options.dir, options.retentionDays, now) };
	} finally {
		await rm(partial, { recursive: true, force: true });
	}
}

async function dumpDatabase(database: Database, into: string, url: string | undefined): Promise<void> {
	if (database.dumpDataDir) {
		await writeFile(join(into, 'database.pglite.tar.gz'), await database.dumpDataDir());
		return;
	}
	if (!url) throw new Error('no DATABASE_URL to dump');
	const file = join(into, 'database.dump');
	await tool('pg_dump', ['--dbname', url, '--format=custom', '--file', file], 'pg_dump not found: install the PostgreSQL client (15+), or run scripts/backup.sh --compose from the host');
	// A dump cut short (disk full, connection lost) fails here, not on the day of the restore.
	await tool('pg_restore', ['--list', file], 'pg_restore not found: install the PostgreSQL client (15+)');
}

async function archiveConfig(into: string, projectDir: string): Promise<void> {
	const present: string[] = [];
	for (const candidate of configCandidates) if (await exists(join(projectDir, candidate))) present.push(candidate);
	if (present.length === 0) return;
	await tool('tar', ['-czf', join(into, 'config.tar.gz'), '-C', projectDir, '--', ...present], 'tar not found');
}

async function applyRetention(dir: string, days: number, now: Date): Promise<string[]> {
	if (days <= 0) return [];
	const cutoff = backupStamp(new Date(now.getTime() - days * 86_400_000));
	const removed: string[] = [];
	for (const entry of await readdir(dir)) {
		const stamp = stampPattern.exec(entry)?.[1];
		if (!stamp || stamp >= cutoff) continue;
		await rm(join(dir, entry), { recursive: true, force: true });
		removed.push(entry);
	}
	return removed;
}

/** Runs a program of the machine; a missing one is said plainly instead of `spawn ENOENT`. */
async function tool(program: string, args: string[], whenMissing: string): Promise<void> {
	try {
		await run(program, args, { maxBuffer: 16 * 1024 * 1024 });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(whenMissing);
		const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
		throw new Error(`${program} failed${stderr ? `: ${redactSecrets(stderr).slice(0, 500)}` : ''}`);
	}
}

async function exists(path: string): Promise<boolean> {
	return stat(path).then(
		() => true,
		() => false
	);
}
