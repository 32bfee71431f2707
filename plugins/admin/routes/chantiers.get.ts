import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { refuseGuild, inputOf, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { listChantiers } from '../../team/public.ts';
import { chantierJson, chantierSchema, snowflake } from '../chantier-api.ts';

const schema = {
	summary: 'List a server\'s chantiers with their lifecycle state',
	description: 'Active ones first, then by code, as `/chantiers` lists them. `status` keeps one state.',
	tags: ['admin'],
	query: z.object({
		guild: snowflake.optional(),
		status: z.enum(['actif', 'en_pause', 'termine', 'archive']).optional(),
		limit: z.coerce.number().int().min(1).max(100).default(50),
		offset: z.coerce.number().int().min(0).max(100_000).default(0)
	}),
	responses: {
		200: { description: 'One page of chantiers', schema: z.object({ total: z.number(), offset: z.number(), limit: z.number(), chantiers: z.array(chantierSchema) }) },
		400: { description: 'Invalid query', schema: z.object({ error: z.string() }).loose() }
	}
} satisfies RouteSchema;

/** `GET /api/chantiers?status=&limit=&offset=`: the dashboard's chantier list. */
export class ChantiersListRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { guild, status, limit, offset } = inputOf(request, schema).query;
		const guildId = (await targetGuild(request, guild, 'admin'))?.id;
		if (!guildId) return refuseGuild(request, response, guild, 'query', 'guild', 'admin');
		const { chantiers, total } = await listChantiers(this.container.db, guildId, { status, offset, limit });
		response.json({ total, offset, limit, chantiers: chantiers.map(chantierJson) });
	}
}
