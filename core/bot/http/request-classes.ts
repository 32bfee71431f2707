// The classes node:http builds for each request: node's own, with plugin-api's methods and the fields the API fills in.
import { IncomingMessage, ServerResponse } from 'node:http';
import { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import type { RequestInput } from './route-spec.ts';

/*
 * Not subclasses of plugin-api's classes, for two costs they carry on every request:
 * - plugin-api's build renames them with Object.defineProperty(Class, 'name', …). On a class node:http
 *   instantiates for every request, V8 then aborts each optimisation of the constructor and of node's
 *   parserOnIncoming ("dependency change") and starts again, for as long as requests come.
 * - ApiRequest's constructor adds each request to a WeakSet and a WeakMap (its private members, lowered by its
 *   build) and defines its fields one by one through an `in` check: about 2 µs a request where a plain
 *   subclass takes 0.2 µs, and two more weak entries for each scavenge to sweep.
 * Their prototypes inherit plugin-api's, so routes and middlewares typed with ApiRequest and ApiResponse get the
 * methods they know (`json`, `status`, …) and `instanceof` holds.
 */

const bodyReadByMiddleware =
	'The request body was already read and checked against the route schema: declare `body` in the route schema and read it with inputOf(request, schema) (PLUGINS.md, Routes).';

export class MonsterRequest extends IncomingMessage {
	public query: ApiRequest['query'] = {};
	public params: ApiRequest['params'] = {};
	public auth: ApiRequest['auth'] = undefined;
	public routerNode: ApiRequest['routerNode'] = undefined;
	public route: ApiRequest['route'] = undefined;
	/** What the input middleware read and checked against the route's schema. */
	public input: RequestInput | undefined = undefined;
	/** Who the access check let through: `api-key-2`, `session:<user id>`; never a key. */
	public caller: string | undefined = undefined;

	/** plugin-api's body readers start here; the input middleware has consumed the stream by the time a route runs. */
	public asWeb(): never {
		throw new Error(bodyReadByMiddleware);
	}

	public readBody(): never {
		throw new Error(bodyReadByMiddleware);
	}
}
Object.setPrototypeOf(MonsterRequest.prototype, ApiRequest.prototype);

export class MonsterResponse extends ServerResponse {
	public cookies: ApiResponse['cookies'] | undefined = undefined;
}
Object.setPrototypeOf(MonsterResponse.prototype, ApiResponse.prototype);

/** Every request node:http hands the API is a MonsterRequest (core/app.ts); its own fields, for code typed with plugin-api's class. */
export const monsterRequest = (request: ApiRequest) => request as unknown as MonsterRequest;
