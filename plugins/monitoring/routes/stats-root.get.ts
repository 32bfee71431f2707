import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { cachedGlobalStats, statsSchema } from '../stats-route.ts';

/** `GET /stats`: the previous bot's path for the same totals as `GET /api/stats` (dashboards and scrapers call it). */
export class RootStatsRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: '/stats', methods: ['GET'], schema: { ...statsSchema, summary: 'Totals for dashboards (the previous bot\'s path)' } });
	}

	public override async run(_request: ApiRequest, response: ApiResponse) {
		response.json(await cachedGlobalStats());
	}
}
