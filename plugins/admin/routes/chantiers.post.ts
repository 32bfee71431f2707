import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { apiActor, refuseGuild, guildTimeZone, inputOf, pluginLogger, pluginOf, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { traceChantierAction } from '../chantier-flows.ts';
import { chantierJson, chantierSchema, localeSchema, refusalJson, refusalSchema, snowflake } from '../chantier-api.ts';
import { limits } from '../chantier-template.ts';
import { createChantier } from '../chantiers.ts';
import type { AdminSettings } from '../settings.ts';

const schema = {
	summary: 'Create a chantier: its category, channels and record',
	description: 'As `/creerchantier`, all or nothing: the category and channels from the server\'s template, then the record; audited and told in the log channel. Dates as people type them or ISO. Refusals (`reason`: input, codeTaken, unknownRole, discord) come with the command\'s message.',
	tags: ['admin'],
	body: z.object({
		guildId: snowflake.optional(),
		code: z.string().min(1).max(32),
		name: z.string().min(1).max(limits.name),
		client: z.string().max(limits.client).optional(),
		address: z.string().max(limits.address).optional(),
		startsOn: z.string().max(40).optional(),
		endsOn: z.string().max(40).optional(),
		locale: localeSchema
	}),
	responses: {
		201: { description: 'The chantier created, with its channels', schema: z.object({ chantier: chantierSchema, channels: z.array(z.object({ id: z.string(), name: z.string() })) }) },
		400: { description: 'Invalid fields or refused as `/creerchantier` would', schema: z.union([refusalSchema, z.object({ error: z.string() }).loose()]) },
		409: { description: 'The code is taken', schema: refusalSchema },
		502: { description: 'Discord refused a step (nothing is left behind)', schema: refusalSchema }
	}
} satisfies RouteSchema;

/** `POST /api/chantiers`: the dashboard's "create a chantier", through the command's own logic. */
export class ChantierCreateRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, scope: 'admin', schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { guildId: requested, locale, ...input } = inputOf(request, schema).body;
		const guild = await targetGuild(request, requested, 'admin');
		if (!guild) return refuseGuild(request, response, requested, 'body', 'guildId', 'admin');
		const actorId = apiActor(request);
		const logger = pluginLogger(this);
		const settings = pluginOf<AdminSettings>(this).settings(guild.id);
		const outcome = await createChantier(guild, input, settings, { actorId, timeZone: guildTimeZone(guild.id), now: new Date(), logger });
		if (!outcome.ok) {
			logger.info({ guildId: guild.id, actorId, code: input.code, refusal: outcome.refusal }, 'Chantier creation refused (API)');
			const status = outcome.refusal.reason === 'codeTaken' ? 409 : outcome.refusal.reason === 'discord' ? 502 : 400;
			return response.status(status).json(refusalJson(outcome.refusal, locale));
		}
		const { chantier, channels } = outcome.value;
		await traceChantierAction(guild.id, actorId, 'chantier.create', chantier, { channels: channels.map((channel) => `<#${channel.id}>`).join(', '), categoryId: chantier.discordCategoryId });
		response.status(201).json({ chantier: chantierJson(chantier), channels: channels.map((channel) => ({ id: channel.id, name: channel.name })) });
	}
}
