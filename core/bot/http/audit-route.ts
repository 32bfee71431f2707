// GET /api/audit: pages through the audit log (refused commands, admin actions, configuration changes), newest first, with filters; admin scope.
import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditKind, auditLog } from '../../db/schema.ts';
import { inputOf, type RouteSchema } from './route-spec.ts';
import { callerGuildIds } from './session.ts';

const auditRow = z.object({
	id: z.number(),
	guildId: z.string().nullable(),
	kind: z.enum(auditKind.enumValues),
	actorId: z.string(),
	action: z.string(),
	target: z.string().nullable(),
	details: z.record(z.string(), z.unknown()),
	createdAt: z.string()
});

const schema = {
	summary: 'The audit log: refused commands, admin actions, configuration changes',
	description: 'Newest first. Keyset paging: pass the answer\'s `nextCursor` as `before` for the next page (absent on the last one).',
	tags: ['core'],
	query: z.object({
		guild: z.string().regex(/^\d{5,25}$/, 'a Discord id').optional().describe('Lines of this server only'),
		kind: z.enum(auditKind.enumValues).optional(),
		action: z.string().min(1).max(100).optional().describe('Actions starting with this (`chantier.`, `plugin.disable`)'),
		actor: z.string().min(1).max(100).optional().describe('A Discord user id, `api:<key>` or `system`'),
		before: z.coerce.number().int().min(0).optional().describe('The previous page\'s nextCursor'),
		limit: z.coerce.number().int().min(1).max(200).default(50)
	}),
	responses: { 200: { description: 'One page of the audit log', schema: z.object({ entries: z.array(auditRow), nextCursor: z.number().optional() }) } }
} satisfies RouteSchema;

export class AuditLogRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'audit', methods: ['GET'], scope: 'admin', schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { guild, kind, action, actor, before, limit } = inputOf(request, schema).query;
		const filters: SQL[] = [];
		if (guild) filters.push(eq(auditLog.guildId, guild));
		// A session limited to the servers its member administers reads only their lines.
		const limitedTo = callerGuildIds(request);
		if (limitedTo) filters.push(inArray(auditLog.guildId, limitedTo));
		if (kind) filters.push(eq(auditLog.kind, kind));
		if (action) filters.push(sql`starts_with(${auditLog.action}, ${action})`);
		if (actor) filters.push(eq(auditLog.actorId, actor));
		if (before !== undefined) filters.push(lt(auditLog.id, before));
		// Walks the primary key backwards: a page costs the same at any depth; filters only skip rows on the way.
		const rows = await this.container.db.select().from(auditLog).where(and(...filters)).orderBy(desc(auditLog.id)).limit(limit);
		const entries = rows.map((row) => ({ ...row, details: row.details as Record<string, unknown>, createdAt: row.createdAt.toISOString() }));
		response.json(rows.length === limit ? { entries, nextCursor: rows.at(-1)!.id } : { entries });
	}
}
