import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { findChantier } from '../../team/public.ts';
import { guildOf, issuesOf, listQuery, tasksJson } from '../api.ts';
import { clock } from '../flows.ts';
import { listTasks, parseStatusChoice } from '../tasks.ts';

/**
 * `GET /api/tasks?guild=&status=&priority=&assignee=&chantier=&tag=&overdue=true&limit=&offset=`:
 * the tasks of a guild, most urgent first, as `/taches` lists them. `guild` may be left out when the
 * bot serves one guild. Needs an API key when API_KEYS is set.
 */
export class TasksListRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema: { summary: 'List a server\'s tasks, most urgent first', description: 'Query: `guild`, `status`, `priority`, `assignee`, `chantier`, `tag`, `overdue`, `limit`, `offset`.', tags: ['tasks'], responses: { 200: { description: 'One page of tasks', schema: z.object({ total: z.number(), offset: z.number(), limit: z.number(), tasks: z.array(z.object({}).loose()) }) }, 400: { description: 'Invalid query', schema: z.object({ error: z.string() }).loose() } } } });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const query = listQuery.safeParse(Object.fromEntries(Object.entries(request.query).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])));
		if (!query.success) return response.status(400).json({ error: 'Invalid query', issues: issuesOf(query.error) });
		const { guild, status, priority, assignee, chantier: code, tag, overdue, limit, offset } = query.data;
		const guildId = guildOf(guild);
		if (!guildId || !this.container.plugins.isActive('tasks', guildId)) {
			return response.status(400).json({ error: 'Invalid query', issues: [{ path: 'guild', message: 'a guild of the bot where tasks are on' }] });
		}
		let chantierId: string | undefined;
		if (code) {
			const chantier = await findChantier(this.container.db, guildId, code);
			if (!chantier) return response.status(400).json({ error: 'Invalid query', issues: [{ path: 'chantier', message: `no chantier "${code}"` }] });
			chantierId = chantier.id;
		}
		const options = {
			guildId,
			...(status ? { status: parseStatusChoice(status)! } : {}),
			...(priority ? { priority } : {}),
			...(assignee ? { assigneeId: assignee } : {}),
			...(chantierId ? { chantierId } : {}),
			...(tag ? { tag } : {}),
			...(overdue === 'true' || overdue === '1' ? { overdue: true } : {})
		};
		const { tasks, total } = await listTasks(this.container.db, options, clock(guildId), { offset, limit });
		response.json({ total, offset, limit, tasks: await tasksJson(tasks) });
	}
}
