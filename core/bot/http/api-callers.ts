// Who made an API request, as the key check found it: shared by the key check, the request log and the routes that record an actor.
import type { ApiRequest } from '@sapphire/plugin-api';

/** `api-key-2`, never the key itself. */
export const apiCallers = new WeakMap<ApiRequest, string>();

/**
 * Who to record as the actor of an API call (audit_log, events): the Discord user id behind a dashboard
 * session, `api:<key id>` for a key, `api` when the API runs without keys.
 */
export function apiActor(request: ApiRequest): string {
	const caller = apiCallers.get(request);
	if (!caller) return 'api';
	return caller.startsWith('session:') ? caller.slice('session:'.length) : `api:${caller}`;
}
