// Routes served outside the API's /api/ prefix: the paths the bot this project replaces served
// (/health, /metrics, /webhook/tally …), which integrations and health checks already call.
import { Route, RouterRoot } from '@sapphire/plugin-api';

/** A route at exactly `options.route` (e.g. `metrics` → `/metrics`), without the `/api/` prefix. */
export abstract class RootRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options & { route: string }) {
		super(context, options);
		// plugin-api puts its prefix in front of every path in Route's constructor; the router reads `path` when the piece loads.
		(this as { path: readonly string[] }).path = RouterRoot.normalize(options.route);
	}
}
