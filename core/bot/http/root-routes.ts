// GET /, GET /health and GET /metrics: the previous bot's paths, kept for the integrations that call them.
import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse, Route } from '@sapphire/plugin-api';
import { z } from 'zod';
import { metricsRegistry } from '../../metrics.ts';
import { monsterVersion } from '../../version.ts';
import { RootRoute } from './root-route.ts';

/** What this server is and where to go next. */
export class IndexRoute extends RootRoute {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: '/', methods: ['GET'], auth: 'public', schema: { summary: 'What this server is', tags: ['core'], responses: { 200: { description: 'Name, version, uptime, links', schema: z.object({}).loose() } } } });
	}

	public override run(_request: ApiRequest, response: ApiResponse) {
		response.json({
			name: 'Monster',
			version: monsterVersion,
			uptimeSeconds: Math.round(process.uptime()),
			links: { health: '/health', detailedHealth: '/api/health/detailed', metrics: '/metrics', api: '/api/' }
		});
	}
}

/** Liveness: the process answers HTTP. Readiness (database, cache, Discord) is /api/health. */
export class LivenessRoute extends RootRoute {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: '/health', methods: ['GET'], auth: 'public', schema: { summary: 'Liveness', tags: ['core'], responses: { 200: { description: 'The process answers', schema: z.object({ status: z.literal('ok'), uptimeSeconds: z.number() }) } } } });
	}

	public override run(_request: ApiRequest, response: ApiResponse) {
		response.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
	}
}

/** Prometheus metrics, public when METRICS_PUBLIC is true (also at /api/metrics, always behind the key). */
export class RootMetricsRoute extends RootRoute {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		const auth = container.config.METRICS_PUBLIC ? 'public' : 'key';
		super(context, { ...options, route: '/metrics', methods: ['GET'], auth, schema: { summary: 'Prometheus metrics', tags: ['core'], responses: { 200: { description: 'Text exposition format', contentType: 'text/plain' } } } });
	}

	public override async run(_request: ApiRequest, response: ApiResponse) {
		response.setContentType(metricsRegistry.contentType as never).end(await metricsRegistry.metrics());
	}
}
