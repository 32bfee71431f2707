import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { refuseGuild, inputOf, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { clock } from '../flows.ts';
import { taskSeries } from '../task-queries.ts';

const schema = {
	summary: 'Tasks created and completed per day, and per member, over the last 7, 30 or 90 days',
	description: 'Days in the server\'s time zone, today included. `perMember`: the `top` assignees who completed most tasks in the period, most first.',
	tags: ['tasks'],
	query: z.object({
		guild: z.string().regex(/^\d{5,25}$/, 'a Discord id').optional(),
		days: z.enum(['7', '30', '90']).default('30'),
		top: z.coerce.number().int().min(1).max(25).default(10)
	}),
	responses: {
		200: {
			description: 'The series, one entry per day (zeros included)',
			schema: z.object({
				from: z.string(),
				to: z.string(),
				perDay: z.array(z.object({ day: z.string(), created: z.number(), done: z.number() })),
				perMember: z.array(z.object({ userId: z.string(), name: z.string().nullable(), done: z.number() }))
			})
		},
		400: { description: 'Invalid query', schema: z.object({ error: z.string() }).loose() }
	}
} satisfies RouteSchema;

/** `GET /api/stats/tasks?days=7|30|90`: what the dashboard's task charts draw (a file of its own name: `tasks.get` is the list). */
export class TaskSeriesRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'stats/tasks', methods: ['GET'], schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { guild, days, top } = inputOf(request, schema).query;
		const target = await targetGuild(request, guild, 'tasks');
		const guildId = target?.id;
		if (!guildId) return refuseGuild(request, response, guild, 'query', 'guild', 'tasks');
		const { timeZone, now } = clock(guildId);
		const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
		const first = today.minus({ days: Number(days) - 1 });
		const series = await taskSeries(this.container.db, { guildId, start: first.toJSDate(), end: today.plus({ days: 1 }).toJSDate(), timeZone, top });
		const perDay = Array.from({ length: Number(days) }, (_, index) => {
			const day = first.plus({ days: index }).toISODate()!;
			return { day, created: series.created.get(day) ?? 0, done: series.done.get(day) ?? 0 };
		});
		const members = target?.members.cache;
		response.json({ from: first.toISODate(), to: today.toISODate(), perDay, perMember: series.perMember.map((row) => ({ ...row, name: members?.get(row.userId)?.displayName ?? null })) });
	}
}
