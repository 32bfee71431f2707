// GET /api/metrics: the process's Prometheus metrics (behind the API key like plugin routes).
import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { metricsRegistry } from '../../metrics.ts';

export class MetricsRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'metrics', methods: ['GET'], schema: { summary: 'Prometheus metrics', tags: ['core'], responses: { 200: { description: 'Text exposition format', contentType: 'text/plain' } } } });
	}

	public override async run(_request: ApiRequest, response: ApiResponse) {
		response.setContentType(metricsRegistry.contentType as never).end(await metricsRegistry.metrics());
	}
}
