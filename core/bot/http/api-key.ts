// The API key check: keys from API_KEYS protect every plugin route not declared public.
import { container } from '@sapphire/framework';
import { Middleware, type ApiRequest, type ApiResponse, type MiddlewareOptions } from '@sapphire/plugin-api';
import { apiCallers } from './api-callers.ts';

/** Refuses a request without a valid key unless the route declares `auth: 'public'`. */
export class ApiKeyMiddleware extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 15 });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const keys = container.config.API_KEYS;
		const route = request.route;
		if (!route || keys.length === 0 || (route.options as { auth?: string }).auth === 'public' || request.method === 'OPTIONS') return;
		const header = request.headers.authorization ?? '';
		const given = header.startsWith('Bearer ') ? header.slice(7) : request.headers['x-api-key'];
		const index = typeof given === 'string' ? keys.indexOf(given) : -1;
		if (index === -1) {
			container.pino.warn({ path: request.url, ip: request.socket.remoteAddress }, 'API request refused: missing or wrong API key');
			response.status(401).json({ error: 'Unauthorized: send "Authorization: Bearer <API key>"' });
			return;
		}
		apiCallers.set(request, `api-key-${index + 1}`);
	}
}
