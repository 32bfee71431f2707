import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * PGlite does not lock its data directory, and a second process opening it loses writes silently.
 * A lock file holding our pid refuses the second opener; a lock left by a dead process is taken over.
 * A lock with our own pid that this process did not take is stale too: in a container the bot is
 * always pid 1, so a crash leaves a lock that names the next start's pid.
 */
const heldHere = new Set<string>();

export function acquireDirectoryLock(lockPath: string): () => void {
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(lockPath, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			heldHere.add(lockPath);
			return () => {
				heldHere.delete(lockPath);
				rmSync(lockPath, { force: true });
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number(readFileSync(lockPath, 'utf8'));
			const ours = owner === process.pid;
			if ((ours && heldHere.has(lockPath)) || (!ours && owner && isAlive(owner))) {
				throw new Error(
					`The embedded database is already open in process ${owner} (lock ${lockPath}). Stop that process, or set DATABASE_URL to share a PostgreSQL server between processes.`
				);
			}
			rmSync(lockPath, { force: true });
		}
	}
	throw new Error(`Could not take the database lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
