import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { apiActor, getDefaultLocale, refuseGuild, guildTimeZone, inputOf, pluginLogger, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { archiveRefusalText, chantierNamed, traceChantierAction } from '../../../chantier-flows.ts';
import { chantierJson, chantierSchema, localeSchema, refusalJson, refusalSchema, snowflake } from '../../../chantier-api.ts';
import { archiveChantier } from '../../../chantiers.ts';
import { text } from '../../../text.ts';

const schema = {
	summary: 'Archive a chantier (confirmed)',
	description: 'As `/archiverchantier` once its question is confirmed: the category renamed and moved to the bottom, its channels read-only, the state `archive`; audited and told in the log channel. The body must say `confirm: true` (the question: `GET` on the same path); a refusal is worded in `locale`.',
	tags: ['admin'],
	params: z.object({ code: z.string().min(1).max(100) }),
	body: z.object({ guildId: snowflake.optional(), confirm: z.literal(true), locale: localeSchema }),
	responses: {
		200: { description: 'Archived', schema: z.object({ chantier: chantierSchema, channels: z.number(), categoryFound: z.boolean() }) },
		400: { description: 'Invalid request (no confirmation, an unknown locale)', schema: z.object({ error: z.string() }).loose() },
		404: { description: 'No such chantier', schema: z.object({ error: z.string() }) },
		409: { description: 'Already archived (`reason: alreadyArchived`), worded in `locale`', schema: refusalSchema },
		502: { description: 'Discord refused a step (what changed was put back)', schema: refusalSchema }
	}
} satisfies RouteSchema;

/** `POST /api/chantiers/{code}/archive` `{ "confirm": true }`: the dashboard's archive, through the command's own logic. */
export class ChantierArchiveRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, scope: 'admin', schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { params, body } = inputOf(request, schema);
		const guild = await targetGuild(request, body.guildId, 'admin');
		if (!guild) return refuseGuild(request, response, body.guildId, 'body', 'guildId', 'admin');
		const chantier = await chantierNamed(guild.id, params.code);
		if (!chantier) return response.status(404).json({ error: `No chantier "${params.code}"` });
		if (chantier.status === 'archive') {
			return response.status(409).json({ error: 'Refused', reason: 'alreadyArchived', message: text(body.locale ?? getDefaultLocale())('alreadyArchived', { code: chantier.code }) });
		}
		const actorId = apiActor(request);
		const logger = pluginLogger(this);
		const outcome = await archiveChantier(guild, chantier, { actorId, timeZone: guildTimeZone(guild.id), now: new Date(), logger });
		if (!outcome.ok) {
			logger.info({ chantier: chantier.code, refusal: outcome.refusal }, 'Chantier archive refused (API)');
			return response.status(502).json(refusalJson(outcome.refusal, body.locale, archiveRefusalText));
		}
		await traceChantierAction(guild.id, actorId, 'chantier.archive', chantier, { readOnlyChannels: outcome.value.channels, from: chantier.status });
		const archived = await chantierNamed(guild.id, chantier.id);
		response.json({ chantier: chantierJson(archived ?? { ...chantier, status: 'archive' }), ...outcome.value });
	}
}
