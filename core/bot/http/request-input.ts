// Reads and checks every request's input against its route's schema before the route runs: 413 past the body limit, 400 listing each bad field.
import { Middleware, type ApiRequest, type ApiResponse, type MiddlewareOptions } from '@sapphire/plugin-api';
import type { z } from 'zod';
import { hasBody, readLimited } from './body.ts';
import { monsterRequest } from './request-classes.ts';
import { defaultBodyLimit, routeOptions, type RequestInput, type RouteSchema } from './route-spec.ts';

export interface InputIssue {
	in: 'params' | 'query' | 'body';
	path: string;
	message: string;
}

const issuesOf = (where: InputIssue['in'], error: z.ZodError): InputIssue[] =>
	error.issues.map((issue) => ({ in: where, path: issue.path.join('.'), message: issue.message }));

/**
 * Strings holding a NUL character (`\u0000`), which PostgreSQL's text cannot store: refused here with the field
 * named, rather than failing the route's write with a 500.
 */
function nulIssues(where: InputIssue['in'], value: unknown, path: (string | number)[] = []): InputIssue[] {
	if (typeof value === 'string') return value.includes('\u0000') ? [{ in: where, path: path.join('.'), message: 'contains a NUL character (\\u0000)' }] : [];
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, inner]) => nulIssues(where, inner, [...path, key]));
}

/**
 * Path parameters as the caller meant them: the router hands them over still percent-encoded, so a chantier
 * code `ÉTÉ-1` would arrive as `%C3%89T%C3%89-1`. A parameter that is not valid UTF-8 once decoded is named.
 */
function decodedParams(params: Record<string, string>): { params: Record<string, string>; issues: InputIssue[] } {
	const decoded: Record<string, string> = {};
	const issues: InputIssue[] = [];
	for (const [name, value] of Object.entries(params)) {
		try {
			decoded[name] = decodeURIComponent(value);
		} catch {
			issues.push({ in: 'params', path: name, message: 'not valid percent-encoded UTF-8' });
		}
	}
	return { params: decoded, issues };
}

/**
 * A field left out is said to be required, not that `undefined` is no string; the messages routes give their own
 * fields (`a Discord id`) win over this one.
 */
export const missingFieldMessage: z.core.$ZodErrorMap = (issue) =>
	issue.code === 'invalid_type' && issue.input === undefined ? `required (${issue.expected})` : undefined;

/** `?a=1&a=2` keeps the first value: schemas describe single values. */
const firstValues = (query: Record<string, string | string[] | undefined>) =>
	Object.fromEntries(Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));

/**
 * Replaces plugin-api's body middleware, which only compares Content-Length with a 50 MB default. Runs
 * after the key check, so nobody without a key makes the bot read a megabyte.
 */
export class RequestInputMiddleware extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 20 });
	}

	/** Synchronous for a request without a body: only a body to read makes it wait. */
	public override run(request: ApiRequest, response: ApiResponse): void | Promise<void> {
		const route = request.route;
		if (!route || request.method === 'OPTIONS') return;
		const { schema, bodyLimit = defaultBodyLimit } = routeOptions(route);
		if (!hasBody(request)) return checkInput(request, response, schema, emptyBody);
		return readLimited(request, bodyLimit).then((raw) => checkInput(request, response, schema, raw, bodyLimit));
	}
}

const emptyBody = Buffer.alloc(0);
/** Throws on bytes that are not UTF-8, as a body in Latin-1 (Windows PowerShell 5's default) has for « é ». */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** What a route that declares no input gets: the same object every time. */
const noInput: RequestInput = Object.freeze({ params: undefined, query: undefined, body: undefined });

/** Null `raw`: the body went past `bodyLimit`. */
function checkInput(request: ApiRequest, response: ApiResponse, schema: RouteSchema | undefined, raw: Buffer | null, bodyLimit?: number): void {
	if (raw === null && schema?.body !== 'raw') {
		// The rest of the body is never read: close the connection rather than leave it half-sent.
		response.setHeader('connection', 'close');
		response.status(413).json({ error: `Body larger than ${bodyLimit} bytes` });
		return;
	}
	if (!schema?.params && !schema?.query && !schema?.body) {
		monsterRequest(request).input = noInput;
		return;
	}
	const input: RequestInput = { params: undefined, query: undefined, body: undefined };
	const issues: InputIssue[] = [];
	if (schema?.params) {
		const decoded = decodedParams(request.params);
		if (decoded.issues.length > 0) issues.push(...decoded.issues);
		else {
			const parsed = schema.params.safeParse(decoded.params, { error: missingFieldMessage });
			if (parsed.success) {
				input.params = parsed.data;
				issues.push(...nulIssues('params', parsed.data));
			} else issues.push(...issuesOf('params', parsed.error));
		}
	}
	if (schema?.query) {
		const parsed = schema.query.safeParse(firstValues(request.query), { error: missingFieldMessage });
		if (parsed.success) {
			input.query = parsed.data;
			issues.push(...nulIssues('query', parsed.data));
		} else issues.push(...issuesOf('query', parsed.error));
	}
	if (schema?.body === 'raw') input.body = raw;
	else if (schema?.body) {
		let text: string;
		try {
			text = strictUtf8.decode(raw!);
		} catch {
			// Read leniently, each such byte would be stored as U+FFFD: « R�parer la cl�ture ».
			response.status(400).json({ error: 'Malformed JSON', issues: [{ in: 'body', path: '', message: 'not valid UTF-8: JSON is sent in UTF-8 (RFC 8259)' }] });
			return;
		}
		let json: unknown;
		try {
			json = raw!.length === 0 ? undefined : (JSON.parse(text) as unknown);
		} catch {
			response.status(400).json({ error: 'Malformed JSON', issues: [{ in: 'body', path: '', message: 'not valid JSON' }] });
			return;
		}
		const parsed = schema.body.safeParse(json, { error: missingFieldMessage });
		if (parsed.success) {
			input.body = parsed.data;
			issues.push(...nulIssues('body', parsed.data));
		} else issues.push(...issuesOf('body', parsed.error));
	}
	if (issues.length > 0) {
		response.status(400).json({ error: 'Invalid request', issues });
		return;
	}
	monsterRequest(request).input = input;
}
