import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache, type Cache } from '../cache/cache.ts';
import { createTestDatabase, storageBackends, type TestDatabase } from '../../test/support/databases.ts';
import { eventually } from '../../test/support/bot.ts';
import { PluginSwitches } from './switches.ts';

const logger = pino({ level: 'silent' });
const redisUrl = process.env.TEST_REDIS_URL;

/** Two bot instances sharing one database: on PostgreSQL with Redis as their bus when available. */
describe.each(storageBackends)('plugin switches shared by two instances (%s)', (kind) => {
	let database: TestDatabase;
	const caches: Cache[] = [];
	const instances: PluginSwitches[] = [];
	afterEach(async () => {
		for (const instance of instances.splice(0)) await instance.stop();
		for (const cache of caches.splice(0)) await cache.close();
		await database.destroy();
	});

	async function twoInstances() {
		database = await createTestDatabase(kind);
		const prefix = `switches-test-${Math.random().toString(36).slice(2)}:`;
		const url = kind === 'postgres' ? redisUrl : undefined;
		const first = await createCache({ url, keyPrefix: prefix, logger });
		const second = url ? await createCache({ url, keyPrefix: prefix, logger }) : first;
		caches.push(...new Set([first, second]));
		const a = new PluginSwitches(database.db, first, logger);
		const b = new PluginSwitches(database.db, second, logger);
		instances.push(a, b);
		await Promise.all([a.start(), b.start()]);
		return { a, b };
	}

	it('a switch set on one instance reaches the other within a second', async () => {
		const { a, b } = await twoInstances();
		let changes = 0;
		b.onChange(() => changes++);
		await a.set('tasks', false, { guildId: '111', actor: 'admin' });
		await eventually(() => b.get('tasks').guilds['111'] === false, 1_000);
		expect(changes).toBe(1);
		await a.set('tasks', true, { actor: 'admin' });
		await eventually(() => b.get('tasks').global === true, 1_000);
		expect(b.get('tasks').guilds['111']).toBe(false);
	});

	it('keeps both of two switches written at the same time for different guilds', async () => {
		const { a, b } = await twoInstances();
		await Promise.all([a.set('planning', false, { guildId: '1', actor: 'x' }), b.set('planning', true, { guildId: '2', actor: 'y' })]);
		await eventually(() => a.get('planning').guilds['1'] === false && a.get('planning').guilds['2'] === true, 1_000);
	});

	it('removes a guild override with null, falling back to the bot-wide switch', async () => {
		const { a, b } = await twoInstances();
		await a.set('team', false, { actor: 'x' });
		await a.set('team', true, { guildId: '5', actor: 'x' });
		// The other instance must have seen the override first, or its absence there proves nothing.
		await eventually(() => b.get('team').guilds['5'] === true, 1_000);
		await a.set('team', null, { guildId: '5', actor: 'x' });
		expect(a.get('team')).toEqual({ global: false, guilds: {} });
		await eventually(() => !('5' in b.get('team').guilds), 1_000);
		expect(b.get('team')).toEqual({ global: false, guilds: {} });
	});
});
