import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '../../test/support/databases.ts';
import { pluginDataStore } from './plugin-data.ts';

describe.each(storageBackends)('plugin data store on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
	});
	afterAll(() => database.destroy());

	it('keeps each plugin in its namespace: get, set (upsert), list by prefix, find by content, delete', async () => {
		const meteo = pluginDataStore(database.db, 'meteo');
		const other = pluginDataStore(database.db, 'other');
		await meteo.set('site:CH-1', { city: 'Lyon', alerts: ['vent'] });
		await meteo.set('site:CH-2', { city: 'Nantes', alerts: [] });
		await meteo.set('site_x', { city: 'Lyon' });
		await other.set('site:CH-1', { city: 'Lyon' });
		await meteo.set('site:CH-2', { city: 'Brest', alerts: ['pluie'] });

		expect(await meteo.get('site:CH-2')).toEqual({ city: 'Brest', alerts: ['pluie'] });
		expect(await meteo.get('missing')).toBeUndefined();
		expect((await meteo.list('site:')).map((entry) => entry.key)).toEqual(['site:CH-1', 'site:CH-2']);
		expect((await meteo.find({ city: 'Lyon' })).map((entry) => entry.key)).toEqual(['site:CH-1', 'site_x']);
		expect((await meteo.find({ alerts: ['pluie'] })).map((entry) => entry.key)).toEqual(['site:CH-2']);
		expect(await meteo.delete('site:CH-1')).toBe(true);
		expect(await meteo.delete('site:CH-1')).toBe(false);
		expect(await other.get('site:CH-1')).toEqual({ city: 'Lyon' });
	});
});
