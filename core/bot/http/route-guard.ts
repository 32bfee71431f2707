// 404 for routes of a switched-off plugin, for routes no longer loaded, and for the API on a process that does not serve it.
import { container } from '@sapphire/framework';
import { Middleware, type ApiRequest, type ApiResponse, type MiddlewareOptions, type Route } from '@sapphire/plugin-api';
import { DetailedHealthRoute } from './health-detailed-route.ts';
import { HealthRoute } from './health-route.ts';
import { MetricsRoute } from './metrics-route.ts';
import { IndexRoute, LivenessRoute, RootMetricsRoute } from './root-routes.ts';

/** What a `PROCESS_ROLE=gateway` process still answers: what load balancers, Docker and Prometheus poll. */
const operationalRoutes = [IndexRoute, LivenessRoute, HealthRoute, DetailedHealthRoute, MetricsRoute, RootMetricsRoute];
const isOperational = (route: Route) => operationalRoutes.some((kind) => route instanceof kind);

/** plugin-api's router keeps answering unloaded routes, so the store is the truth here. */
export class PluginRouteGuard extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 5 });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const route = request.route;
		if (!route) return;
		if (container.config.PROCESS_ROLE === 'gateway' && !isOperational(route)) {
			response.status(404).json({ error: 'Not Found: this process serves only health and metrics (PROCESS_ROLE=gateway); the API is on the api processes' });
			return;
		}
		const plugin = container.plugins.pluginOf(route);
		const current = container.stores.get('routes').get(route.name) === route;
		if (!current || (plugin && !container.plugins.isActive(plugin))) {
			response.status(404).json({ error: 'Not Found' });
		}
	}
}
