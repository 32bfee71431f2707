import { createServer, connect, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '#core/db/client.ts';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import type { MessageMetadata } from '../schema.ts';
import { messageRow } from './test-rows.ts';
import { MessageLogWriter, type DropReason, type MessageLogWriterOptions } from './writer.ts';

interface StoredMessage {
	message_id: string;
	content: string | null;
	metadata: MessageMetadata;
	/** Raw SQL through drizzle returns timestamps as text. */
	edited_at: string | null;
	deleted_at: string | null;
}

function recordingLogger() {
	return { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
}

describe.each(storageBackends)('message log writer on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
	});
	afterAll(() => database.destroy());
	beforeEach(async () => {
		await database.db.execute(sql`delete from messages`);
	});

	const stored = async (): Promise<StoredMessage[]> =>
		((await database.db.execute(
			sql`select message_id, content, metadata, edited_at, deleted_at from messages order by created_at, message_id`
		)) as unknown as { rows: StoredMessage[] }).rows;
	const count = async () => (await stored()).length;

	function writer(options: Partial<MessageLogWriterOptions> = {}) {
		const dropped: Record<DropReason, number> = { overflow: 0, rejected: 0, shutdown: 0 };
		const writes: number[] = [];
		const logger = recordingLogger();
		const instance = new MessageLogWriter({
			db: database.db,
			logger,
			retryInitialDelayMs: 20,
			retryMaxDelayMs: 200,
			onDropped: (n, reason) => (dropped[reason] += n),
			onWritten: (n) => writes.push(n),
			...options
		});
		return { instance, dropped, writes, logger };
	}

	it('1000 messages in, 1000 rows out, written in batches rather than one insert each', async () => {
		const { instance, writes } = writer({ batchSize: 250 });
		for (let index = 0; index < 1000; index++) expect(instance.recordCreate(messageRow(index))).toBe(true);
		await instance.close();
		expect(await count()).toBe(1000);
		expect(writes).toEqual([250, 250, 250, 250]);
	});

	it('writes a partial batch after the flush interval', async () => {
		const { instance } = writer({ batchSize: 1000, flushIntervalMs: 30 });
		instance.recordCreate(messageRow(1));
		await vi.waitFor(async () => expect(await count()).toBe(1), { timeout: 2000, interval: 20 });
		await instance.close();
	});

	it('applies edits recorded before their message was written after it, keeping each previous content', async () => {
		const { instance } = writer();
		const original = messageRow(1, { content: 'Béton à 8h' });
		instance.recordCreate(original);
		const firstEdit = new Date(original.createdAt.getTime() + 60_000);
		const secondEdit = new Date(original.createdAt.getTime() + 120_000);
		instance.recordEdit({ ...original, content: 'Béton à 9h', editedAt: firstEdit });
		instance.recordEdit({ ...original, content: 'Béton à 10h', editedAt: secondEdit });
		// A link preview arriving: an update without edit, same content, new embed.
		instance.recordEdit({
			...original,
			content: 'Béton à 10h',
			editedAt: null,
			metadata: { embeds: [{ type: 'link', title: 'Météo', url: 'https://meteo.example', description: null }] }
		});
		await instance.flush();
		const [row] = await stored();
		expect(row?.content).toBe('Béton à 10h');
		expect(new Date(row?.edited_at ?? 0).toISOString()).toBe(secondEdit.toISOString());
		expect(row?.metadata.edits?.map((edit) => [edit.content, edit.editedAt && new Date(edit.editedAt).toISOString()])).toEqual([
			['Béton à 8h', firstEdit.toISOString()],
			['Béton à 9h', secondEdit.toISOString()]
		]);
		expect(row?.metadata.embeds?.[0]?.title).toBe('Météo');
		await instance.close();
	});

	it('never lets an edit or deletion overtake its insert, batches being written concurrently', async () => {
		// A batch of inserts, then a batch editing the same messages right behind it: run side by side, the
		// edits would find no row yet.
		const { instance } = writer({ batchSize: 200, maxConcurrentWrites: 4 });
		const rows = Array.from({ length: 200 }, (_, index) => messageRow(index));
		for (const row of rows) instance.recordCreate(row);
		for (const row of rows) instance.recordEdit({ ...row, content: `corrigé ${row.messageId}`, editedAt: new Date(row.createdAt.getTime() + 5000) });
		for (const row of rows.slice(0, 50)) instance.recordDelete(row.messageId);
		await instance.close();
		const after = await stored();
		expect(after.filter((row) => row.content?.startsWith('corrigé'))).toHaveLength(200);
		expect(after.filter((row) => row.deleted_at !== null)).toHaveLength(50);
	});

	it('marks deleted messages (single and bulk) and keeps their rows', async () => {
		const { instance } = writer();
		for (let index = 0; index < 5; index++) instance.recordCreate(messageRow(index));
		instance.recordDelete(messageRow(0).messageId);
		instance.recordBulkDelete([messageRow(1).messageId, messageRow(2).messageId]);
		await instance.close();
		const rows = await stored();
		expect(rows).toHaveLength(5);
		expect(rows.map((row) => row.deleted_at !== null)).toEqual([true, true, true, false, false]);
		expect(rows[0]?.content).toBe(messageRow(0).content);
	});

	it('writing the same events twice changes nothing (a retried batch is harmless)', async () => {
		const original = messageRow(7);
		const events = (instance: MessageLogWriter) => {
			instance.recordCreate(original);
			instance.recordEdit({ ...original, content: 'corrigé', editedAt: new Date(original.createdAt.getTime() + 1000) });
			instance.recordDelete(original.messageId, new Date(original.createdAt.getTime() + 2000));
		};
		const first = writer();
		events(first.instance);
		await first.instance.close();
		const once = await stored();
		const second = writer();
		events(second.instance);
		await second.instance.close();
		expect(await stored()).toEqual(once);
		expect(once[0]?.metadata.edits).toHaveLength(1);
	});

	it('follows the policy: bots, direct messages, channels without content', async () => {
		const { instance } = writer({ policy: { contentExcludedChannelIds: new Set(['200000000000000009']) } });
		expect(instance.recordCreate(messageRow(1, { authorIsBot: true }))).toBe(false);
		expect(instance.recordCreate(messageRow(2, { guildId: null }))).toBe(false);
		const privateChannel = messageRow(3, {
			channelId: '200000000000000009',
			metadata: { attachments: [{ id: 'a', name: 'plan-secret.pdf', url: 'https://cdn/plan.pdf', contentType: 'application/pdf', size: 10 }] }
		});
		expect(instance.recordCreate(privateChannel)).toBe(true);
		instance.setPolicy({ includeBots: true, includeDMs: true });
		expect(instance.recordCreate(messageRow(4, { authorIsBot: true }))).toBe(true);
		expect(instance.recordCreate(messageRow(5, { guildId: null }))).toBe(true);
		await instance.close();
		const rows = await stored();
		expect(rows.map((row) => row.message_id)).toEqual([3, 4, 5].map((index) => messageRow(index).messageId));
		expect(rows[0]?.content).toBeNull();
		expect(rows[0]?.metadata.attachments).toEqual([{ id: 'a', name: null, url: null, contentType: 'application/pdf', size: 10 }]);
	});

	it('counts and logs a row the database refuses, and writes the rest of its batch', async () => {
		const { instance, dropped, logger } = writer();
		instance.recordCreate(messageRow(1));
		instance.recordCreate(messageRow(2, { channelId: null as unknown as string }));
		instance.recordCreate(messageRow(3));
		await instance.close();
		expect(await count()).toBe(2);
		expect(dropped.rejected).toBe(1);
		expect(logger.error).toHaveBeenCalledTimes(1);
	});

	it('keeps rows while writes fail (messages table renamed away), counts the overflow, then writes the rest', async () => {
		const { instance, dropped, logger } = writer({ batchSize: 10, maxBufferedEvents: 50 });
		await database.db.execute(sql`alter table messages rename to messages_offline`);
		try {
			for (let index = 0; index < 80; index++) instance.recordCreate(messageRow(index));
			await vi.waitFor(() => expect(instance.stats.failedAttempts).toBeGreaterThan(1), { timeout: 5000, interval: 10 });
		} finally {
			await database.db.execute(sql`alter table messages_offline rename to messages`);
		}
		await instance.close();
		expect(await count()).toBe(50);
		expect(dropped.overflow).toBe(30);
		// The first loss is logged at once, the rest summed up (here when the database answered again).
		const overflowReports = logger.error.mock.calls.filter(([, message]) => String(message).includes('buffer full'));
		expect(overflowReports.map(([fields]) => (fields as { dropped: number }).dropped)).toEqual([1, 29]);
		expect(instance.stats).toMatchObject({ buffered: 0, written: 50, failedAttempts: 0 });
	});

	it('close() gives up after its timeout while writes fail, and counts what it could not write', async () => {
		const { instance, dropped, logger } = writer();
		await database.db.execute(sql`alter table messages rename to messages_offline`);
		try {
			for (let index = 0; index < 20; index++) instance.recordCreate(messageRow(index));
			await instance.close({ timeoutMs: 300 });
		} finally {
			await database.db.execute(sql`alter table messages_offline rename to messages`);
		}
		expect(dropped.shutdown).toBe(20);
		expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ lost: 20 }), expect.any(String));
		expect(instance.recordCreate(messageRow(99))).toBe(false);
		expect(dropped.shutdown).toBe(21);
	});
});

