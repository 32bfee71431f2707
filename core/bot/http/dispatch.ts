// Each HTTP request from the socket to its route: plugin-api's router, middlewares and routes, without its chain of async events.
import { RouterRoot, type ApiRequest, type ApiResponse, type MethodName, type Middleware, type RouterNode, type Server } from '@sapphire/plugin-api';
import { onMiddlewareError, onRouteError, onRouteTimeout } from './route-errors.ts';

type Step = ReturnType<Middleware['run']>;
const isPending = (step: Step): step is Promise<unknown> => typeof (step as Promise<unknown> | undefined)?.then === 'function';

/** plugin-api's listeners for the steps below: unloaded, the dispatcher does their work. */
export const replacedApiListeners = [
	'PluginServerRequest',
	'PluginServerRouterFound',
	'PluginServerRouterBranchNotFound',
	'PluginServerRouterBranchMethodNotAllowed',
	'PluginServerMiddlewareSuccess',
	'PluginServerMiddlewareError',
	'PluginRouteError'
];

/**
 * plugin-api hands each request through four events of an async event emitter and awaits every middleware,
 * even one that returns at once. This does the same steps in the same order (route lookup, middlewares by
 * position, then the route; 404 and 405 as plugin-api answers them) and waits only for a middleware that
 * returns a promise, so a request whose middlewares all decide at once is answered without a detour.
 *
 * Installed before the server listens: until `starting()` turns false (the routes, middlewares and plugins
 * loaded), every request answers 503 with Retry-After, where plugin-api would have answered 404 for a plugin's
 * path and run its own middlewares (a cookie check that refuses 127.0.0.1) for the core's.
 *
 * Requests that arrive in the same turn of the event loop are handled together once their sockets are read
 * (setImmediate), so their answers leave back to back. Answered one by one as they arrive, each answer woke
 * the client's side of the socket alone, and that wake-up was the largest cost of a request on a busy
 * server: bench/api.ts, GET /stats, 138 → 104 µs of CPU per request.
 */
/**
 * The route a method asks for on a path; HEAD is answered by the path's GET route (Node's server sends the
 * headers without the body), as HTTP requires of GET paths and as uptime checks and link checkers call them.
 */
function routeFor(node: RouterNode | null, method = 'GET') {
	if (!node) return null;
	return node.get(method as MethodName) ?? (method === 'HEAD' ? node.get('GET') : null) ?? null;
}

export function installRequestDispatcher(server: Server, { starting, routeTimeoutMs = 30_000 }: { starting: () => boolean; routeTimeoutMs?: number }): void {
	const routes = server.routes;
	const middlewares = server.middlewares;

	function continueFrom(index: number, request: ApiRequest, response: ApiResponse): void {
		const sorted = middlewares.sortedMiddlewares;
		for (let at = index; at < sorted.length; at++) {
			if (response.writableEnded) return;
			const middleware = sorted[at]!;
			if (!middleware.enabled) continue;
			let step: Step;
			try {
				step = middleware.run(request, response);
			} catch (error) {
				onMiddlewareError(error, request, response, middleware.name);
				return;
			}
			if (isPending(step)) {
				step.then(
					() => continueFrom(at + 1, request, response),
					(error: unknown) => onMiddlewareError(error, request, response, middleware.name)
				);
				return;
			}
		}
		answer(request, response);
	}

	function answer(request: ApiRequest, response: ApiResponse): void {
		if (response.writableEnded) return;
		const route = request.route;
		if (request.routerNode === null) response.notFound();
		else if (!route) response.methodNotAllowed();
		else {
			try {
				const running = route.run(request, response);
				if (isPending(running)) {
					// A route still working after the limit with nothing sent (a call that never returns) is answered for it.
					const timer = setTimeout(() => onRouteTimeout(request, response, routeTimeoutMs), routeTimeoutMs);
					running.then(
						() => clearTimeout(timer),
						(error: unknown) => {
							clearTimeout(timer);
							onRouteError(error, request, response);
						}
					);
				}
			} catch (error) {
				onRouteError(error, request, response);
			}
		}
	}

	const arrived: [ApiRequest, ApiResponse][] = [];
	const handleArrived = () => {
		for (const [request, response] of arrived.splice(0)) {
			try {
				handle(request, response);
			} catch (error) {
				onMiddlewareError(error, request, response);
			}
		}
	};
	server.server.removeAllListeners('request');
	server.server.on('request', (request: ApiRequest, response: ApiResponse) => {
		arrived.push([request, response]);
		if (arrived.length === 1) setImmediate(handleArrived);
	});
	function handle(request: ApiRequest, response: ApiResponse) {
		if (starting()) {
			response.status(503).setHeader('Retry-After', '1').json({ error: 'Starting: try again in a second' });
			return;
		}
		const url = request.url ?? '';
		const queryStart = url.indexOf('?');
		const parts = RouterRoot.normalize(queryStart === -1 ? url : url.slice(0, queryStart));
		request.query = queryStart === -1 ? {} : Object.fromEntries(new URLSearchParams(url.slice(queryStart + 1)));
		const node = routes.router.find(parts)?.node ?? null;
		request.routerNode = node;
		request.route = routeFor(node, request.method);
		if (node) request.params = node.extractParameters(parts);
		continueFrom(0, request, response);
	}
}
