import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import { listTasks } from './queries.ts';

describe.each(storageBackends)('task lists on %s', (kind) => {
	let database: TestDatabase;
	let chantierId = '';
	beforeAll(async () => {
		database = await createTestDatabase(kind);
		const [chantier] = ((await database.db.execute(
			sql`insert into chantiers (guild_id, code, name) values ('g', 'CH-1', 'Ecole') returning id`
		)) as unknown as { rows: { id: string }[] }).rows;
		chantierId = chantier?.id ?? '';
		await database.db.execute(sql`insert into tasks (guild_id, title, status, priority, tags, due_date, assignee_id, creator_id, chantier_id) values
			('g', 'normale sans date', 'a_faire', 'normale', '{}', null, 'u1', 'chef', null),
			('g', 'urgente demain', 'en_cours', 'urgente', '{securite}', '2026-11-26', 'u2', 'chef', ${chantierId}),
			('g', 'normale en retard', 'en_attente', 'normale', '{livraison}', '2026-11-20', 'u1', 'chef', ${chantierId}),
			('g', 'haute', 'a_faire', 'haute', '{securite,livraison}', '2026-12-01', null, 'chef', null),
			('g', 'faite', 'terminee', 'urgente', '{securite}', '2026-11-10', 'u1', 'chef', null),
			('g', 'annulée', 'annulee', 'basse', '{}', null, 'u1', 'chef', null),
			('autre', 'autre guilde', 'a_faire', 'urgente', '{}', null, 'u1', 'chef', null)`);
	});
	afterAll(() => database.destroy());

	const titles = async (filter: Parameters<typeof listTasks>[1]) => (await listTasks(database.db, filter)).map((task) => task.title);

	it('lists open tasks of the guild, most urgent first, undated last', async () => {
		expect(await titles({ guildId: 'g' })).toEqual(['urgente demain', 'haute', 'normale en retard', 'normale sans date']);
	});

	it('filters by assignee, chantier, tag, priority and overdue date', async () => {
		expect(await titles({ guildId: 'g', assigneeId: 'u1' })).toEqual(['normale en retard', 'normale sans date']);
		expect(await titles({ guildId: 'g', chantierId })).toEqual(['urgente demain', 'normale en retard']);
		expect(await titles({ guildId: 'g', tag: 'livraison' })).toEqual(['haute', 'normale en retard']);
		expect(await titles({ guildId: 'g', priority: 'normale' })).toEqual(['normale en retard', 'normale sans date']);
		expect(await titles({ guildId: 'g', overdueAsOf: '2026-11-25' })).toEqual(['normale en retard']);
	});

	it('lists closed tasks on demand, done ones by completion', async () => {
		expect(await titles({ guildId: 'g', statuses: ['terminee'] })).toEqual(['faite']);
		expect(await titles({ guildId: 'g', statuses: ['annulee'] })).toEqual(['annulée']);
	});
});
