import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { cachedGlobalStats, statsSchema } from '../stats-route.ts';

/** `GET /api/stats`: the totals of the stats_globales view, for dashboards, from the figures cache. */
export class GlobalStatsRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema: statsSchema });
	}

	public override async run(_request: ApiRequest, response: ApiResponse) {
		response.json(await cachedGlobalStats());
	}
}
