// A route or middleware that throws: logged (with the route's plugin), and a generic 500 (plugin-api would send the error text).
import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { pluginNameOf } from '../plugin-of.ts';
import { reportPieceError } from '../piece-errors.ts';

export function onRouteError(error: unknown, request: ApiRequest, response: ApiResponse): void {
	const route = request.route;
	if (route) reportPieceError(pluginNameOf(route), route, error);
	else container.pino.error({ err: error }, 'HTTP request failed');
	if (!response.writableEnded) response.status(500).json({ error: 'Internal Server Error' });
}

/** plugin-api does not say which middleware threw: the log names the route asked for. */
export function onMiddlewareError(error: unknown, request: ApiRequest, response: ApiResponse): void {
	const route = request.route;
	container.pino.error({ err: error, path: request.url?.split('?')[0], plugin: route ? pluginNameOf(route) : undefined }, 'HTTP middleware failed');
	if (!response.writableEnded) response.status(500).json({ error: 'Internal Server Error' });
}
