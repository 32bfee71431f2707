import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import { activeChantiers, chantierByChannel, chantierByCode } from './queries.ts';

describe.each(storageBackends)('chantier queries on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
	});
	afterAll(() => database.destroy());

	it('finds a chantier by code and by channel, lists the active ones, refuses a duplicate code', async () => {
		await database.db.execute(sql`insert into chantiers (guild_id, code, name, status, discord_channel_id) values
			('g', 'CH-1', 'Ecole', 'actif', '501'), ('g', 'CH-2', 'Atelier', 'en_pause', null), ('g', 'CH-3', 'Bibliothèque', 'actif', '503')`);
		expect((await chantierByCode(database.db, 'g', 'CH-2'))?.name).toBe('Atelier');
		expect((await chantierByChannel(database.db, '503'))?.code).toBe('CH-3');
		expect((await activeChantiers(database.db, 'g')).map((chantier) => chantier.code)).toEqual(['CH-3', 'CH-1']);
		await expect(database.db.execute(sql`insert into chantiers (guild_id, code, name) values ('g', 'CH-1', 'Doublon')`)).rejects.toThrow();
	});
});
