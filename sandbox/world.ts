/** The sandbox's Discord world is made once per data folder, so what was stored under its ids is found again. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORLD_FILE = 'sandbox-discord.json';

/**
 * When this data folder's sandbox world was first made: read from the folder, or now (and kept there).
 * The local Discord server derives its guild, channel and member ids from it.
 */
export function sandboxWorldCreatedAt(dataDir: string): number {
	const file = join(dataDir, WORLD_FILE);
	try {
		const { createdAt } = JSON.parse(readFileSync(file, 'utf8')) as { createdAt?: unknown };
		if (typeof createdAt === 'number' && Number.isSafeInteger(createdAt)) return createdAt;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	const createdAt = Date.now();
	mkdirSync(dataDir, { recursive: true });
	writeFileSync(file, `${JSON.stringify({ createdAt })}\n`);
	return createdAt;
}
