// Who made an API request, as the key check found it: shared by the key check, the request log and the routes that record an actor.
import type { ApiRequest } from '@sapphire/plugin-api';
import { monsterRequest } from './request-classes.ts';

/** `api-key-2`, `session:<user id>`, never the key itself; undefined before the access check or without keys. */
export const callerOf = (request: ApiRequest): string | undefined => monsterRequest(request).caller;

export function setCaller(request: ApiRequest, caller: string): void {
	monsterRequest(request).caller = caller;
}

/**
 * Who to record as the actor of an API call (audit_log, events): the Discord user id behind a dashboard
 * session, `api:<key id>` for a key, `api` when the API runs without keys.
 */
export function apiActor(request: ApiRequest): string {
	const caller = callerOf(request);
	if (!caller) return 'api';
	return caller.startsWith('session:') ? caller.slice('session:'.length) : `api:${caller}`;
}
