import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { guildIssue, inputOf, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { entryJson } from '../api.ts';
import { entriesInRange, monthRange, weekRange } from '../planning.ts';
import { planningSettings } from '../settings.ts';

const entrySchema = z.object({
	id: z.string(),
	memberId: z.string(),
	memberName: z.string().nullable(),
	type: z.string(),
	status: z.string(),
	startsAt: z.string(),
	endsAt: z.string(),
	allDay: z.boolean(),
	chantier: z.string().nullable(),
	note: z.string().nullable()
});

const schema = {
	summary: 'A server\'s planning for one week or one month',
	description: 'The entries overlapping the week (Monday to Monday) or the calendar month holding `day` (today by default), in the server\'s time zone, as `/planning` shows them; cancelled entries included.',
	tags: ['planning'],
	query: z.object({
		guild: z.string().regex(/^\d{5,25}$/, 'a Discord id').optional(),
		view: z.enum(['week', 'month']).default('week'),
		day: z.iso.date().optional(),
		member: z.string().regex(/^\d{5,25}$/, 'a Discord id').optional()
	}),
	responses: {
		200: { description: 'The period and its entries, earliest first', schema: z.object({ view: z.enum(['week', 'month']), from: z.string(), to: z.string(), timeZone: z.string(), entries: z.array(entrySchema) }) },
		400: { description: 'Invalid query', schema: z.object({ error: z.string() }).loose() }
	}
} satisfies RouteSchema;

/** `GET /api/planning?view=week|month&day=`: what the dashboard's calendar shows. */
export class PlanningListRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { guild, view, day, member } = inputOf(request, schema).query;
		const guildId = targetGuild(guild, 'planning');
		if (!guildId) return response.status(400).json({ error: 'Invalid query', issues: [guildIssue('query', 'guild', 'planning')] });
		const { timeZone } = planningSettings(guildId);
		const range = (view === 'month' ? monthRange : weekRange)(day ?? DateTime.now().setZone(timeZone).toISODate()!, timeZone);
		const entries = await entriesInRange(this.container.db, { guildId, userId: member ?? null, range });
		const members = this.container.client.guilds.cache.get(guildId)?.members.cache;
		response.json({
			view,
			from: range.start.toISOString(),
			to: range.end.toISOString(),
			timeZone,
			entries: entries.map((entry) => ({ ...entryJson(entry), memberName: members?.get(entry.userId)?.displayName ?? null }))
		});
	}
}
