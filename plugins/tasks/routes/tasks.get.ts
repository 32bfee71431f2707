import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { findChantier } from '../../team/public.ts';
import { refuseGuild, inputOf, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { listQuery, tasksJson } from '../api.ts';
import { clock } from '../flows.ts';
import { listTasks, parseStatusChoice } from '../tasks.ts';

const schema = {
	summary: 'List a server\'s tasks, most urgent first',
	description: '`search` is text the title contains; `after` is the previous page\'s `next` (keyset paging, `offset` ignored). `total` stops at 1000, then `totalCapped` is true.',
	tags: ['tasks'],
	query: listQuery,
	responses: {
		200: { description: 'One page of tasks', schema: z.object({ total: z.number(), totalCapped: z.boolean(), offset: z.number(), limit: z.number(), next: z.string().optional(), tasks: z.array(z.object({}).loose()) }) },
		400: { description: 'Invalid query', schema: z.object({ error: z.string() }).loose() }
	}
} satisfies RouteSchema;

/**
 * `GET /api/tasks?guild=&status=&priority=&assignee=&chantier=&tag=&search=&overdue=true&limit=&offset=&after=`:
 * the tasks of a guild, most urgent first, as `/taches` lists them. `guild` may be left out when the
 * bot serves one guild. `next` in the answer, passed as `after`, gives the next page at the cost of
 * the first (keyset); `total` stops at 1000 (`totalCapped`). Needs an API key when API_KEYS is set.
 */
export class TasksListRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { guild, status, priority, assignee, chantier: code, tag, search, overdue, limit, offset, after } = inputOf(request, schema).query;
		const guildId = (await targetGuild(request, guild, 'tasks'))?.id;
		if (!guildId) return refuseGuild(request, response, guild, 'query', 'guild', 'tasks');
		let chantierId: string | undefined;
		if (code) {
			const chantier = await findChantier(this.container.db, guildId, code);
			if (!chantier) return response.status(400).json({ error: 'Invalid request', issues: [{ in: 'query', path: 'chantier', message: `no chantier "${code}"` }] });
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
			return response.status(400).json({ error: 'Invalid request', issues: [{ in: 'query', path: 'after', message: 'not a next value of this list' }] });
		}
		const { tasks, total, countCapped, next } = page;
		response.json({ total, totalCapped: countCapped, offset: after ? 0 : offset, limit, ...(next ? { next } : {}), tasks: await tasksJson(tasks) });
	}
}
