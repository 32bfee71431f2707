// GET /api/logs: pages through api_logs, newest first, with filters; admin scope.
import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { apiLogs } from '../../db/schema.ts';
import { inputOf, type RouteSchema } from './route-spec.ts';

const logRow = z.object({
	id: z.number(),
	method: z.string(),
	path: z.string(),
	status: z.number(),
	durationMs: z.number(),
	caller: z.string().nullable(),
	ip: z.string().nullable(),
	createdAt: z.string()
});

const schema = {
	summary: 'Requests made to the API',
	description: 'Newest first. Keyset paging: pass the answer\'s `nextCursor` as `before` for the next page (absent on the last one).',
	tags: ['core'],
	query: z.object({
		method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
		status: z.coerce.number().int().min(100).max(599).optional(),
		path: z.string().startsWith('/', 'a path starting with /').max(500).optional().describe('Paths starting with this'),
		since: z.iso.datetime({ offset: true }).optional().describe('Requests at or after this time (ISO 8601)'),
		before: z.coerce.number().int().min(1).optional().describe('The previous page\'s nextCursor'),
		limit: z.coerce.number().int().min(1).max(500).default(100)
	}),
	responses: {
		200: { description: 'One page of requests', schema: z.object({ logs: z.array(logRow), nextCursor: z.number().optional() }) }
	}
} satisfies RouteSchema;

export class ApiLogsRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'logs', methods: ['GET'], scope: 'admin', schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { method, status, path, since, before, limit } = inputOf(request, schema).query;
		const filters: SQL[] = [];
		if (method) filters.push(eq(apiLogs.method, method));
		if (status) filters.push(eq(apiLogs.status, status));
		if (path) filters.push(sql`starts_with(${apiLogs.path}, ${path})`);
		if (since) filters.push(gte(apiLogs.createdAt, new Date(since)));
		if (before) filters.push(lt(apiLogs.id, before));
		const rows = await this.container.db
			.select()
			.from(apiLogs)
			.where(and(...filters))
			.orderBy(desc(apiLogs.id))
			.limit(limit);
		const logs = rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
		response.json(rows.length === limit ? { logs, nextCursor: rows.at(-1)!.id } : { logs });
	}
}
