// GET /api/health: liveness and readiness for Docker and load balancers.
import { container } from '@sapphire/framework';
import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';

/** Database, cache, Discord and plugin states (and why a plugin does not run); 503 when any of the first three is down. */
export class HealthRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'health', methods: ['GET'], auth: 'public', schema: { summary: 'Readiness', tags: ['core'], responses: { 200: { description: 'Database, cache and Discord up; plugin states', schema: z.object({}).loose() }, 503: { description: 'One of them is down', schema: z.object({}).loose() } } } });
	}

	public override async run(_request: ApiRequest, response: ApiResponse) {
		const [database, cache] = await Promise.all([container.database.ping(), container.cache.ping()]);
		const states = container.plugins.list().map((record) => ({ record, state: container.plugins.stateOf(record.name, null)! }));
		const plugins = Object.fromEntries(states.map(({ record, state }) => [record.name, state.state]));
		// One line per plugin that does not run, saying why (a refused dependency cycle names the plugins involved).
		const problems = Object.fromEntries(
			states.filter(({ state }) => state.state === 'failed' || state.state === 'waiting').map(({ record, state }) => [record.name, state.error ?? state.state])
		);
		// PROCESS_ROLE=api holds no gateway shard: it reaches Discord through REST once it knows who the bot is.
		const discord = container.config.PROCESS_ROLE === 'api' ? container.client.user !== null : container.client.isReady();
		const healthy = database && cache && discord;
		response.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', discord, database, cache, plugins, problems });
	}
}
