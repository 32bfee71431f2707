// The core's routes outside the API's /api/ prefix, declared like plugins' ones: `route: '/health'`.
import { Route } from '@sapphire/plugin-api';
import { applyRootedPath } from '../../host/route-paths.ts';

/** Plugins' routes get their rooted path from the host when they load; the core's pieces have no host, hence this base. */
export abstract class RootRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, options);
		applyRootedPath(this);
	}
}
