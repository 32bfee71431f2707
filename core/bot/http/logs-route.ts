// GET /api/logs: pages through api_logs, or with `source=process` the process's recent log lines, newest first, with filters; admin scope.
import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { startOfDay } from '../../days.ts';
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

const processLine = z.object({
	seq: z.number(),
	time: z.string(),
	level: z.string(),
	plugin: z.string().optional(),
	msg: z.string().optional(),
	fields: z.record(z.string(), z.unknown())
});

const processFilters = ['level', 'plugin'] as const;
const apiFilters = ['method', 'status', 'path', 'since'] as const;

const schema = {
	summary: 'Requests made to the API, or the process\'s recent log lines',
	description:
		'Newest first. Keyset paging: pass the answer\'s `nextCursor` as `before` for the next page (absent on the last one). ' +
		'`source=process` reads the last 2,000 log lines this process kept in memory (filters `level`, `plugin`); the default `source=api` reads api_logs (filters `method`, `status`, `path`, `since`).',
	tags: ['core'],
	query: z
		.object({
			source: z.enum(['api', 'process']).default('api'),
			level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).optional().describe('process: lines at this level or above'),
			plugin: z.string().min(1).max(100).optional().describe('process: lines of this plugin only'),
			method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
			status: z.coerce.number().int().min(100).max(599).optional(),
			path: z.string().startsWith('/', 'a path starting with /').max(500).optional().describe('Paths starting with this'),
			since: z.iso
				.datetime({ offset: true })
				.or(z.iso.date())
				.optional()
				.describe('Requests at or after this time (ISO 8601), or since the start of this day (YYYY-MM-DD, in TZ_DEFAULT)'),
			before: z.coerce.number().int().min(0).optional().describe('The previous page\'s nextCursor'),
			limit: z.coerce.number().int().min(1).max(500).default(100)
		})
		.check((check) => {
			// A filter of the other source would be ignored, and the caller would read an unfiltered page as filtered.
			const other = check.value.source === 'process' ? apiFilters : processFilters;
			for (const name of other) {
				if (check.value[name] !== undefined) {
					check.issues.push({ code: 'custom', input: check.value[name], path: [name], message: `only with source=${check.value.source === 'process' ? 'api' : 'process'}` });
				}
			}
		}),
	responses: {
		200: {
			description: 'One page of requests (source=api) or of log lines (source=process)',
			schema: z.union([z.object({ logs: z.array(logRow), nextCursor: z.number().optional() }), z.object({ lines: z.array(processLine), nextCursor: z.number().optional() })])
		}
	}
} satisfies RouteSchema;

export class ApiLogsRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'logs', methods: ['GET'], scope: 'admin', schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { source, level, plugin, method, status, path, since, before, limit } = inputOf(request, schema).query;
		if (source === 'process') {
			const lines = this.container.logRing.query({ level, plugin, before, limit });
			response.json(lines.length === limit && lines.at(-1)!.seq > 0 ? { lines, nextCursor: lines.at(-1)!.seq } : { lines });
			return;
		}
		const filters: SQL[] = [];
		if (method) filters.push(eq(apiLogs.method, method));
		if (status) filters.push(eq(apiLogs.status, status));
		if (path) filters.push(sql`starts_with(${apiLogs.path}, ${path})`);
		if (since) filters.push(gte(apiLogs.createdAt, since.includes('T') ? new Date(since) : startOfDay(since, this.container.config.TZ_DEFAULT)));
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
