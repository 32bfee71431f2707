import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { createBody, guildOf, issuesOf, submitTask } from '../api.ts';

/**
 * `POST /api/tasks` (JSON): creates a task for an HTTP integration (n8n…), with the same checks as
 * `/tache`. 201 with the task; 400 with `issues` (malformed body) or `problems` (what to fix).
 */
export class TasksCreateRoute extends Route {
	public override async run(request: ApiRequest, response: ApiResponse) {
		const body = createBody.safeParse(await request.readBody().catch(() => undefined));
		if (!body.success) return response.status(400).json({ error: 'Invalid body', issues: issuesOf(body.error) });
		const guildId = guildOf(body.data.guildId);
		if (!guildId || !this.container.plugins.isActive('tasks', guildId)) {
			return response.status(400).json({ error: 'Invalid body', issues: [{ path: 'guildId', message: 'a guild of the bot where tasks are on' }] });
		}
		const outcome = await submitTask({ ...body.data, guildId });
		if (!outcome.ok) return response.status(400).json({ error: 'Task refused', problems: outcome.problems });
		response.status(201).json({ task: outcome.task });
	}
}
