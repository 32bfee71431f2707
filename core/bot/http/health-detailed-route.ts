// GET /api/health/detailed: every component's state and figures; 503 naming what failed.
import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { detailedHealth } from '../../health.ts';

export class DetailedHealthRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'health/detailed', methods: ['GET'], schema: { summary: 'Every component\'s state and figures', tags: ['core'], responses: { 200: { description: 'All healthy', schema: z.object({}).loose() }, 503: { description: 'What failed', schema: z.object({}).loose() } } } });
	}

	public override async run(_request: ApiRequest, response: ApiResponse) {
		const health = await detailedHealth();
		response.status(health.failing.length === 0 ? 200 : 503).json(health);
	}
}
