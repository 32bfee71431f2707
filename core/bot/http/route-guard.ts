// 404 for routes of a switched-off plugin and for routes no longer loaded.
import { container } from '@sapphire/framework';
import { Middleware, type ApiRequest, type ApiResponse, type MiddlewareOptions } from '@sapphire/plugin-api';

/** plugin-api's router keeps answering unloaded routes, so the store is the truth here. */
export class PluginRouteGuard extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 5 });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const route = request.route;
		if (!route) return;
		const plugin = container.plugins.pluginOf(route);
		const current = container.stores.get('routes').get(route.name) === route;
		if (!current || (plugin && !container.plugins.isActive(plugin))) {
			response.status(404).json({ error: 'Not Found' });
		}
	}
}
