import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { refuseGuild, inputOf, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { entryJson, entryJsonSchema } from '../api.ts';
import { entriesInRange, monthRange, weekRange } from '../planning.ts';
import { countPlanningInRange } from '../queries.ts';
import { planningSettings } from '../settings.ts';

const entrySchema = entryJsonSchema.extend({ memberName: z.string().nullable() });

const schema = {
	summary: 'A server\'s planning for one week or one month',
	description: 'The entries overlapping the week (Monday to Monday) or the calendar month holding `day` (today by default), in the server\'s time zone, as `/planning` shows them; cancelled entries included. With `limit`, one page of them: `next` in the answer, passed as `after`, gives the following page at the cost of the first (keyset). `total` stops at 1000, then `totalCapped` is true.',
	tags: ['planning'],
	query: z.object({
		guild: z.string().regex(/^\d{5,25}$/, 'a Discord id').optional(),
		view: z.enum(['week', 'month']).default('week'),
		day: z.iso.date().optional(),
		member: z.string().regex(/^\d{5,25}$/, 'a Discord id').optional(),
		limit: z.coerce.number().int().min(1).max(500).optional(),
		after: z.uuid().optional()
	}),
	responses: {
		200: { description: 'The period and its entries, earliest first', schema: z.object({ view: z.enum(['week', 'month']), from: z.string(), to: z.string(), timeZone: z.string(), total: z.number(), totalCapped: z.boolean(), next: z.string().optional(), entries: z.array(entrySchema) }) },
		400: { description: 'Invalid query', schema: z.object({ error: z.string() }).loose() }
	}
} satisfies RouteSchema;

/** The list counts no further than this (`totalCapped`). */
const listCountCap = 1000;

/** `GET /api/planning?view=week|month&day=&limit=&after=`: what the dashboard's calendar shows (the whole period when no `limit`). */
export class PlanningListRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { guild, view, day, member, limit, after } = inputOf(request, schema).query;
		const target = await targetGuild(request, guild, 'planning');
		const guildId = target?.id;
		if (!guildId) return refuseGuild(request, response, guild, 'query', 'guild', 'planning');
		const { timeZone } = planningSettings(guildId);
		const range = (view === 'month' ? monthRange : weekRange)(day ?? DateTime.now().setZone(timeZone).toISODate()!, timeZone);
		const scope = { guildId, userId: member ?? null, range };
		const [read, count] = await Promise.all([
			entriesInRange(this.container.db, { ...scope, after, limit: limit === undefined ? undefined : limit + 1 }),
			countPlanningInRange(this.container.db, scope, listCountCap)
		]);
		const entries = limit === undefined ? read : read.slice(0, limit);
		const next = limit !== undefined && read.length > limit ? entries.at(-1)?.id : undefined;
		const members = target?.members.cache;
		response.json({
			view,
			from: range.start.toISOString(),
			to: range.end.toISOString(),
			timeZone,
			total: count.total,
			totalCapped: count.capped,
			...(next ? { next } : {}),
			entries: entries.map((entry) => ({ ...entryJson(entry), memberName: members?.get(entry.userId)?.displayName ?? null }))
		});
	}
}
