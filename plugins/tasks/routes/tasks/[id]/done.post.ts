import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { apiActor, refuseGuild, inputOf, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { tasksJson, problemsJson } from '../../../api.ts';
import { notifyDone } from '../../../flows.ts';
import { completeTask, resolveTask } from '../../../tasks.ts';

const schema = {
	summary: 'Mark a task done',
	description: 'As `/done`: the task becomes `terminee`, its creator and assignee are told. `id` is the task\'s id or the short code members see (`1a2b3c`). The body may be left out. The caller holds a `write` key or a dashboard session, so may close anyone\'s task (as a foreman would).',
	tags: ['tasks'],
	params: z.object({ id: z.string().regex(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|#?[0-9a-f]{4,8})$/i, 'a task id or its short code (1a2b3c)') }),
	body: z
		.object({
			guildId: z.string().regex(/^\d{5,25}$/, 'a Discord id').optional(),
			locale: z.enum(['fr', 'en']).optional().describe('Language of the problems\' messages; the bot\'s default when absent')
		})
		.default({}),
	responses: {
		200: { description: 'The task, done', schema: z.object({ task: z.object({}).loose() }) },
		400: { description: 'Invalid request', schema: z.object({ error: z.string() }).loose() },
		404: { description: 'No such task in this server', schema: z.object({ error: z.string() }) },
		409: { description: 'Already done or cancelled, or a short code several tasks share', schema: z.object({ error: z.string(), problems: z.array(z.object({ code: z.string(), message: z.string() })) }) }
	}
} satisfies RouteSchema;

/** `POST /api/tasks/{id}/done`: closes a task as `/done` does (the dashboard's "done" button). */
export class TaskDoneRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { params, body } = inputOf(request, schema);
		const guildId = (await targetGuild(request, body.guildId, 'tasks'))?.id;
		if (!guildId) return refuseGuild(request, response, body.guildId, 'body', 'guildId', 'tasks');
		// A member signed in to the dashboard closes it in their name; a key closes it in the bot's (as POST /api/tasks creates).
		const caller = apiActor(request);
		const actorId = /^\d+$/.test(caller) ? caller : this.container.client.user!.id;
		const found = await resolveTask(this.container.db, guildId, params.id);
		if (!found.ok) {
			if (found.problems[0]?.code === 'unknownTask') return response.status(404).json({ error: 'No such task' });
			return response.status(409).json({ error: 'Task not completed', problems: problemsJson(found.problems, body.locale) });
		}
		const outcome = await completeTask(this.container.db, { guildId, taskId: found.value.id, actorId, canManage: true });
		if (!outcome.ok) {
			if (outcome.problems[0]?.code === 'unknownTask') return response.status(404).json({ error: 'No such task' });
			return response.status(409).json({ error: 'Task not completed', problems: problemsJson(outcome.problems, body.locale) });
		}
		const { task } = outcome.value;
		await notifyDone(task, actorId).catch((error: unknown) => this.container.pino.warn({ err: error, task: task.id }, 'tasks: completion notice failed'));
		const [json] = await tasksJson([task]);
		response.json({ task: json });
	}
}
