import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '#test/support/databases.ts';
import { chantiers } from '../team/schema.ts';
import { tasks } from './schema.ts';
import { completeTask, createTask, dueReminders, parsePriority, parseStatusChoice, parseTags, reopenTask, resolveTask, shortCode, type Clock } from './tasks.ts';

const guildId = '100000000000000001';
const alice = '200000000000000001';
const bob = '200000000000000002';
/** Wednesday 25 November 2026, 10:00 in Paris. */
const clock: Clock = { timeZone: 'Europe/Paris', now: new Date('2026-11-25T09:00:00Z') };

describe('tasks logic (PGlite)', () => {
	let database: TestDatabase;
	const db = () => database.db;
	const create = async (title: string, extra: Record<string, unknown> = {}) => {
		const outcome = await createTask(db(), { guildId, creatorId: alice, title, ...extra }, clock);
		if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
		return outcome.value;
	};

	beforeAll(async () => {
		database = await createTestDatabase('pglite');
		await db().insert(chantiers).values({ guildId, code: 'CH-017', name: 'École' });
	});
	afterAll(() => database?.destroy());

	it('reads priorities, statuses and tags as people type them', () => {
		expect(parsePriority('Haute')).toBe('haute');
		expect(parsePriority('urgent')).toBe('urgente');
		expect(parsePriority('énorme')).toBeUndefined();
		expect(parseStatusChoice('en cours')).toBe('en_cours');
		expect(parseStatusChoice('Terminées')).toBe('terminee');
		expect(parseStatusChoice('all')).toBe('toutes');
		expect(parseTags(' Béton, #béton ,, élec ')).toEqual(['béton', 'élec']);
	});

	it('creates a task with every field resolved', async () => {
		const task = await create('  Couler la dalle  ', { priority: 'URGENT', due: 'vendredi', tags: 'béton', assigneeId: bob, chantier: 'ch-017', description: '' });
		expect(task).toMatchObject({ title: 'Couler la dalle', priority: 'urgente', dueDate: '2026-11-27', tags: ['béton'], assigneeId: bob, description: null, status: 'a_faire' });
		expect(task.chantierId).not.toBeNull();
	});

	it('creates tasks asked for at the same time in one batch, each with its own fields', async () => {
		const [first, second, third] = await Promise.all([
			create('Commander le plâtre', { tags: 'plâtre, livraison, urgent', priority: 'haute' }),
			create('Relancer l’électricien', { assigneeId: bob, due: 'vendredi' }),
			create('Vérifier l’échafaudage', { tags: 'sécurité', chantier: 'CH-017', description: 'Côté « nord »' })
		]);
		expect(first).toMatchObject({ title: 'Commander le plâtre', tags: ['plâtre', 'livraison', 'urgent'], priority: 'haute', assigneeId: null, dueDate: null, status: 'a_faire' });
		expect(second).toMatchObject({ title: 'Relancer l’électricien', tags: [], priority: 'normale', assigneeId: bob, dueDate: '2026-11-27' });
		expect(third).toMatchObject({ title: 'Vérifier l’échafaudage', tags: ['sécurité'], description: 'Côté « nord »' });
		expect(third.chantierId).not.toBeNull();
		expect(first.createdAt).toBeInstanceOf(Date);
		// Each caller gets its row as the table holds it.
		expect(await db().select().from(tasks).where(inArray(tasks.id, [first.id, third.id])).orderBy(tasks.title)).toEqual([first, third]);
		expect(new Set([first.id, second.id, third.id]).size).toBe(3);
	});

	it('reports every problem at once and writes nothing', async () => {
		const before = (await db().select().from(tasks)).length;
		const outcome = await createTask(
			db(),
			{ guildId, creatorId: alice, title: '', priority: 'max', due: '20/11/2026', tags: ['x'.repeat(31)], chantier: 'CH-404', assigneeId: 'bob' },
			clock
		);
		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && outcome.problems.map((problem) => problem.code)).toEqual([
			'badPriority',
			'titleRequired',
			'tagTooLong',
			'badAssignee',
			'dueInPast',
			'unknownChantier'
		]);
		expect((await db().select().from(tasks)).length).toBe(before);
	});

	it('refuses a due date that points back (« lundi dernier », "last friday") as any past day', async () => {
		for (const [due, date] of [
			['lundi dernier', '2026-11-23'],
			['mercredi passé', '2026-11-18'],
			['last friday', '2026-11-20']
		]) {
			const outcome = await createTask(db(), { guildId, creatorId: alice, title: 'Relevé de compteur', due }, clock);
			expect(!outcome.ok && outcome.problems).toEqual([{ code: 'dueInPast', vars: { date } }]);
		}
	});

	it('finds a task by id, short code or title words', async () => {
		const task = await create('Poser le carrelage de la cuisine');
		await create('Poser le carrelage de la salle de bain');
		for (const reference of [task.id, `#${shortCode(task)}`, shortCode(task).toUpperCase(), 'carrelage de la cuisine', 'POSER LE CARRELAGE DE LA CUISINE']) {
			const found = await resolveTask(db(), guildId, reference);
			expect(found.ok && found.value.id).toBe(task.id);
		}
		const ambiguous = await resolveTask(db(), guildId, 'carrelage');
		expect(!ambiguous.ok && ambiguous.problems[0]?.code).toBe('ambiguousTask');
		expect(!ambiguous.ok && String(ambiguous.problems[0]?.vars?.candidates)).toContain('cuisine');
		const other = await resolveTask(db(), '999999999999999999', task.id);
		expect(!other.ok && other.problems[0]?.code).toBe('unknownTask');
	});

	it('completes once, refuses strangers, and reopens to the previous status', async () => {
		const task = await create('Monter l’échafaudage', { assigneeId: bob });
		const stranger = await completeTask(db(), { guildId, taskId: task.id, actorId: '200000000000000009', canManage: false });
		expect(!stranger.ok && stranger.problems[0]?.code).toBe('notAllowed');
		const done = await completeTask(db(), { guildId, taskId: task.id, actorId: bob, canManage: false });
		expect(done.ok && done.value.previousStatus).toBe('a_faire');
		expect(done.ok && done.value.task.completedAt).toBeInstanceOf(Date);
		const twice = await completeTask(db(), { guildId, taskId: task.id, actorId: bob, canManage: false });
		expect(!twice.ok && twice.problems[0]?.code).toBe('alreadyDone');
		const reopened = await reopenTask(db(), guildId, task.id, 'a_faire');
		expect(reopened.ok && reopened.value).toMatchObject({ status: 'a_faire', completedAt: null });
		expect((await reopenTask(db(), guildId, task.id)).ok).toBe(false);
	});

	it('groups overdue, today and tomorrow tasks by assignee for the reminders', async () => {
		const day = '2031-05-10';
		await db()
			.insert(tasks)
			.values([
				{ guildId, title: 'r-late', creatorId: alice, assigneeId: bob, dueDate: '2031-05-01' },
				{ guildId, title: 'r-today', creatorId: alice, assigneeId: bob, dueDate: day },
				{ guildId, title: 'r-tomorrow', creatorId: alice, assigneeId: alice, dueDate: '2031-05-11' },
				{ guildId, title: 'r-later', creatorId: alice, assigneeId: alice, dueDate: '2031-05-12' },
				{ guildId, title: 'r-nobody', creatorId: alice, dueDate: '2031-05-11' },
				{ guildId, title: 'r-cancelled', creatorId: alice, assigneeId: bob, dueDate: '2031-05-02', status: 'annulee' }
			]);
		const reminders = await dueReminders(db(), guildId, day);
		const titles = (list: { title: string }[]) => list.map((task) => task.title).filter((title) => title.startsWith('r-'));
		const byAssignee = new Map(reminders.map((reminder) => [reminder.assigneeId, reminder]));
		expect(titles(byAssignee.get(bob)!.overdue)).toEqual(['r-late']);
		expect(titles(byAssignee.get(bob)!.today)).toEqual(['r-today']);
		expect(titles(byAssignee.get(alice)!.tomorrow)).toEqual(['r-tomorrow']);
		expect(titles(byAssignee.get(null)!.tomorrow)).toEqual(['r-nobody']);
		expect(reminders.at(-1)?.assigneeId).toBeNull();
	});
});
