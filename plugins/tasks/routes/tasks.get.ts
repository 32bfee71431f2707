import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { findChantier } from '../../team/public.ts';
import { targetGuild } from '#core/plugin-kit.ts';
import { issuesOf, listQuery, tasksJson } from '../api.ts';
import { clock } from '../flows.ts';
import { listTasks, parseStatusChoice } from '../tasks.ts';

/**
 * `GET /api/tasks?guild=&status=&priority=&assignee=&chantier=&tag=&search=&overdue=true&limit=&offset=&after=`:
 * the tasks of a guild, most urgent first, as `/taches` lists them. `guild` may be left out when the
 * bot serves one guild. `next` in the answer, passed as `after`, gives the next page at the cost of
 * the first (keyset); `total` stops at 1000 (`totalCapped`). Needs an API key when API_KEYS is set.
 */
export class TasksListRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema: { summary: 'List a server\'s tasks, most urgent first', description: 'Query: `guild`, `status`, `priority`, `assignee`, `chantier`, `tag`, `search` (text the title contains), `overdue`, `limit`, `offset`, `after` (the previous page\'s `next`: keyset paging, offset ignored). `total` stops at 1000, then `totalCapped` is true.', tags: ['tasks'], responses: { 200: { description: 'One page of tasks', schema: z.object({ total: z.number(), totalCapped: z.boolean(), offset: z.number(), limit: z.number(), next: z.string().optional(), tasks: z.array(z.object({}).loose()) }) }, 400: { description: 'Invalid query', schema: z.object({ error: z.string() }).loose() } } } });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const query = listQuery.safeParse(Object.fromEntries(Object.entries(request.query).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])));
		if (!query.success) return response.status(400).json({ error: 'Invalid query', issues: issuesOf(query.error) });
		const { guild, status, priority, assignee, chantier: code, tag, search, overdue, limit, offset, after } = query.data;
		const guildId = (await targetGuild(request, guild, 'tasks'))?.id;
		if (!guildId) {
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
			...(search ? { search } : {}),
			...(overdue === 'true' || overdue === '1' ? { overdue: true } : {})
		};
		let page;
		try {
			page = await listTasks(this.container.db, options, clock(guildId), { offset, limit, after });
		} catch (error) {
			if (!(error instanceof RangeError)) throw error;
			this.container.pino.info({ after }, 'GET /api/tasks: invalid after');
			return response.status(400).json({ error: 'Invalid query', issues: [{ path: 'after', message: 'not a next value of this list' }] });
		}
		const { tasks, total, countCapped, next } = page;
		response.json({ total, totalCapped: countCapped, offset: after ? 0 : offset, limit, ...(next ? { next } : {}), tasks: await tasksJson(tasks) });
	}
}
