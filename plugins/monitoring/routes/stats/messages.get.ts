import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { refuseGuild, inputOf, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { messageSeries } from '../../activity.ts';

const schema = {
	summary: 'Messages per day and per member over the last 7, 30 or 90 days',
	description: 'From the daily user_stats (recomputed every 10 minutes; bots not counted), days in the bot\'s time zone (`TZ_DEFAULT`), today included. `perMember`: the `top` members who posted most, most first.',
	tags: ['monitoring'],
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
				perDay: z.array(z.object({ day: z.string(), messages: z.number() })),
				perMember: z.array(z.object({ userId: z.string(), name: z.string().nullable(), messages: z.number() }))
			})
		},
		400: { description: 'Invalid query', schema: z.object({ error: z.string() }).loose() }
	}
} satisfies RouteSchema;

/** `GET /api/stats/messages?days=7|30|90`: what the dashboard's activity charts draw. */
export class MessageSeriesRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { guild, days, top } = inputOf(request, schema).query;
		const target = await targetGuild(request, guild, 'monitoring');
		const guildId = target?.id;
		if (!guildId) return refuseGuild(request, response, guild, 'query', 'guild', 'monitoring');
		const today = DateTime.now().setZone(this.container.config.TZ_DEFAULT);
		const to = today.toISODate()!;
		const from = today.minus({ days: Number(days) - 1 }).toISODate()!;
		const series = await messageSeries(this.container.db, { guildId, from, to, top });
		const members = target?.members.cache;
		response.json({ from, to, perDay: series.perDay, perMember: series.perMember.map((row) => ({ ...row, name: members?.get(row.userId)?.displayName ?? null })) });
	}
}
