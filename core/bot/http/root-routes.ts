// GET /, GET /health and GET /metrics: the previous bot's paths, kept for the integrations that call them.
import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse, Route } from '@sapphire/plugin-api';
import { metricsRegistry } from '../../metrics.ts';
import { monsterVersion } from '../../version.ts';
import { RootRoute } from './root-route.ts';

/** What this server is and where to go next. */
export class IndexRoute extends RootRoute {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: '/', methods: ['GET'], auth: 'public' } as Route.Options);
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
		super(context, { ...options, route: '/health', methods: ['GET'], auth: 'public' } as Route.Options);
	}

	public override run(_request: ApiRequest, response: ApiResponse) {
		response.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
	}
}

/** Prometheus metrics, public when METRICS_PUBLIC is true (also at /api/metrics, always behind the key). */
export class RootMetricsRoute extends RootRoute {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		const auth = container.config.METRICS_PUBLIC ? 'public' : 'key';
		super(context, { ...options, route: '/metrics', methods: ['GET'], auth } as Route.Options);
	}

	public override async run(_request: ApiRequest, response: ApiResponse) {
		response.setContentType(metricsRegistry.contentType as never).end(await metricsRegistry.metrics());
	}
}
