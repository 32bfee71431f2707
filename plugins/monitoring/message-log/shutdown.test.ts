import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '#core/db/client.ts';
import { createTestDatabase, storageBackends } from '#test/support/databases.ts';
import { typeScriptLoader } from '../../../core/runtime/typescript-loader.ts';

const child = fileURLToPath(new URL('./test-shutdown-child.ts', import.meta.url));

interface ChildReport {
	signal?: string;
	recorded: number;
	bufferedAtSignal?: number;
	stats?: { dropped: Record<string, number> };
}

/** Runs the child on `target`, signals it once it has recorded `after` messages, returns its last report. */
async function streamThenSignal(target: string, signal: NodeJS.Signals, after: number): Promise<{ code: number | null; report: ChildReport }> {
	const process_ = spawn(process.execPath, ['--import', typeScriptLoader, child, target], { stdio: ['ignore', 'pipe', 'inherit'] });
	let report: ChildReport = { recorded: 0 };
	let signalled = false;
	for await (const line of createInterface({ input: process_.stdout })) {
		report = JSON.parse(line) as ChildReport;
		if (!signalled && report.recorded >= after) {
			signalled = true;
			process_.kill(signal);
		}
	}
	const code = process_.exitCode ?? (await new Promise<number | null>((resolve) => process_.once('exit', resolve)));
	return { code, report };
}

async function messageCount(database: Database): Promise<number> {
	const result = (await database.db.execute(sql`select count(*)::int as n from messages`)) as unknown as { rows: { n: number }[] };
	return result.rows[0]?.n ?? -1;
}

describe.each(storageBackends)('message log shutdown on %s', (kind) => {
	it.each(['SIGTERM', 'SIGINT'] as const)(
		'%s mid-stream: the buffer is written before exit, every recorded message is in the database',
		async (signal) => {
			if (kind === 'postgres') {
				const database = await createTestDatabase('postgres');
				try {
					const { code, report } = await streamThenSignal(database.url ?? '', signal, 3000);
					expect(code).toBe(0);
					expect(report.signal).toBe(signal);
					expect(report.bufferedAtSignal).toBeGreaterThan(0);
					expect(await messageCount(database)).toBe(report.recorded);
				} finally {
					await database.destroy();
				}
				return;
			}
			const dataDir = mkdtempSync(join(tmpdir(), 'monster-shutdown-'));
			try {
				const setup = await openDatabase({ dataDir });
				await setup.migrate();
				await setup.close();
				const { code, report } = await streamThenSignal(dataDir, signal, 3000);
				expect(code).toBe(0);
				expect(report.bufferedAtSignal).toBeGreaterThan(0);
				const reopened = await openDatabase({ dataDir });
				try {
					expect(await messageCount(reopened)).toBe(report.recorded);
				} finally {
					await reopened.close();
				}
			} finally {
				rmSync(dataDir, { recursive: true, force: true });
			}
		},
		120_000
	);
});