/**
 * A TCP proxy in front of PostgreSQL: stopping it cuts every connection and refuses new ones, as a
 * database restart or a network loss would, while the test keeps its own connection to check rows.
 */
class CuttableProxy {
	#server: Server | undefined;
	readonly #sockets = new Set<Socket>();
	readonly port: number;
	private readonly target: { host: string; port: number };

	constructor(
		port: number,
		target: { host: string; port: number }
	) {
		this.port = port;
		this.target = target;
	}

	async start(): Promise<void> {
		this.#server = createServer((client) => {
			const upstream = connect(this.target.port, this.target.host);
			for (const socket of [client, upstream]) {
				this.#sockets.add(socket);
				socket.on('close', () => this.#sockets.delete(socket));
				socket.on('error', () => socket.destroy());
			}
			client.pipe(upstream).pipe(client);
		});
		this.#server.listen(this.port, '127.0.0.1');
		await once(this.#server, 'listening');
	}

	async stop(): Promise<void> {
		const server = this.#server;
		this.#server = undefined;
		for (const socket of this.#sockets) socket.destroy();
		if (server) await new Promise((resolve) => server.close(resolve));
	}
}

describe.runIf(storageBackends.includes('postgres'))('message log writer on postgres behind a cut connection', () => {
	it('keeps the rows while PostgreSQL is unreachable mid-stream (proxy stopped), and all rows are present after', async () => {
		const database = await createTestDatabase('postgres');
		const target = new URL(database.url ?? '');
		const probe = createServer().listen(0, '127.0.0.1');
		await once(probe, 'listening');
		const port = (probe.address() as { port: number }).port;
		await new Promise((resolve) => probe.close(resolve));
		const proxy = new CuttableProxy(port, { host: target.hostname, port: Number(target.port || 5432) });
		await proxy.start();
		const throughProxy = new URL(target.href);
		throughProxy.host = `127.0.0.1:${port}`;
		const logger = recordingLogger();
		const viaProxy = await openDatabase({ url: throughProxy.href, poolSize: 2, logger: logger as never });
		const instance = new MessageLogWriter({
			db: viaProxy.db,
			logger,
			batchSize: 100,
			flushIntervalMs: 20,
			retryInitialDelayMs: 50,
			retryMaxDelayMs: 400
		});
		try {
			for (let index = 0; index < 500; index++) instance.recordCreate(messageRow(index));
			await instance.flush();
			await proxy.stop();
			for (let index = 500; index < 1000; index++) instance.recordCreate(messageRow(index));
			await vi.waitFor(() => expect(instance.stats.failedAttempts).toBeGreaterThan(1), { timeout: 10_000, interval: 20 });
			expect(instance.stats.buffered).toBe(500);
			await proxy.start();
			await instance.close({ timeoutMs: 20_000 });
			const [row] = ((await database.db.execute(sql`select count(*)::int as n from messages`)) as unknown as { rows: { n: number }[] }).rows;
			expect(row?.n).toBe(1000);
			expect(instance.stats.dropped).toEqual({ overflow: 0, rejected: 0, shutdown: 0 });
			expect(logger.info).toHaveBeenCalledWith(expect.anything(), expect.stringContaining('answers again'));
		} finally {
			await viaProxy.close();
			await proxy.stop();
			await database.destroy();
		}
	}, 60_000);
});
