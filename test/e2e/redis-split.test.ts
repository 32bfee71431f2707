// The arrangement of docker-compose.yml: an evicting cache Redis (REDIS_URL) beside a `noeviction`
// queue Redis (REDIS_QUEUE_URL). Two databases of the test Redis stand in for the two servers.
import { join } from 'node:path';
import { container } from '@sapphire/framework';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

const testRedisUrl = process.env.TEST_REDIS_URL;
const ticker = join(import.meta.dirname, '../fixtures/plugins/ticker');

function database(index: number): string {
	const url = new URL(testRedisUrl!);
	url.pathname = `/${index}`;
	return url.href;
}

async function keys(client: Redis, pattern: string): Promise<string[]> {
	const found: string[] = [];
	let cursor = '0';
	do {
		const [next, batch] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
		cursor = next;
		found.push(...batch);
	} while (cursor !== '0');
	return found;
}

describe.skipIf(!testRedisUrl)(testRedisUrl ? 'cache and task queue on two Redis servers' : 'skipped: set TEST_REDIS_URL to run', () => {
	let bot: TestBot;
	let cacheRedis: Redis;
	let queueRedis: Redis;
	let prefix: string;

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks'], pluginFolders: [ticker], redis: true, env: { REDIS_URL: database(13), REDIS_QUEUE_URL: database(14) } });
		prefix = container.config.REDIS_PREFIX;
		cacheRedis = new Redis(database(13));
		queueRedis = new Redis(database(14));
	});
	afterAll(async () => {
		await bot?.stop();
		cacheRedis?.disconnect();
		queueRedis?.disconnect();
	});

	it('runs the scheduled tasks from the queue Redis and keeps the cache out of it', async () => {
		await eventually(() => bot.server.botMessages.filter((event) => event.kind === 'create' && event.message.content === 'beat').length >= 2);
		await bot.server.sendMessage({ content: '!tache Commander les parpaings' });
		await bot.server.waitForMessage((message) => message.embeds.length > 0);

		expect(await keys(queueRedis, `bull:${prefix}-scheduled-tasks:*`)).not.toEqual([]);
		expect(await keys(queueRedis, `${prefix}:*`)).toEqual([]);
		expect(await keys(cacheRedis, `${prefix}:*`)).not.toEqual([]);
		expect(await keys(cacheRedis, `bull:${prefix}-*`)).toEqual([]);
	});

	it('leaves only expiring keys in the cache Redis, so evicting any of them loses nothing lasting', async () => {
		await bot.server.sendMessage({ content: '!ping' });
		await (await bot.server.sendSlashCommand({ name: 'resume', userId: bot.server.guild.members.admin! })).waitForResponses(2, 30_000);
		const cached = await keys(cacheRedis, `${prefix}:*`);
		const withoutExpiry = [];
		for (const key of cached) if ((await cacheRedis.pttl(key)) < 0) withoutExpiry.push(key);
		expect(cached).not.toEqual([]);
		expect(withoutExpiry).toEqual([]);
	});
});
