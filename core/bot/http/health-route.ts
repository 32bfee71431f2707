// GET /api/health: liveness and readiness for Docker and load balancers.
import { container } from '@sapphire/framework';
import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';

/** Database, cache, Discord and plugin states; 503 when any of the first three is down. */
export class HealthRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'health', methods: ['GET'], auth: 'public' } as Route.Options);
	}

	public override async run(_request: ApiRequest, response: ApiResponse) {
		const [database, cache] = await Promise.all([container.database.ping(), container.cache.ping()]);
		const plugins = Object.fromEntries(container.plugins.list().map((record) => [record.name, record.status]));
		const discord = container.client.isReady();
		const healthy = database && cache && discord;
		response.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', discord, database, cache, plugins });
	}
}
