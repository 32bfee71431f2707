import { container } from '@sapphire/framework';
import { z } from 'zod';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { botGuild, findMember, getDefaultLocale, refuseGuild, targetGuild, type Locale, type RouteSchema } from '#core/plugin-kit.ts';
import { clock } from './flows.ts';
import { chantierCodes } from './task-queries.ts';
import { createTask, parseStatusChoice, priorities, shortCode, type CreateTaskInput, type Task, type TaskProblem } from './tasks.ts';
import { text } from './text.ts';

/** What the HTTP routes and other plugins' integrations share: the guild a request is about, tasks as JSON, creating one. */

export const snowflake = z.string().regex(/^\d{5,25}$/, 'a Discord id');

export const listQuery = z.object({
	guild: snowflake.optional(),
	status: z
		.string()
		.optional()
		.refine((value) => value === undefined || parseStatusChoice(value) !== undefined, 'one of ouvertes, a_faire, en_cours, en_attente, terminee, annulee, toutes'),
	priority: z.enum(priorities).optional(),
	assignee: snowflake.optional(),
	chantier: z.string().min(1).optional(),
	tag: z.string().min(1).max(30).optional(),
	search: z.string().trim().min(1).max(100).optional(),
	overdue: z.enum(['true', 'false', '1', '0']).optional(),
	limit: z.coerce.number().int().min(1).max(100).default(50),
	offset: z.coerce.number().int().min(0).default(0),
	/** The `next` of the previous page: the page after it, whatever its depth (offset is then ignored). */
	after: z.string().min(1).max(200).optional()
});

/** The body of `POST /api/tasks`, and of n8n's `task` action: one contract, so they cannot drift. */
export const createBody = z.object({
	guildId: snowflake.optional(),
	title: z.string(),
	description: z.string().optional(),
	priority: z.string().optional(),
	/** As people type it (`demain`, `25/12`) or ISO (`2026-12-25`). */
	due: z.string().optional(),
	tags: z.union([z.string(), z.array(z.string())]).optional(),
	assigneeId: snowflake.optional(),
	/** A chantier code. */
	chantier: z.string().optional(),
	/** Who asked for it; the bot itself when absent. */
	creatorId: snowflake.optional(),
	locale: z.enum(['fr', 'en']).optional().describe('Language of the problems\' messages; the bot\'s default when absent')
});

export const problemsJson = (problems: TaskProblem[], locale: Locale = getDefaultLocale()) => {
	const t = text(locale);
	return problems.map((problem) => ({ code: problem.code, message: t(problem.code, problem.vars) }));
};

export async function tasksJson(tasks: Task[]) {
	const codes = await chantierCodes(container.db, tasks.map((task) => task.chantierId));
	return tasks.map((task) => ({
		id: task.id,
		code: shortCode(task),
		title: task.title,
		description: task.description,
		status: task.status,
		priority: task.priority,
		tags: task.tags,
		dueDate: task.dueDate,
		assigneeId: task.assigneeId,
		creatorId: task.creatorId,
		chantier: task.chantierId ? (codes.get(task.chantierId) ?? null) : null,
		completedAt: task.completedAt?.toISOString() ?? null,
		createdAt: task.createdAt.toISOString()
	}));
}

export type TaskJson = Awaited<ReturnType<typeof tasksJson>>[number];

/** A task asked for by an integration: `creatorId` defaults to the bot itself. */
export type TaskRequest = Omit<CreateTaskInput, 'creatorId'> & { creatorId?: string | null };

export type SubmitOutcome = { ok: true; task: TaskJson } | { ok: false; problems: ReturnType<typeof problemsJson> };

async function isGuildMember(guildId: string, userId: string): Promise<boolean> {
	const guild = await botGuild(guildId);
	return guild ? (await findMember(guild, userId, { byName: false })) !== null : false;
}

/**
 * Creates a task with the same checks as `/tache`, dates read in the guild's time zone: the task as JSON,
 * or every problem to fix (nothing written then), in `locale`. For `POST /api/tasks` and other plugins (webhooks).
 */
export async function submitTask({ creatorId, ...input }: TaskRequest, locale: Locale = getDefaultLocale()): Promise<SubmitOutcome> {
	const assigneeIsMember = input.assigneeId?.trim() ? await isGuildMember(input.guildId, input.assigneeId.trim()) : undefined;
	const outcome = await createTask(container.db, { ...input, assigneeIsMember, creatorId: creatorId ?? container.client.user!.id }, clock(input.guildId));
	if (!outcome.ok) return { ok: false, problems: problemsJson(outcome.problems, locale) };
	const [task] = await tasksJson([outcome.value]);
	return { ok: true, task: task! };
}

const taskSchema = z.object({
	id: z.string(),
	code: z.string(),
	title: z.string(),
	description: z.string().nullable(),
	status: z.string(),
	priority: z.string(),
	tags: z.array(z.string()),
	dueDate: z.string().nullable(),
	assigneeId: z.string().nullable(),
	creatorId: z.string(),
	chantier: z.string().nullable(),
	completedAt: z.string().nullable(),
	createdAt: z.string()
});
const issueList = z.object({ error: z.string(), issues: z.array(z.object({ in: z.string(), path: z.string(), message: z.string() })) });

/** `POST /api/tasks` and `POST /api/discord/task`: one contract, so they cannot drift. */
export const createTaskSchema = {
	summary: 'Create a task',
	description: 'With the same checks as `/tache`; dates as people type them (`demain`, `25/12`) or ISO, in the server\'s time zone.',
	tags: ['tasks'],
	body: createBody,
	responses: {
		201: { description: 'The task created', schema: z.object({ task: taskSchema }) },
		400: {
			description: 'Invalid fields (`issues`) or a task refused as `/tache` would (`problems`)',
			schema: z.union([issueList, z.object({ error: z.string(), problems: z.array(z.object({ code: z.string(), message: z.string() })) })])
		}
	}
} satisfies RouteSchema;

/** Answers a checked task request: 201 with the task, or 400 naming what to fix. */
export async function answerCreateTask(request: ApiRequest, { locale, ...body }: z.output<typeof createBody>, response: ApiResponse) {
	const guildId = (await targetGuild(request, body.guildId, 'tasks'))?.id;
	if (!guildId) return refuseGuild(request, response, body.guildId, 'body', 'guildId', 'tasks');
	const outcome = await submitTask({ ...body, guildId }, locale);
	if (!outcome.ok) return response.status(400).json({ error: 'Task refused', problems: outcome.problems });
	response.status(201).json({ task: outcome.task });
}
