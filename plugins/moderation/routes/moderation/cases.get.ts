import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { refuseGuild, inputOf, targetGuild, type RouteSchema } from '#core/plugin-kit.ts';
import { moderationActions, searchCases } from '../../case-list.ts';

const snowflake = z.string().regex(/^\d{1,25}$/, 'a Discord id');

const caseSchema = z.object({
	caseNumber: z.number(),
	action: z.enum(moderationActions),
	targetId: z.string(),
	targetName: z.string().nullable(),
	moderatorId: z.string(),
	moderatorName: z.string().nullable(),
	reason: z.string().nullable(),
	expiresAt: z.string().nullable(),
	revokedAt: z.string().nullable(),
	createdAt: z.string()
});

const schema = {
	summary: 'Search a server\'s moderation cases',
	description: 'Newest first. Filters: `action`, `member` (the sanctioned member), `moderator`, `search` (text of the reason, or a case number). Keyset paging: pass `nextCursor` as `before`. Members erased on request show as `0`.',
	tags: ['moderation'],
	query: z.object({
		guild: snowflake.optional(),
		action: z.enum(moderationActions).optional(),
		member: snowflake.optional(),
		moderator: snowflake.optional(),
		search: z.string().trim().min(1).max(100).optional(),
		before: z.coerce.number().int().min(1).optional(),
		limit: z.coerce.number().int().min(1).max(100).default(25)
	}),
	responses: {
		200: { description: 'One page of cases', schema: z.object({ cases: z.array(caseSchema), nextCursor: z.number().optional() }) },
		400: { description: 'Invalid query', schema: z.object({ error: z.string() }).loose() }
	}
} satisfies RouteSchema;

/** `GET /api/moderation/cases`: the dashboard's moderation page. */
export class ModerationCasesRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { guild, action, member, moderator, search, before, limit } = inputOf(request, schema).query;
		const target = await targetGuild(request, guild, 'moderation');
		const guildId = target?.id;
		if (!guildId) return refuseGuild(request, response, guild, 'query', 'guild', 'moderation');
		const rows = await searchCases(this.container.db, { guildId, action, targetId: member, moderatorId: moderator, search, before, limit });
		const members = target?.members.cache;
		const nameOf = (id: string) => members?.get(id)?.displayName ?? null;
		const cases = rows.map((row) => ({
			caseNumber: row.caseNumber,
			action: row.action,
			targetId: row.targetId,
			targetName: nameOf(row.targetId),
			moderatorId: row.moderatorId,
			moderatorName: nameOf(row.moderatorId),
			reason: row.reason,
			expiresAt: row.expiresAt?.toISOString() ?? null,
			revokedAt: row.revokedAt?.toISOString() ?? null,
			createdAt: row.createdAt.toISOString()
		}));
		response.json(rows.length === limit ? { cases, nextCursor: rows.at(-1)!.caseNumber } : { cases });
	}
}
