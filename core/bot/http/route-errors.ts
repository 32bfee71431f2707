// A route or middleware that throws: logged (with the route's plugin), and a generic 500 (plugin-api would send the error text).
import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { pluginNameOf } from '../plugin-of.ts';
import { reportPieceError } from '../piece-errors.ts';

export function onRouteError(error: unknown, request: ApiRequest, response: ApiResponse): void {
	const route = request.route;
	if (route) reportPieceError(pluginNameOf(route), route, error);
	else container.pino.error({ err: error }, 'HTTP request failed');
	answerFailure(response);
}

/**
 * A route that has sent nothing after `limitMs` (a plugin waiting on a service that never answers): the caller
 * gets a 503 instead of waiting until its own time-out, and the route's plugin a logged, counted error.
 */
export function onRouteTimeout(request: ApiRequest, response: ApiResponse, limitMs: number): void {
	if (response.headersSent || response.writableEnded) return;
	const route = request.route!;
	reportPieceError(pluginNameOf(route), route, new Error(`${request.method} ${request.url?.split('?')[0]} did not answer within ${limitMs / 1000} s`));
	response.status(503).json({ error: 'The route did not answer in time' });
}

/** The log names the middleware (when known) and the route asked for. */
export function onMiddlewareError(error: unknown, request: ApiRequest, response: ApiResponse, middleware?: string): void {
	const route = request.route;
	container.pino.error({ err: error, middleware, path: request.url?.split('?')[0], plugin: route ? pluginNameOf(route) : undefined }, 'HTTP middleware failed');
	answerFailure(response);
}

/** A 500 while nothing was sent; once a route has started its answer (a stream), only cutting it off says it failed. */
function answerFailure(response: ApiResponse): void {
	if (response.writableEnded) return;
	if (response.headersSent) response.destroy();
	else response.status(500).json({ error: 'Internal Server Error' });
}
