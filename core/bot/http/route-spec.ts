// What a route declares besides its path: who may call it, how large a body it takes, and its schemas, which both check requests and describe the route in /openapi.json.
import type { ApiRequest, Route } from '@sapphire/plugin-api';
import type { z } from 'zod';
import { monsterRequest } from './request-classes.ts';
import type { Scope } from './scopes.ts';

export interface ResponseSpec {
	description: string;
	/** JSON answered with this status; absent for bodies that are not JSON (then `contentType` says what). */
	schema?: z.ZodType;
	contentType?: string;
}

export interface RouteSchema {
	summary: string;
	description?: string;
	/** Groups routes in /docs (the owning plugin's name by default). */
	tags?: string[];
	params?: z.ZodObject;
	query?: z.ZodObject;
	/** The JSON body, checked before the route runs; `'raw'` for routes that read the bytes themselves (signature checks). */
	body?: z.ZodType | 'raw';
	/** With `body: 'raw'`, the JSON the bytes must hold, which the route checks itself (after the signature): described in /openapi.json. */
	rawBodyContent?: z.ZodType;
	responses: Record<number, ResponseSpec>;
}

declare module '@sapphire/plugin-api' {
	interface RouteOptions {
		/** `public`: no key needed. */
		auth?: 'public' | 'key';
		/** The key scope needed: `read` for GET, `write` for other methods unless declared. */
		scope?: Scope;
		/** Largest body accepted, in bytes, counted while reading (default 1 MB). */
		bodyLimit?: number;
		schema?: RouteSchema;
	}
}

export const defaultBodyLimit = 1024 * 1024;

export const routeOptions = (route: Route): Route.Options => route.options as Route.Options;

/** The scope a request needs, or null when the route is public. */
export function scopeNeeded(route: Route, method: string | undefined): Scope | null {
	const options = routeOptions(route);
	if (options.auth === 'public') return null;
	if (options.scope) return options.scope;
	return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

type Output<T> = T extends z.ZodType ? z.output<T> : undefined;
export interface RequestInput<S extends RouteSchema = RouteSchema> {
	params: Output<S['params']>;
	query: Output<S['query']>;
	body: S['body'] extends 'raw' ? Buffer | null : Output<S['body']>;
}

/** The request's params, query and body as the route's schema parsed them (the body as bytes for `'raw'`, null when over the limit). */
export function inputOf<S extends RouteSchema>(request: ApiRequest, _schema: S): RequestInput<S> {
	const input = monsterRequest(request).input;
	if (!input) throw new Error(`No checked input for ${request.method} ${request.url}: does the route declare its schema?`);
	return input as RequestInput<S>;
}
