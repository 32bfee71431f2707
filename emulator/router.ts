import type { UploadedFile } from './http.ts';

export interface RouteRequest {
	method: string;
	/** Path after `/api/v10`, with `%40original` decoded to `@original`. */
	path: string;
	/** The matched pattern, e.g. `/channels/:channelId/messages`. */
	route: string;
	params: Record<string, string>;
	query: URLSearchParams;
	body: unknown;
	files: UploadedFile[];
	auditReason?: string;
	/** The user of a valid OAuth2 `Bearer` token, on routes that accept one. */
	bearerUserId?: string;
}

/** What a handler returns is the JSON body; `undefined` becomes 204 No Content. */
export type RouteHandler = (request: RouteRequest) => unknown;

interface Route {
	method: string;
	pattern: string;
	segments: string[];
	requiresBotToken: boolean;
	/** A user's OAuth2 access token may stand in for the bot's token. */
	acceptsBearer: boolean;
	handler: RouteHandler;
}

export interface RouteMatch {
	route: Route;
	params: Record<string, string>;
}

/** A tiny method + path-pattern router: `:name` segments capture, everything else is literal. */
export class Router {
	readonly #routes: Route[] = [];

	add(method: string, pattern: string, handler: RouteHandler, options: { requiresBotToken?: boolean; acceptsBearer?: boolean } = {}): this {
		this.#routes.push({
			method,
			pattern,
			segments: pattern.split('/').filter(Boolean),
			requiresBotToken: options.requiresBotToken ?? true,
			acceptsBearer: options.acceptsBearer ?? false,
			handler
		});
		return this;
	}

	match(method: string, path: string): RouteMatch | undefined {
		const segments = path.split('/').filter(Boolean);
		for (const route of this.#routes) {
			if (route.method !== method || route.segments.length !== segments.length) continue;
			const params: Record<string, string> = {};
			const matches = route.segments.every((expected, index) => {
				const actual = segments[index] ?? '';
				if (expected.startsWith(':')) {
					params[expected.slice(1)] = actual;
					return true;
				}
				return expected === actual;
			});
			if (matches) return { route, params };
		}
		return undefined;
	}
}

export function param(request: RouteRequest, name: string): string {
	const value = request.params[name];
	if (value === undefined) throw new Error(`Route ${request.route} has no :${name}`);
	return value;
}
