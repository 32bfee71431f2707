import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { refuseGuild, inputOf, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { entryBody, entryJsonSchema, submitEntry } from '../../api.ts';

const entry = entryJsonSchema;
const problems = z.object({ error: z.string(), problems: z.array(z.object({ code: z.string(), message: z.string(), clashes: z.array(entry).optional() })) });

const schema = {
	summary: 'Add a planning entry',
	description: 'With the same checks as `/planifier`: times as members type them (`lundi 8h`, `25/12`) or ISO, in the server\'s time zone; an overlap is refused (409) unless `force`.',
	tags: ['planning'],
	body: entryBody,
	responses: {
		201: { description: 'The entry created and how many occurrences it has', schema: z.object({ entry, occurrences: z.number() }) },
		400: { description: 'Invalid fields or an entry refused as `/planifier` would', schema: z.object({ error: z.string() }).loose() },
		409: { description: 'The member already has entries at that time', schema: problems }
	}
} satisfies RouteSchema;

/** `POST /api/discord/planning`: the previous bot's path for adding a planning entry (n8n workflows, scripts). */
export class DiscordPlanningRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { guildId: requested, locale, ...body } = inputOf(request, schema).body;
		const guildId = (await targetGuild(request, requested, 'planning'))?.id;
		if (!guildId) return refuseGuild(request, response, requested, 'body', 'guildId', 'planning');
		const outcome = await submitEntry({ ...body, guildId }, locale);
		if (!outcome.ok) {
			const clash = outcome.problems.some((problem) => problem.code === 'clash');
			return response.status(clash ? 409 : 400).json({ error: 'Planning entry refused', problems: outcome.problems });
		}
		response.status(201).json({ entry: outcome.entry, occurrences: outcome.occurrences });
	}
}
