import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { refuseGuild, guildTimeZone, inputOf, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { chantierNamed } from '../../../chantier-flows.ts';
import { chantierJson, chantierSchema, snowflake } from '../../../chantier-api.ts';
import { archivedName } from '../../../chantier-template.ts';
import { channelsOf } from '../../../chantiers.ts';

const schema = {
	summary: 'What archiving a chantier would do (the confirmation\'s question)',
	description: 'As `/archiverchantier` asks before acting: the category\'s name now and once archived, and how many channels become read-only. Nothing changes; confirm with `POST` on the same path.',
	tags: ['admin'],
	params: z.object({ code: z.string().min(1).max(100) }),
	query: z.object({ guild: snowflake.optional() }),
	responses: {
		200: {
			description: 'The question',
			schema: z.object({ chantier: chantierSchema, category: z.string().nullable(), archivedName: z.string(), channels: z.number(), alreadyArchived: z.boolean() })
		},
		400: { description: 'Invalid request', schema: z.object({ error: z.string() }).loose() },
		404: { description: 'No such chantier', schema: z.object({ error: z.string() }) }
	}
} satisfies RouteSchema;

/** `GET /api/chantiers/{code}/archive`: the dashboard's confirmation step before archiving. */
export class ChantierArchivePreviewRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { params, query } = inputOf(request, schema);
		const guild = await targetGuild(request, query.guild, 'admin');
		if (!guild) return refuseGuild(request, response, query.guild, 'query', 'guild', 'admin');
		const chantier = await chantierNamed(guild.id, params.code);
		if (!chantier) return response.status(404).json({ error: `No chantier "${params.code}"` });
		const { category, channels } = await channelsOf(guild, chantier);
		response.json({
			chantier: chantierJson(chantier),
			category: category?.name ?? null,
			archivedName: archivedName(chantier, guildTimeZone(guild.id), new Date()),
			channels: channels.length,
			alreadyArchived: chantier.status === 'archive'
		});
	}
}
