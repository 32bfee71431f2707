// The API key check: every route not declared public needs a key (API_KEYS or /apikey) holding the scope the route needs, or the dashboard's session cookie.
import { container } from '@sapphire/framework';
import { Middleware, type ApiRequest, type ApiResponse, type MiddlewareOptions } from '@sapphire/plugin-api';
import { apiCallers } from './api-callers.ts';
import { knownKeys, matchKey } from './keyring.ts';
import { scopeNeeded } from './route-spec.ts';
import { csrfHeader, csrfMatches, sessionOf } from './session.ts';

/**
 * 401 without a valid key, 403 when the key lacks the route's scope; the caller is known by its key id from then on.
 * A valid dashboard session acts as an `admin`-scoped caller (`session:<user id>`); its state-changing calls need the CSRF header.
 */
export class ApiKeyMiddleware extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 15 });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const route = request.route;
		if (!route || request.method === 'OPTIONS') return;
		const needed = scopeNeeded(route, request.method);
		if (!needed) return;
		const session = request.headers.authorization || request.headers['x-api-key'] ? undefined : sessionOf(request);
		if (session) {
			apiCallers.set(request, `session:${session.userId}`);
			if (request.method !== 'GET' && request.method !== 'HEAD' && !csrfMatches(request, session)) {
				container.pino.warn({ path: request.url?.split('?')[0], caller: session.userId }, 'API request refused: session call without its CSRF token');
				response.status(403).json({ error: `Forbidden: send the session's CSRF token in "${csrfHeader}"` });
			}
			return;
		}
		const keys = await knownKeys();
		if (keys.length === 0) return;
		const header = request.headers.authorization ?? '';
		const given = header.startsWith('Bearer ') ? header.slice(7) : request.headers['x-api-key'];
		const key = typeof given === 'string' && given ? matchKey(keys, given) : undefined;
		if (!key) {
			container.pino.warn({ path: request.url?.split('?')[0], ip: request.socket.remoteAddress }, 'API request refused: missing or wrong API key');
			response.status(401).json({ error: 'Unauthorized: send "Authorization: Bearer <API key>"' });
			return;
		}
		apiCallers.set(request, key.id);
		if (!key.scopes.includes(needed)) {
			container.pino.warn({ path: request.url?.split('?')[0], key: key.id, needed }, 'API request refused: key lacks the scope');
			response.status(403).json({ error: `Forbidden: this key lacks the "${needed}" scope` });
		}
	}
}
