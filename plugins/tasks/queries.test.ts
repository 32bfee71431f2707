import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import { countTasksCreatedBy, countTasksDoneBy, listTasks } from './queries.ts';
import { countTasks } from './task-queries.ts';

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

describe.each(storageBackends)('task list pages on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
		// 61 open tasks full of ties: 4 priorities, 5 due dates or none, created in one statement (same instant),
		// 17 done ones completed in 3 instants, and others' tasks.
		await database.db.execute(sql`insert into tasks (guild_id, title, status, priority, due_date, creator_id)
			select 'p', 'ouverte ' || g, (array['a_faire', 'en_cours', 'en_attente'])[1 + g % 3]::task_status,
				(array['basse', 'normale', 'haute', 'urgente'])[1 + g % 4]::task_priority,
				case when g % 6 = 0 then null else date '2026-12-01' + g % 5 end, 'chef'
			from generate_series(1, 61) g`);
		await database.db.execute(sql`insert into tasks (guild_id, title, status, creator_id, completed_at)
			select 'p', 'faite ' || g, 'terminee', 'chef', timestamptz '2026-11-20T10:00Z' + (g % 3) * interval '1 hour' from generate_series(1, 17) g`);
		await database.db.execute(sql`insert into tasks (guild_id, title, creator_id) select 'autre', 'autre ' || g, 'chef' from generate_series(1, 5) g`);
	});
	afterAll(() => database.destroy());

	/** Every page through `after`, as ids; also checks each page's size. */
	const pagesOf = async (filter: Parameters<typeof listTasks>[1], size: number) => {
		const pages: string[][] = [];
		let after: string | undefined;
		for (;;) {
			const rows = await listTasks(database.db, { ...filter, limit: size, ...(after ? { after } : {}) });
			pages.push(rows.map((task) => task.id));
			if (rows.length < size) return pages;
			after = rows.at(-1)!.cursor;
		}
	};

	it('pages open tasks by keyset: the same order as one read, no duplicate, no gap, despite ties', async () => {
		const whole = (await listTasks(database.db, { guildId: 'p', limit: 1000 })).map((task) => task.id);
		expect(whole).toHaveLength(61);
		const pages = await pagesOf({ guildId: 'p' }, 7);
		expect(pages.map((page) => page.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 5]);
		expect(pages.flat()).toEqual(whole);
		const offsets = await Promise.all(Array.from({ length: 9 }, (_, page) => listTasks(database.db, { guildId: 'p', limit: 7, offset: page * 7 })));
		expect(offsets.flatMap((rows) => rows.map((task) => task.id))).toEqual(whole);
	});

	it('pages done tasks by completion the same way, and filtered lists too', async () => {
		const done = (await listTasks(database.db, { guildId: 'p', statuses: ['terminee'], limit: 1000 })).map((task) => task.id);
		expect(done).toHaveLength(17);
		expect((await pagesOf({ guildId: 'p', statuses: ['terminee'] }, 4)).flat()).toEqual(done);
		const urgent = (await listTasks(database.db, { guildId: 'p', priority: 'urgente', limit: 1000 })).map((task) => task.id);
		expect((await pagesOf({ guildId: 'p', priority: 'urgente' }, 3)).flat()).toEqual(urgent);
	});

	it('refuses a cursor it did not make', async () => {
		expect(() => listTasks(database.db, { guildId: 'p', after: '1|2026-12-01|pas une date|x' })).toThrow(RangeError);
		const [last] = await listTasks(database.db, { guildId: 'p', statuses: ['terminee'], limit: 1 });
		expect(() => listTasks(database.db, { guildId: 'p', after: last!.cursor })).toThrow(RangeError);
	});

	it('counts up to a cap and says when it stopped there', async () => {
		expect(await countTasks(database.db, { guildId: 'p' })).toEqual({ count: 61, capped: false });
		expect(await countTasks(database.db, { guildId: 'p' }, 61)).toEqual({ count: 61, capped: false });
		expect(await countTasks(database.db, { guildId: 'p' }, 60)).toEqual({ count: 60, capped: true });
		expect(await countTasks(database.db, { guildId: 'p', statuses: ['terminee'] }, 10)).toEqual({ count: 10, capped: true });
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
