import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import { countTasksCreatedBy, countTasksDoneBy, listTasks } from './queries.ts';

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

describe.each(storageBackends)('a member’s task figures on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
		// Created and done on 3 November unless said otherwise; u1 assigns, u2 does.
		await database.db.execute(sql`insert into tasks (guild_id, title, status, creator_id, assignee_id, created_at, completed_at) values
			('g', 'assignée et faite', 'terminee', 'u1', 'u2', '2026-11-03T09:00Z', '2026-11-03T15:00Z'),
			('g', 'pour personne, faite', 'terminee', 'u1', null, '2026-11-03T09:00Z', '2026-11-03T16:00Z'),
			('g', 'ouverte', 'a_faire', 'u1', 'u2', '2026-11-03T10:00Z', null),
			('g', 'créée avant', 'terminee', 'u1', null, '2026-10-20T10:00Z', '2026-11-03T17:00Z'),
			('g', 'faite après', 'terminee', 'u2', null, '2026-11-03T10:00Z', '2026-11-05T10:00Z'),
			('autre', 'autre guilde', 'terminee', 'u1', null, '2026-11-03T10:00Z', '2026-11-03T11:00Z')`);
	});
	afterAll(() => database.destroy());

	const period = { guildId: 'g', from: new Date('2026-11-01T00:00Z'), to: new Date('2026-11-04T00:00Z') };
	const created = async (userId: string) => (await countTasksCreatedBy(database.db, { ...period, userId }))[0]?.value;
	const done = async (userId: string) => (await countTasksDoneBy(database.db, { ...period, userId }))[0]?.value;

	it('counts the tasks a member created in the period, in their guild', async () => {
		expect(await created('u1')).toBe(3);
		expect(await created('u2')).toBe(1);
	});

	it('counts a done task for its assignee, or for its creator when it had none', async () => {
		expect(await done('u2')).toBe(1);
		expect(await done('u1')).toBe(2);
	});
});
