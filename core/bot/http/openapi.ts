// GET /openapi.json: an OpenAPI 3.1 document built from the schemas each loaded route declares (zod 4's own JSON Schema output).
import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse, Route } from '@sapphire/plugin-api';
import { z } from 'zod';
import { monsterVersion } from '../../version.ts';
import { pluginNameOf } from '../plugin-of.ts';
import { RootRoute } from './root-route.ts';
import { defaultBodyLimit, routeOptions, scopeNeeded } from './route-spec.ts';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any' });

/** `[id]` segments become OpenAPI's `{id}`. */
const openApiPath = (route: Route) => `/${route.path.map((part) => part.replace(/^\[(.+)\]$/, '{$1}')).join('/')}`;

/** The routes in force: those of switched-off plugins answer 404 and are left out. */
function servedRoutes(): Route[] {
	return [...container.stores.get('routes').values()].filter((route) => {
		const plugin = container.plugins.pluginOf(route);
		return !plugin || container.plugins.isActive(plugin);
	});
}

export function openApiDocument() {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const route of servedRoutes()) {
		const schema = routeOptions(route).schema;
		if (!schema) continue;
		for (const method of route.methods) {
			const scope = scopeNeeded(route, method);
			const parameters = [
				...Object.entries(schema.params?.shape ?? {}).map(([name, field]) => ({ name, in: 'path', required: true, schema: jsonSchema(field as z.ZodType, 'input') })),
				...Object.entries(schema.query?.shape ?? {}).map(([name, field]) => ({
					name,
					in: 'query',
					required: !(field as z.ZodType).safeParse(undefined).success,
					schema: jsonSchema(field as z.ZodType, 'input')
				}))
			];
			const body =
				schema.body === 'raw'
					? { required: true, content: { 'application/json': { schema: schema.rawBodyContent ? jsonSchema(schema.rawBodyContent, 'input') : {} } } }
					: schema.body
						? { required: !schema.body.safeParse(undefined).success, content: { 'application/json': { schema: jsonSchema(schema.body, 'input') } } }
						: undefined;
			const responses = Object.fromEntries(
				Object.entries(schema.responses).map(([status, response]) => [
					status,
					{
						description: response.description,
						...(response.schema ? { content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } } } : {}),
						...(response.contentType ? { content: { [response.contentType]: { schema: { type: 'string' } } } } : {})
					}
				])
			);
			if (scope) {
				responses['401'] ??= { description: 'Missing or unknown API key' };
				responses['403'] ??= { description: `The key lacks the "${scope}" scope` };
			}
			responses['429'] ??= { description: 'Too many requests (see Retry-After)' };
			// Every body is counted while it is read, chunked ones too (see request-input.ts).
			if (body && method !== 'GET') {
				responses['400'] ??= { description: 'Malformed JSON, or invalid fields (`issues`)' };
				responses['413'] ??= { description: `Body larger than ${routeOptions(route).bodyLimit ?? defaultBodyLimit} bytes` };
			}
			(paths[openApiPath(route)] ??= {})[method.toLowerCase()] = {
				summary: schema.summary,
				...(schema.description ? { description: schema.description } : {}),
				tags: schema.tags ?? [pluginNameOf(route) ?? 'core'],
				operationId: `${method.toLowerCase()}_${route.name.replace(/[^A-Za-z0-9]+/g, '_')}`,
				...(parameters.length > 0 ? { parameters } : {}),
				...(body && method !== 'GET' ? { requestBody: body } : {}),
				responses,
				security: scope ? [{ bearer: [scope] }] : []
			};
		}
	}
	return {
		openapi: '3.1.0',
		info: { title: 'Monster', version: monsterVersion, description: 'The HTTP API of the Monster Discord bot. Keys: `Authorization: Bearer <key>`, with the scope each operation names.' },
		servers: [{ url: '/' }],
		paths,
		components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS or /apikey; scopes read, write, admin.' } } }
	};
}

export class OpenApiRoute extends RootRoute {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, {
			...options,
			route: '/openapi.json',
			methods: ['GET'],
			auth: 'public',
			schema: { summary: 'This document', tags: ['core'], responses: { 200: { description: 'OpenAPI 3.1', schema: z.object({ openapi: z.string() }).loose() } } }
		});
	}

	public override run(_request: ApiRequest, response: ApiResponse) {
		response.json(openApiDocument());
	}
}
