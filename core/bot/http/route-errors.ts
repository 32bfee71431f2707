// A route that throws: logged with its plugin, and a generic 500 (plugin-api would send the error text).
import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { pluginOf } from '../plugin-of.ts';
import { reportPieceError } from '../piece-errors.ts';

export function onRouteError(error: unknown, request: ApiRequest, response: ApiResponse): void {
	const route = request.route;
	if (route) reportPieceError(pluginOf(route), route, error);
	else container.pino.error({ err: error }, 'HTTP request failed');
	if (!response.writableEnded) response.status(500).json({ error: 'Internal Server Error' });
}
