// CORS headers for browsers, and the early answers to OPTIONS, unknown paths (404) and unknown methods (405).
import { container } from '@sapphire/framework';
import { Middleware, type ApiRequest, type ApiResponse, type MiddlewareOptions, type RouterNode } from '@sapphire/plugin-api';
import { csrfHeader } from './session.ts';

const allowedHeaders = `Authorization, User-Agent, Content-Type, X-API-Key, ${csrfHeader}`;

/** A path's methods, joined once per route node rather than on every request. */
const methodsByNode = new WeakMap<RouterNode, string>();
function methodsOf(node: RouterNode | null | undefined): string {
	if (!node) return container.server.routes.router.supportedMethods.join(', ');
	let methods = methodsByNode.get(node);
	if (methods === undefined) {
		const served = [...node.methods()];
		// A GET path answers HEAD too (see the dispatcher).
		if (served.includes('GET') && !served.includes('HEAD')) served.push('HEAD');
		methods = served.join(', ');
		methodsByNode.set(node, methods);
	}
	return methods;
}

/**
 * Replaces plugin-api's headers middleware (same position, same early answers). CORS headers go only to
 * requests that carry an `Origin` (browsers always send one across origins; n8n, scripts and Prometheus do
 * not), and no `Date` of its own: Node sends one, cached for the second. `X-API-Key` and the dashboard's CSRF
 * header are allowed too.
 */
export class CorsMiddleware extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 10 });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		if (request.headers.origin !== undefined) {
			response.setHeader('Access-Control-Allow-Origin', container.server.options.origin ?? '');
			response.setHeader('Access-Control-Allow-Credentials', 'true');
			response.setHeader('Access-Control-Allow-Headers', allowedHeaders);
			response.setHeader('Access-Control-Allow-Methods', methodsOf(request.routerNode));
		}
		// Whether the answer has CORS headers depends on the request's Origin: a cache must not mix them up.
		response.setHeader('Vary', 'Origin');
		if (request.method === 'OPTIONS') {
			if (!request.route?.methods.has('OPTIONS')) response.end();
		} else if (request.routerNode === null) response.status(404).json({ error: 'Not Found' });
		else if (request.route === null) {
			response.setHeader('Allow', methodsOf(request.routerNode));
			response.status(405).json({ error: 'Method Not Allowed' });
		}
	}
}
