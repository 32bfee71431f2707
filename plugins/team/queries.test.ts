import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import { activeChantiers, chantierByChannel, chantiersByIds, findChantier, suggestChantiers } from './queries.ts';

describe.each(storageBackends)('chantier lookups on %s', (kind) => {
	let database: TestDatabase;
	const idOf = async (code: string) => (await findChantier(database.db, 'g', code))?.id ?? '';
	beforeAll(async () => {
		database = await createTestDatabase(kind);
		await database.db.execute(sql`insert into chantiers (guild_id, code, name, status, discord_channel_id) values
			('g', 'CH-1', 'Ecole Jaurès', 'actif', '501'),
			('g', 'CH-2', 'Atelier', 'en_pause', null),
			('g', 'CH-3', 'Bibliothèque', 'actif', '503'),
			('g', 'CH-4', 'Ancienne école', 'archive', null),
			('g', 'LOT-A', 'Dépôt', 'actif', null), ('g', 'LOT-B', 'lot-a', 'actif', null),
			('g', 'CH-5', 'Gymnase', 'actif', null), ('g', 'CH-6', 'Gymnase', 'termine', null),
			('g', 'CH_7', 'Cent % béton', 'actif', null),
			('autre', 'CH-9', 'Ailleurs', 'actif', null)`);
	});
	afterAll(() => database.destroy());

	it('finds a chantier by its code in any case, by its id, or by its name in any case', async () => {
		expect((await findChantier(database.db, 'g', 'CH-2'))?.name).toBe('Atelier');
		expect((await findChantier(database.db, 'g', ' ch-2 '))?.name).toBe('Atelier');
		expect((await findChantier(database.db, 'g', await idOf('CH-3')))?.code).toBe('CH-3');
		expect((await findChantier(database.db, 'g', 'ecole JAURès'))?.code).toBe('CH-1');
		// Archived chantiers are still found: old tasks and entries point at them.
		expect((await findChantier(database.db, 'g', 'ch-4'))?.name).toBe('Ancienne école');
	});

	it('finds nothing for another guild’s chantier, an unknown reference, or a reference fitting two chantiers', async () => {
		expect(await findChantier(database.db, 'g', 'CH-9')).toBeUndefined();
		expect(await findChantier(database.db, 'g', await findChantier(database.db, 'autre', 'CH-9').then((found) => found!.id))).toBeUndefined();
		expect(await findChantier(database.db, 'g', 'CH-99')).toBeUndefined();
		expect(await findChantier(database.db, 'g', '   ')).toBeUndefined();
		expect(await findChantier(database.db, 'g', 'gymnase')).toBeUndefined();
	});

	it('finds a chantier by a part of its name only it has, accents or none; a part two names share finds none', async () => {
		expect((await findChantier(database.db, 'g', 'biblio'))?.code).toBe('CH-3');
		expect((await findChantier(database.db, 'g', 'jaures'))?.code).toBe('CH-1');
		expect((await findChantier(database.db, 'g', '% bét'))?.code).toBe('CH_7');
		expect(await findChantier(database.db, 'g', 'ecole')).toBeUndefined();
		expect(await findChantier(database.db, 'g', 'gym')).toBeUndefined();
	});

	it('prefers a code over a name, and refuses a code that differs from another only by case', async () => {
		expect((await findChantier(database.db, 'g', 'lot-a'))?.name).toBe('Dépôt');
		expect((await findChantier(database.db, 'g', 'Lot-B'))?.name).toBe('lot-a');
		await expect(database.db.execute(sql`insert into chantiers (guild_id, code, name) values ('g', 'lot-A', 'Dépôt sud')`)).rejects.toThrow();
		await database.db.execute(sql`insert into chantiers (guild_id, code, name) values ('g', 'CH-8', 'ch-3')`);
		expect((await findChantier(database.db, 'g', 'ch-3'))?.name).toBe('Bibliothèque');
		await database.db.execute(sql`delete from chantiers where code = 'CH-8'`);
	});

	it('suggests chantiers whose code or name holds what is typed, in any case, active first, never archived', async () => {
		const codes = async (typed: string) => (await suggestChantiers(database.db, 'g', typed)).map((chantier) => chantier.code);
		expect(await codes('ECOLE')).toEqual(['CH-1']);
		expect(await codes('ch-')).toEqual(['CH-3', 'CH-1', 'CH-5', 'CH-2', 'CH-6']);
		expect(await codes('%')).toEqual(['CH_7']);
		expect(await codes('h_')).toEqual(['CH_7']);
		expect(await codes('')).toHaveLength(8);
		expect(await codes('ailleurs')).toEqual([]);
	});

	it('finds chantiers by channel and by ids, and lists the active ones', async () => {
		expect((await chantierByChannel(database.db, '503'))?.code).toBe('CH-3');
		const ids = [await idOf('CH-1'), null, await idOf('CH-2'), await idOf('CH-1')];
		expect((await chantiersByIds(database.db, ids)).map((chantier) => chantier.code).sort()).toEqual(['CH-1', 'CH-2']);
		expect(await chantiersByIds(database.db, [null])).toEqual([]);
		expect((await activeChantiers(database.db, 'g')).map((chantier) => chantier.code)).toEqual(['CH-3', 'CH_7', 'LOT-A', 'CH-1', 'CH-5', 'LOT-B']);
		await expect(database.db.execute(sql`insert into chantiers (guild_id, code, name) values ('g', 'CH-1', 'Doublon')`)).rejects.toThrow();
	});
});
