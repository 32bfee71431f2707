import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '#core/db/client.ts';
import { allColumns, tableRows } from '#core/db/table-rows.ts';
import { InsertBatcher } from '#core/db/insert-batcher.ts';
import { addDays, emitBotEvent, parseDay, todayIn } from '#core/plugin-kit.ts';
import { findChantier } from '../team/public.ts';
import { listTasks as listTaskRows, type Task, type TaskFilter, type TaskPriority, type TaskStatus } from './queries.ts';
import { openTaskStatuses, taskPriority, tasks, taskStatus } from './schema.ts';
import {
	countTasks,
	openTasksDueBy,
	searchTasksByTitle,
	taskById,
	tasksByIdPrefix
} from './task-queries.ts';

/**
 * The tasks plugin's logic, shared by the slash and prefix commands, the form, the reminders and
 * the HTTP routes. No Discord or HTTP types: callers turn problems into messages (`text.ts`).
 */

export type { Task, TaskPriority, TaskStatus };
export const priorities = taskPriority.enumValues;
export const statuses = taskStatus.enumValues;
export const limits = { title: 200, description: 2000, tags: 10, tag: 30 } as const;

/** What was wrong, as a key of `text.ts` and the values its message needs. */
export interface TaskProblem {
	code: ProblemCode;
	vars?: Record<string, string | number>;
}

export type ProblemCode =
	| 'titleRequired'
	| 'titleTooLong'
	| 'descriptionTooLong'
	| 'badPriority'
	| 'dueUnrecognised'
	| 'dueInvalid'
	| 'dueInPast'
	| 'tooManyTags'
	| 'tagTooLong'
	| 'badAssignee'
	| 'assigneeNotMember'
	| 'unknownMember'
	| 'unknownChantier'
	| 'archivedChantier'
	| 'unknownTask'
	| 'ambiguousTask'
	| 'alreadyDone'
	| 'taskCancelled'
	| 'notAllowed'
	| 'notDone'
	| 'unknownOption'
	| 'unknownFilter'
	| 'missingTask';

export type Outcome<Value> = { ok: true; value: Value } | { ok: false; problems: TaskProblem[] };

/** "Now" and the zone in which days are counted: passed in, so tests fix them. */
export interface Clock {
	timeZone: string;
	now: Date;
}

const fail = <Value>(code: ProblemCode, vars?: TaskProblem['vars']): Outcome<Value> => ({ ok: false, problems: [{ code, ...(vars ? { vars } : {}) }] });

// ---- values as typed ----------------------------------------------------------------

const fold = (text: string) =>
	text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.trim()
		.toLowerCase();

const priorityWords: Record<string, TaskPriority> = {
	basse: 'basse',
	bas: 'basse',
	faible: 'basse',
	low: 'basse',
	normale: 'normale',
	normal: 'normale',
	moyenne: 'normale',
	medium: 'normale',
	haute: 'haute',
	haut: 'haute',
	high: 'haute',
	elevee: 'haute',
	urgente: 'urgente',
	urgent: 'urgente',
	critique: 'urgente'
};

/** `Haute`, `high`, `urgent` → the stored value; undefined when not a priority. */
export function parsePriority(text: string): TaskPriority | undefined {
	return priorityWords[fold(text)];
}

const statusWords: Record<string, TaskStatus> = {
	a_faire: 'a_faire',
	afaire: 'a_faire',
	todo: 'a_faire',
	en_cours: 'en_cours',
	encours: 'en_cours',
	doing: 'en_cours',
	en_attente: 'en_attente',
	attente: 'en_attente',
	waiting: 'en_attente',
	terminee: 'terminee',
	termine: 'terminee',
	terminees: 'terminee',
	done: 'terminee',
	faites: 'terminee',
	annulee: 'annulee',
	annulees: 'annulee',
	cancelled: 'annulee'
};

export type StatusChoice = TaskStatus | 'ouvertes' | 'toutes';

