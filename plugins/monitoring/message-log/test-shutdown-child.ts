/*
 * Child process of shutdown.test.ts: streams messages into a MessageLogWriter until SIGTERM or SIGINT,
 * then shuts down as the bot does (close the writer, then the database) and reports what it recorded.
 * Usage: node --import ./core/runtime/typescript.mjs plugins/monitoring/message-log/test-shutdown-child.ts <postgres-url | pglite-data-dir>
 */
import { openDatabase } from '#core/db/client.ts';
import { messageRow } from './test-rows.ts';
import { MessageLogWriter } from './writer.ts';

const [target = ''] = process.argv.slice(2);
const database = await openDatabase(target.startsWith('postgres') ? { url: target } : { dataDir: target });
// A long interval and big batches: at any moment hundreds of messages wait in the buffer.
const writer = new MessageLogWriter({ db: database.db, batchSize: 512, flushIntervalMs: 60_000 });

let recorded = 0;
let streaming = true;

async function shutdown(signal: string): Promise<void> {
	streaming = false;
	const bufferedAtSignal = writer.stats.buffered;
	await writer.close({ timeoutMs: 30_000 });
	await database.close();
	process.stdout.write(`${JSON.stringify({ signal, recorded, bufferedAtSignal, stats: writer.stats })}\n`);
	process.exit(0);
}
process.once('SIGTERM', (signal) => void shutdown(signal));
process.once('SIGINT', (signal) => void shutdown(signal));

/** 70 a tick against batches of 512: the buffer is never empty between 1 and 17,920 messages. */
function streamSome(): void {
	if (!streaming) return;
	const before = recorded;
	for (let index = 0; index < 70; index++) writer.recordCreate(messageRow(recorded++));
	if (Math.floor(recorded / 1000) > Math.floor(before / 1000)) process.stdout.write(`${JSON.stringify({ recorded })}\n`);
	setTimeout(streamSome, 1);
}
streamSome();
