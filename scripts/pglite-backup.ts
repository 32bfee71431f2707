/**
 * The embedded database (PGlite, no DATABASE_URL) for scripts/backup.sh and scripts/restore.sh:
 *   node --import ./core/runtime/typescript.mjs scripts/pglite-backup.ts dump DATA_DIR FILE.tar.gz     its data directory, gzipped
 *   node --import ./core/runtime/typescript.mjs scripts/pglite-backup.ts restore FILE.tar.gz DATA_DIR  replaces it (the old one is kept aside)
 * Both take the database's lock, so they refuse to run while the bot has the database open.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteExtensions } from '../core/db/client.ts';
import { acquireDirectoryLock } from '../core/db/lock.ts';

const [command, first, second] = process.argv.slice(2);

/** The same folder and lock file as core/db/client.ts. */
function locations(dataDir: string): { folder: string; lock: string } {
	return { folder: resolve(dataDir, 'pglite'), lock: join(resolve(dataDir), 'pglite.lock') };
}

async function dump(dataDir: string, file: string): Promise<void> {
	const { folder, lock } = locations(dataDir);
	if (!existsSync(folder)) throw new Error(`no embedded database in ${folder}`);
	const release = acquireDirectoryLock(lock);
	try {
		const client = await PGlite.create({ dataDir: folder, extensions: pgliteExtensions });
		try {
			const archive = await client.dumpDataDir('gzip');
			writeFileSync(file, Buffer.from(await archive.arrayBuffer()), { mode: 0o600 });
		} finally {
			await client.close();
		}
	} finally {
		release();
	}
}

async function restore(file: string, dataDir: string): Promise<void> {
	const { folder, lock } = locations(dataDir);
	mkdirSync(resolve(dataDir), { recursive: true });
	const release = acquireDirectoryLock(lock);
	const aside = `${folder}.before-restore-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}`;
	try {
		if (existsSync(folder)) renameSync(folder, aside);
		try {
			const client = await PGlite.create({ dataDir: folder, loadDataDir: new Blob([readFileSync(file)]), extensions: pgliteExtensions });
			try {
				await client.query('select 1');
			} finally {
				await client.close();
			}
		} catch (error) {
			// Put the previous database back: a failed restore changes nothing.
			rmSync(folder, { recursive: true, force: true });
			if (existsSync(aside)) renameSync(aside, folder);
			throw error;
		}
		if (existsSync(aside)) console.error(`pglite-backup: the previous database is kept in ${aside} (delete it once the bot runs well)`);
	} finally {
		release();
	}
}

try {
	if (command === 'dump' && first && second) await dump(first, second);
	else if (command === 'restore' && first && second) await restore(first, second);
	else {
		console.error('Usage: node --import ./core/runtime/typescript.mjs scripts/pglite-backup.ts dump DATA_DIR FILE.tar.gz | restore FILE.tar.gz DATA_DIR');
		process.exitCode = 2;
	}
} catch (error) {
	console.error(`pglite-backup: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
}