/** A status filter as typed (`en cours`, `done`, `toutes`); undefined when not one. */
export function parseStatusChoice(text: string): StatusChoice | undefined {
	const word = fold(text).replace(/[\s-]+/g, '_');
	if (['ouvertes', 'ouverte', 'open'].includes(word)) return 'ouvertes';
	if (['toutes', 'tout', 'all'].includes(word)) return 'toutes';
	return statusWords[word] ?? statusWords[word.replace(/_/g, '')];
}

export function statusesOf(choice: StatusChoice | undefined): readonly TaskStatus[] {
	if (!choice || choice === 'ouvertes') return openTaskStatuses;
	if (choice === 'toutes') return statuses;
	return [choice];
}

/** `chantier, Béton ,#urgent` → `['chantier', 'béton', 'urgent']`: trimmed, lower case, without `#`, once each. */
export function parseTags(input: string | readonly string[] | null | undefined): string[] {
	const parts = typeof input === 'string' ? input.split(',') : [...(input ?? [])];
	const tags = parts.map((tag) => tag.trim().replace(/^#+/, '').trim().toLowerCase()).filter(Boolean);
	return [...new Set(tags)];
}

/** The code people type to name a task: the first 6 characters of its id. */
export function shortCode(task: Pick<Task, 'id'>): string {
	return task.id.slice(0, 6);
}

export function isOpen(task: Pick<Task, 'status'>): boolean {
	return (openTaskStatuses as readonly string[]).includes(task.status);
}

// ---- create -------------------------------------------------------------------------

const snowflake = /^\d{5,25}$/;

export interface CreateTaskInput {
	guildId: string;
	creatorId: string;
	title?: string | null;
	description?: string | null;
	/** As typed: `haute`, `high`… */
	priority?: string | null;
	/** As typed: `demain`, `lundi`, `25/12`, `2026-12-25`. */
	due?: string | null;
	/** `a, b` or a list. */
	tags?: string | readonly string[] | null;
	assigneeId?: string | null;
	/**
	 * False when the caller found that `assigneeId` is not a member of the guild: integrations send ids no
	 * Discord option checked. Left out by commands, whose member option only offers members.
	 */
	assigneeIsMember?: boolean;
	/** A chantier code of the guild (`CH-017`). */
	chantier?: string | null;
}

const createSchema = z.object({
	guildId: z.string().min(1),
	creatorId: z.string().regex(snowflake),
	title: z.string().trim().min(1, 'titleRequired').max(limits.title, 'titleTooLong'),
	description: z.string().trim().max(limits.description, 'descriptionTooLong').optional(),
	priority: z.enum(priorities, 'badPriority'),
	tags: z.array(z.string().max(limits.tag, 'tagTooLong')).max(limits.tags, 'tooManyTags'),
	assigneeId: z.string().regex(snowflake, 'badAssignee').optional()
});

const blank = (value: string | null | undefined) => (value === null || value === undefined || value.trim() === '' ? undefined : value);

/**
 * Validates everything first, then writes one row: a refused task leaves nothing behind.
 * Every problem is reported at once, so the member fixes them in one go.
 */
export async function createTask(db: Db, input: CreateTaskInput, clock: Clock): Promise<Outcome<Task>> {
	const problems: TaskProblem[] = [];
	const priorityText = blank(input.priority);
	const priority = priorityText ? parsePriority(priorityText) : 'normale';
	if (!priority) problems.push({ code: 'badPriority', vars: { value: priorityText! } });
	const tags = parseTags(input.tags);
	const parsed = createSchema.safeParse({
		guildId: input.guildId,
		creatorId: input.creatorId,
		title: input.title ?? '',
		description: blank(input.description),
		priority: priority ?? 'normale',
		tags,
		assigneeId: blank(input.assigneeId)
	});
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const code = issue.message as ProblemCode;
			if (code === 'titleTooLong') problems.push({ code, vars: { max: limits.title, length: (input.title ?? '').trim().length } });
			else if (code === 'descriptionTooLong') problems.push({ code, vars: { max: limits.description, length: (input.description ?? '').trim().length } });
			else if (code === 'tooManyTags') problems.push({ code, vars: { max: limits.tags, count: tags.length } });
			else if (code === 'tagTooLong') problems.push({ code, vars: { max: limits.tag, tag: tags[Number(issue.path[1])] ?? '' } });
			else if (code === 'titleRequired' || code === 'badAssignee') problems.push({ code });
			else throw new Error(`createTask: unexpected input (${issue.path.join('.')}: ${issue.message})`);
		}
	}

	if (parsed.success && parsed.data.assigneeId && input.assigneeIsMember === false) problems.push({ code: 'assigneeNotMember', vars: { id: parsed.data.assigneeId } });

	let dueDate: string | undefined;
	const dueText = blank(input.due);
	if (dueText) {
		const due = parseDay(dueText, clock.timeZone, clock.now);
		if (!due.ok) problems.push({ code: due.reason === 'invalid' ? 'dueInvalid' : 'dueUnrecognised', vars: { value: dueText } });
		else if (due.date < todayIn(clock.timeZone, clock.now)) problems.push({ code: 'dueInPast', vars: { date: due.date } });
		else dueDate = due.date;
	}

	let chantierId: string | undefined;
	const chantierCode = blank(input.chantier)?.trim().replace(/^#/, '');
	if (chantierCode) {
		const chantier = await findChantier(db, input.guildId, chantierCode);
		if (!chantier) problems.push({ code: 'unknownChantier', vars: { code: chantierCode } });
		// findChantier still finds archived chantiers (old tasks point at them); new work on a finished site is a mistake.
		else if (chantier.status === 'archive') problems.push({ code: 'archivedChantier', vars: { code: chantier.code, name: chantier.name } });
		else chantierId = chantier.id;
	}

	if (problems.length > 0 || !parsed.success) return { ok: false, problems };
	const values = parsed.data;
	const task = await taskInserts(db).insert({
		id: randomUUID(),
		guildId: values.guildId,
		creatorId: values.creatorId,
		title: values.title,
		description: values.description ?? null,
		priority: values.priority,
		tags: values.tags,
		dueDate: dueDate ?? null,
		assigneeId: values.assigneeId ?? null,
		chantierId: chantierId ?? null
	});
	emitBotEvent({ type: 'task.created', guildId: task.guildId, data: taskEventData(task) });
	return { ok: true, value: task };
}

type NewTask = Pick<typeof tasks.$inferInsert, 'guildId' | 'creatorId' | 'title' | 'description' | 'priority' | 'tags' | 'dueDate' | 'assigneeId' | 'chantierId'> & { id: string };

const batchers = new WeakMap<Db, InsertBatcher<NewTask, Task>>();

/** Tasks created at the same time (an n8n workflow, `POST /api/discord/task` under load) are inserted together: one commit for all. */
function taskInserts(db: Db) {
	let batcher = batchers.get(db);
	if (!batcher) {
		batcher = new InsertBatcher((rows) => insertTasks(db, rows));
		batchers.set(db, batcher);
	}
	return batcher;
}

/**
 * One statement with an array per column, whatever the batch's size (a VALUES list built by the query builder
 * cost a quarter of the CPU of `POST /api/discord/task` under load), returning the rows: one round trip per batch.
 * Tags go as one JSON array per task: a text[][] cannot hold lists of different lengths. The priority goes as
 * text, cast row by row: PGlite sends an array of an enum type as a bare value.
 */
async function insertTasks(db: Db, rows: NewTask[]): Promise<Task[]> {
	const column = (pick: (row: NewTask) => unknown) => sql.param(rows.map(pick));
	const inserted = await db.execute(sql`INSERT INTO ${tasks} (id, guild_id, creator_id, title, description, priority, tags, due_date, assignee_id, chantier_id)
		SELECT id, guild_id, creator_id, title, description, priority::task_priority, ARRAY(SELECT jsonb_array_elements_text(tags)), due_date, assignee_id, chantier_id
		FROM unnest(${column((row) => row.id)}::uuid[], ${column((row) => row.guildId)}::text[], ${column((row) => row.creatorId)}::text[],
			${column((row) => row.title)}::text[], ${column((row) => row.description ?? null)}::text[], ${column((row) => row.priority ?? 'normale')}::text[],
			${column((row) => JSON.stringify(row.tags ?? []))}::jsonb[], ${column((row) => row.dueDate ?? null)}::date[],
			${column((row) => row.assigneeId ?? null)}::text[], ${column((row) => row.chantierId ?? null)}::uuid[])
			AS given(id, guild_id, creator_id, title, description, priority, tags, due_date, assignee_id, chantier_id)
		RETURNING ${allColumns(tasks)}`);
	return tableRows(tasks, inserted);
}

/** What the bot's event bus (and so n8n) learns of a task. */
const taskEventData = (task: Task) => ({
	id: task.id,
	code: shortCode(task),
	title: task.title,
	status: task.status,
	priority: task.priority,
	assigneeId: task.assigneeId,
	creatorId: task.creatorId,
	dueDate: task.dueDate,
	chantierId: task.chantierId
});

// ---- find ---------------------------------------------------------------------------

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const codePattern = /^#?([0-9a-f]{4,8})$/i;

/**
 * A task named the way members name it: its id (autocomplete values), its short code (`#1a2b3c`),
 * or words of its title. Several titles matching is a problem listing them (up to 5).
 */
export async function resolveTask(db: Db, guildId: string, reference: string, { openFirst = true } = {}): Promise<Outcome<Task>> {
	const typed = reference.trim();
	if (!typed) return fail('unknownTask', { reference: typed });
	if (uuidPattern.test(typed)) {
		const task = await taskById(db, guildId, typed.toLowerCase());
		return task ? { ok: true, value: task } : fail('unknownTask', { reference: typed });
	}
	const code = codePattern.exec(typed);
	if (code) {
		const found = await tasksByIdPrefix(db, guildId, code[1]!);
		if (found.length === 1) return { ok: true, value: found[0]! };
		if (found.length > 1) return fail('ambiguousTask', { reference: typed, candidates: describeCandidates(found) });
	}
	const matches = await searchTasksByTitle(db, guildId, typed, { limit: 6 });
	const exact = matches.filter((task) => fold(task.title) === fold(typed));
	const pick = (list: Task[]) => {
		const open = openFirst ? list.filter(isOpen) : list;
		return open.length === 1 ? open[0] : list.length === 1 ? list[0] : undefined;
	};
	const chosen = pick(exact) ?? pick(matches);
	if (chosen) return { ok: true, value: chosen };
	if (matches.length === 0) return fail('unknownTask', { reference: typed });
	return fail('ambiguousTask', { reference: typed, candidates: describeCandidates(matches.slice(0, 5)) });
}

const describeCandidates = (found: Task[]) => found.map((task) => `#${shortCode(task)} ${task.title}`).join(' · ');

// ---- status -------------------------------------------------------------------------

export interface CompleteTaskInput {
	guildId: string;
	taskId: string;
	actorId: string;
	/** Foremen and admins may close anyone's task; others only tasks they created or are assigned. */
	canManage: boolean;
}

/**
 * Sets the task `terminee`; `completed_at` is set by the database (trigger `tasks_track_completion`).
 * Returns the task as it is now and the status it had, for the undo button.
 */
export async function completeTask(db: Db, input: CompleteTaskInput): Promise<Outcome<{ task: Task; previousStatus: TaskStatus }>> {
	const outcome: Outcome<{ task: Task; previousStatus: TaskStatus }> = await db.transaction(async (tx) => {
		const [current] = await tx
			.select()
			.from(tasks)
			.where(and(eq(tasks.guildId, input.guildId), eq(tasks.id, input.taskId)))
			.for('update');
		if (!current) return fail('unknownTask', { reference: input.taskId });
		const vars = { title: current.title, code: shortCode(current) };
		if (current.status === 'terminee') return fail('alreadyDone', vars);
		if (current.status === 'annulee') return fail('taskCancelled', vars);
		if (!input.canManage && input.actorId !== current.creatorId && input.actorId !== current.assigneeId) return fail('notAllowed', vars);
		const [task] = await tx.update(tasks).set({ status: 'terminee' }).where(eq(tasks.id, current.id)).returning();
		return { ok: true as const, value: { task: task!, previousStatus: current.status } };
	});
	if (outcome.ok) emitBotEvent({ type: 'task.done', guildId: outcome.value.task.guildId, data: { ...taskEventData(outcome.value.task), doneBy: input.actorId } });
	return outcome;
}

/** Undoes `completeTask`: back to the status it had (the trigger clears `completed_at`). */
export async function reopenTask(db: Db, guildId: string, taskId: string, status: TaskStatus = 'a_faire'): Promise<Outcome<Task>> {
	const reopened = (openTaskStatuses as readonly TaskStatus[]).includes(status) ? status : 'a_faire';
	const [task] = await db
		.update(tasks)
		.set({ status: reopened })
		.where(and(eq(tasks.guildId, guildId), eq(tasks.id, taskId), inArray(tasks.status, ['terminee'])))
		.returning();
	return task ? { ok: true, value: task } : fail('notDone', { reference: taskId });
}

// ---- lists --------------------------------------------------------------------------

export interface ListOptions {
	guildId: string;
	status?: StatusChoice;
	priority?: TaskPriority;
	assigneeId?: string;
	chantierId?: string;
	tag?: string;
	/** Text the title contains (any case). */
	search?: string;
	overdue?: boolean;
}

export function filterOf(options: ListOptions, clock: Clock): TaskFilter {
	return {
		guildId: options.guildId,
		statuses: statusesOf(options.status),
		...(options.priority ? { priority: options.priority } : {}),
		...(options.assigneeId ? { assigneeId: options.assigneeId } : {}),
		...(options.chantierId ? { chantierId: options.chantierId } : {}),
		...(options.tag ? { tag: parseTags(options.tag)[0] ?? options.tag } : {}),
		...(options.search ? { search: options.search } : {}),
		...(options.overdue ? { overdueAsOf: todayIn(clock.timeZone, clock.now) } : {})
	};
}

/** Beyond this many matching tasks, lists say "more than" instead of counting them all. */
export const countCap = 1000;

export interface TaskPage {
	tasks: Task[];
	/** How many tasks match, or `countCap` when `countCapped`. */
	total: number;
	/** More tasks than `total` match: the count stopped there. */
	countCapped: boolean;
	/** Passed back as `after`, gives the next page (keyset); absent on the last page. */
	next?: string;
}

/**
 * One page of a filtered list, most urgent first, and how many tasks match (up to `countCap`). The page
 * starts after `page.after` (a previous page's `next`) when given, else at `page.offset`.
 */
export async function listTasks(db: Db, options: ListOptions, clock: Clock, page: { offset?: number; after?: string; limit: number }): Promise<TaskPage> {
	const filter = filterOf(options, clock);
	const [rows, counted] = await Promise.all([listTaskRows(db, { ...filter, ...page, limit: page.limit + 1 }), countTasks(db, filter, countCap)]);
	const shown = rows.slice(0, page.limit);
	const next = rows.length > page.limit ? shown.at(-1)?.cursor : undefined;
	return { tasks: shown.map(({ cursor: _cursor, ...task }) => task), total: counted.count, countCapped: counted.capped, ...(next ? { next } : {}) };
}

// ---- reminders ----------------------------------------------------------------------

export interface Reminder {
	/** Null for unassigned tasks. */
	assigneeId: string | null;
	overdue: Task[];
	today: Task[];
	tomorrow: Task[];
}

/**
 * The open tasks of a guild that are overdue, due today or due tomorrow on `day` (`YYYY-MM-DD`),
 * grouped by assignee (unassigned ones together, last).
 */
export async function dueReminders(db: Db, guildId: string, day: string): Promise<Reminder[]> {
	const tomorrow = addDays(day, 1);
	const rows = await openTasksDueBy(db, guildId, tomorrow);
	const byAssignee = new Map<string | null, Reminder>();
	for (const task of rows) {
		const reminder = byAssignee.get(task.assigneeId) ?? { assigneeId: task.assigneeId, overdue: [], today: [], tomorrow: [] };
		byAssignee.set(task.assigneeId, reminder);
		if (task.dueDate! < day) reminder.overdue.push(task);
		else if (task.dueDate === day) reminder.today.push(task);
		else reminder.tomorrow.push(task);
	}
	return [...byAssignee.values()].sort((a, b) => (a.assigneeId === null ? 1 : b.assigneeId === null ? -1 : a.assigneeId.localeCompare(b.assigneeId)));
}
