import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';
import { messages } from '../../plugins/monitoring/schema.ts';

describe('message log across reloads of the monitoring plugin', () => {
	let bot: TestBot;
	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'monitoring'] });
	});
	afterAll(() => bot?.stop());

	it('loses no message sent while the plugin reloads, again and again', async () => {
		const sent: string[] = [];
		const posting = (async () => {
			for (let index = 0; index < 150; index++) {
				sent.push((await bot.server.sendMessage({ content: `message ${index}` })).id);
				if (index % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
			}
		})();
		// Forced: the files did not change, and a plain load of unchanged files re-imports nothing.
		for (let round = 0; round < 5; round++) await bot.monster.host.load('monitoring', { force: true });
		await posting;
		await eventually(async () => (await bot.database.db.select({ id: messages.messageId }).from(messages).where(inArray(messages.messageId, sent))).length === sent.length, 10_000);
		expect(bot.monster.host.get('monitoring')?.reloads).toBe(5);
	});

	it('keeps what is buffered while the database is unreachable across a reload, and writes it once the database is back', async () => {
		// The table renamed away stands for a database that refuses writes (PGlite cannot be stopped on its own).
		await bot.database.db.execute(sql`alter table messages rename to messages_away`);
		const sent: string[] = [];
		try {
			for (let index = 0; index < 20; index++) sent.push((await bot.server.sendMessage({ content: `pendant la panne ${index}` })).id);
			await bot.server.sendMessage({ content: '!ping' });
			await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('Pong') ?? false));
			await bot.monster.host.load('monitoring', { force: true });
		} finally {
			await bot.database.db.execute(sql`alter table messages_away rename to messages`);
		}
		await eventually(async () => (await bot.database.db.select({ id: messages.messageId }).from(messages).where(inArray(messages.messageId, sent))).length === sent.length, 15_000);
	}, 40_000);

	it('runs the edited writer code after a reload, with the buffer handed over', async () => {
		const writerFile = join(bot.pluginsDir, 'monitoring/message-log/writer.ts');
		appendFileSync(writerFile, '\nObject.assign(MessageLogWriter, { edition: 2 });\n');
		const before = bot.monster.host.contextOf('monitoring')!.kept<object>('message-log')!;
		const sent: string[] = [];
		for (let index = 0; index < 20; index++) sent.push((await bot.server.sendMessage({ content: `avant l’édition ${index}` })).id);
		await bot.monster.host.load('monitoring');
		const after = bot.monster.host.contextOf('monitoring')!.kept<object>('message-log')!;
		expect(after).not.toBe(before);
		expect((after.constructor as { edition?: number }).edition).toBe(2);
		for (let index = 0; index < 20; index++) sent.push((await bot.server.sendMessage({ content: `après l’édition ${index}` })).id);
		await eventually(async () => (await bot.database.db.select({ id: messages.messageId }).from(messages).where(inArray(messages.messageId, sent))).length === sent.length, 10_000);
	});
});
