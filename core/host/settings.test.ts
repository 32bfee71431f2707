import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCache, type Cache } from '../cache/cache.ts';
import { botConfig } from '../db/schema.ts';
import { createTestDatabase, storageBackends, type TestDatabase } from '../../test/support/databases.ts';
import { eventually } from '../../test/support/bot.ts';
import { inEachLanguage, SettingsError, SettingsStore, settingKeys } from './settings.ts';

const logger = pino({ level: 'silent' });
const redisUrl = process.env.TEST_REDIS_URL;

const schema = z.object({
	reminderHour: z.number().int().min(0).max(23).default(7),
	channel: z.string().min(1).optional(),
	tags: z.array(z.string()).default([])
});

/** Two bot instances sharing one database: on PostgreSQL with Redis as their bus when available. */
describe.each(storageBackends)('settings per server, shared by two instances (%s)', (kind) => {
	let database: TestDatabase;
	const caches: Cache[] = [];
	const stores: SettingsStore[] = [];
	afterEach(async () => {
		for (const store of stores.splice(0)) await store.stop();
		for (const cache of caches.splice(0)) await cache.close();
		await database.destroy();
	});

	async function twoInstances() {
		database = await createTestDatabase(kind);
		const prefix = `settings-test-${Math.random().toString(36).slice(2)}:`;
		const url = kind === 'postgres' ? redisUrl : undefined;
		const first = await createCache({ url, keyPrefix: prefix, logger });
		const second = url ? await createCache({ url, keyPrefix: prefix, logger }) : first;
		caches.push(...new Set([first, second]));
		const a = new SettingsStore(database.db, first, logger);
		const b = new SettingsStore(database.db, second, logger);
		stores.push(a, b);
		await Promise.all([a.start(), b.start()]);
		return { a, b };
	}

	it('gives the schema defaults, then the bot-wide value, then the server value', async () => {
		const { a } = await twoInstances();
		expect(a.resolve('tasks', schema, '111')).toEqual({ reminderHour: 7, tags: [] });
		await a.set('tasks', schema, 'reminderHour', 6, { actor: 'owner' });
		await a.set('tasks', schema, 'reminderHour', 9, { guildId: '111', actor: 'admin' });
		expect(a.resolve('tasks', schema, '111').reminderHour).toBe(9);
		expect(a.resolve('tasks', schema, '222').reminderHour).toBe(6);
		expect(a.resolve('tasks', schema).reminderHour).toBe(6);
	});

	it('reaches the other instance within a second, without a reload', async () => {
		const { a, b } = await twoInstances();
		expect(b.resolve('planning', schema, '111').channel).toBeUndefined();
		await a.set('planning', schema, 'channel', 'général', { guildId: '111', actor: 'admin' });
		await eventually(() => b.resolve('planning', schema, '111').channel === 'général', 1_000);
		await a.reset('planning', schema, 'channel', { guildId: '111', actor: 'admin' });
		await eventually(() => b.resolve('planning', schema, '111').channel === undefined, 1_000);
	});

	it('refuses a value the schema refuses, naming the field, and stores nothing', async () => {
		const { a } = await twoInstances();
		const refused = await a.set('tasks', schema, 'reminderHour', 25, { guildId: '111', actor: 'admin' }).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(SettingsError);
		expect((refused as SettingsError).issues).toEqual([{ key: 'reminderHour', message: expect.stringContaining('23') }]);
		const unknown = await a.set('tasks', schema, 'colour', 'red', { actor: 'owner' }).catch((error: unknown) => error);
		expect((unknown as SettingsError).issues[0]).toMatchObject({ key: 'colour', message: expect.stringContaining('reminderHour, channel, tags') });
		expect(await database.db.select().from(botConfig)).toEqual([]);
		expect(a.resolve('tasks', schema, '111').reminderHour).toBe(7);
	});

	it('says a schema’s own refusal in the admin’s language when it gives one per language', async () => {
		const { a } = await twoInstances();
		const shifts = z.object({
			shift: z.string().default('8h').refine((value) => /^\d+h$/.test(value), inEachLanguage({ fr: 'une heure comme 8h', en: 'an hour such as 8h' }))
		});
		const refusal = (locale: 'fr' | 'en') =>
			a.set('planning', shifts, 'shift', 'matin', { guildId: '111', actor: 'admin', locale }).catch((error: unknown) => (error as SettingsError).issues);
		expect(await refusal('fr')).toEqual([{ key: 'shift', message: 'une heure comme 8h' }]);
		expect(await refusal('en')).toEqual([{ key: 'shift', message: 'an hour such as 8h' }]);
		expect(a.resolve('planning', shifts, '111').shift).toBe('8h');
	});

	it('keeps both of two keys written at the same time', async () => {
		const { a, b } = await twoInstances();
		await Promise.all([
			a.set('tasks', schema, 'reminderHour', 5, { guildId: '1', actor: 'x' }),
			b.set('tasks', schema, 'channel', 'logs', { guildId: '1', actor: 'y' })
		]);
		await eventually(() => a.resolve('tasks', schema, '1').reminderHour === 5 && a.resolve('tasks', schema, '1').channel === 'logs', 1_000);
	});

	it('ignores a server value that no longer fits the schema, and uses the bot-wide one', async () => {
		const { a } = await twoInstances();
		await a.set('tasks', schema, 'reminderHour', 8, { actor: 'owner' });
		await database.db.insert(botConfig).values({ key: 'plugins.tasks.settings.333', value: { reminderHour: 'soon' } });
		await a.refresh();
		expect(a.resolve('tasks', schema, '333').reminderHour).toBe(8);
		expect(() => a.checkGlobal('tasks', schema)).not.toThrow();
		await database.db.insert(botConfig).values({ key: 'plugins.broken.settings', value: { reminderHour: -1 } });
		await a.refresh();
		expect(() => a.checkGlobal('broken', schema)).toThrow(/invalid settings: reminderHour/);
	});

	it('keeps the core settings apart from plugins', async () => {
		const { a } = await twoInstances();
		const core = z.object({ timezone: z.string().default('Europe/Paris') });
		await a.set('core', core, 'timezone', 'America/Montreal', { guildId: '444', actor: 'admin' });
		expect(a.resolve('core', core, '444').timezone).toBe('America/Montreal');
		expect(a.resolve('core', core).timezone).toBe('Europe/Paris');
		expect((await database.db.select({ key: botConfig.key }).from(botConfig)).map((row) => row.key)).toEqual(['core.settings.444']);
	});
});

describe('setting keys of a schema', () => {
	it('reads an object schema, with or without a transform', () => {
		expect(settingKeys(schema)).toEqual(['reminderHour', 'channel', 'tags']);
		expect(settingKeys(schema.transform((value) => value))).toEqual(['reminderHour', 'channel', 'tags']);
	});
});
