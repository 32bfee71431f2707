// The API key check and the rate limits: every route not declared public needs a key (API_KEYS or /apikey) holding the scope the route needs, or the dashboard's session cookie.
import { container } from '@sapphire/framework';
import { Middleware, type ApiRequest, type ApiResponse, type MiddlewareOptions } from '@sapphire/plugin-api';
import { setCaller } from './api-callers.ts';
import { knownKeys, matchKey, type KnownKey } from './keyring.ts';
import { applyAllowance, countRequest } from './rate-limits.ts';
import { scopeNeeded } from './route-spec.ts';
import type { Scope } from './scopes.ts';
import { csrfHeader, csrfMatches, sessionOf } from './session.ts';
import { clientAddress } from './client-address.ts';

/** What the key check decided, before anything is answered: the caller, or the refusal to send. */
type Verdict = { caller?: string } | { status: 401 | 403; error: string; log: Record<string, unknown>; message: string };

/** Decided at once when the keys are known, else once they are read (see knownKeys). */
function verdictOf(request: ApiRequest): Verdict | Promise<Verdict> {
	const route = request.route;
	const needed = route ? scopeNeeded(route, request.method) : null;
	if (!needed) return {};
	const session = request.headers.authorization || request.headers['x-api-key'] ? undefined : sessionOf(request);
	if (session) {
		if (request.method !== 'GET' && request.method !== 'HEAD' && !csrfMatches(request, session)) {
			const path = request.url?.split('?')[0];
			return { status: 403, error: `Forbidden: send the session's CSRF token in "${csrfHeader}"`, log: { path, caller: session.userId }, message: 'API request refused: session call without its CSRF token' };
		}
		return { caller: `session:${session.userId}` };
	}
	const found = knownKeys();
	return Array.isArray(found) ? keyVerdict(request, needed, found) : found.then((keys) => keyVerdict(request, needed, keys));
}

/** The token of an `Authorization: Bearer` header; the scheme is case-insensitive (RFC 9110), as clients send `bearer` too. */
function bearerToken(header: string | undefined): string | undefined {
	return header ? /^bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
}

function keyVerdict(request: ApiRequest, needed: Scope, keys: KnownKey[]): Verdict {
	if (keys.length === 0) return {};
	const apiKeyHeader = request.headers['x-api-key'];
	const given = bearerToken(request.headers.authorization) ?? (typeof apiKeyHeader === 'string' ? apiKeyHeader.trim() : undefined);
	const key = given ? matchKey(keys, given) : undefined;
	const path = request.url?.split('?')[0];
	if (!key) {
		return { status: 401, error: 'Unauthorized: send "Authorization: Bearer <API key>"', log: { path, ip: clientAddress(request) }, message: 'API request refused: missing or wrong API key' };
	}
	if (!key.scopes.includes(needed)) {
		setCaller(request, key.id);
		return { status: 403, error: `Forbidden: this key lacks the "${needed}" scope`, log: { path, key: key.id, needed }, message: 'API request refused: key lacks the scope' };
	}
	return { caller: key.id };
}

/**
 * Per request, in this order: the address's rate limit (so guessing keys is limited too), 401 without a valid
 * key, 403 when the key lacks the route's scope, then the key's own rate limit, whatever address it calls from.
 * Both limits are counted together (see countRequest: no Redis round trip once a window is known here); the
 * key's only for a caller let through.
 * A valid dashboard session acts as an `admin`-scoped caller (`session:<user id>`); its state-changing calls
 * need the CSRF header. The caller is known by its key id from then on (never the key itself).
 */
export class ApiAccessMiddleware extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 12 });
	}

	/** Synchronous unless the keys or a rate-limit window must first be read: most requests are decided in their tick. */
	public override run(request: ApiRequest, response: ApiResponse): void | Promise<void> {
		if (request.method === 'OPTIONS') return;
		const verdict = verdictOf(request);
		return verdict instanceof Promise ? verdict.then((known) => decide(request, response, known)) : decide(request, response, verdict);
	}
}

function decide(request: ApiRequest, response: ApiResponse, verdict: Verdict): void | Promise<void> {
	const caller = 'caller' in verdict ? verdict.caller : undefined;
	const counted = countRequest(request, caller);
	if (counted instanceof Promise) return counted.then((counts) => answer(request, response, verdict, counts));
	answer(request, response, verdict, counted);
}

function answer(request: ApiRequest, response: ApiResponse, verdict: Verdict, counts: Awaited<ReturnType<typeof countRequest>>): void {
	if (counts && applyAllowance(request, response, counts.ip, 'ip')) return;
	if ('status' in verdict) {
		container.pino.warn(verdict.log, verdict.message);
		// A 401 names the scheme to answer with (RFC 9110).
		if (verdict.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
		response.status(verdict.status).json({ error: verdict.error });
		return;
	}
	if (!verdict.caller) return;
	setCaller(request, verdict.caller);
	if (counts?.key) applyAllowance(request, response, counts.key, `key.${verdict.caller}`);
}
