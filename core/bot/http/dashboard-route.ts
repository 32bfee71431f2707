// GET /dashboard and /dashboard/assets/*: the web dashboard's built files (dashboard/dist, made by `npm run build:dashboard`), served from the bot's own files.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiRequest, ApiResponse, Route } from '@sapphire/plugin-api';
import { z } from 'zod';
import { RootRoute } from './root-route.ts';
import { inputOf, type RouteSchema } from './route-spec.ts';

export const dashboardDist = fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));

const contentTypes: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2'
};

/** The page may load only its own files and call only this server. */
const securityHeaders = {
	'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin'
};

async function sendFile(response: ApiResponse, file: string, cache: string): Promise<void> {
	let body: Buffer;
	try {
		body = await readFile(join(dashboardDist, file));
	} catch {
		response.status(file === 'index.html' ? 503 : 404).setContentType('text/plain; charset=utf-8' as never);
		response.end(file === 'index.html' ? 'The dashboard is not built: run `npm run build:dashboard` (npm install does it).' : 'Not Found');
		return;
	}
	for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
	response.setHeader('cache-control', cache);
	response.status(200).setContentType((contentTypes[extname(file)] ?? 'application/octet-stream') as never);
	response.end(body);
}

const assetSchema = {
	summary: 'The web dashboard\'s scripts and styles',
	tags: ['dashboard'],
	params: z.object({ file: z.string().regex(/^[\w-]+(\.[\w-]+)+$/, 'a built asset\'s file name') }),
	responses: { 200: { description: 'The file', contentType: 'text/javascript' }, 404: { description: 'No such file', schema: z.object({ error: z.string() }) } }
} satisfies RouteSchema;

/** The single page; its own routing is in the URL's #fragment, so this is the only HTML path. */
export class DashboardPageRoute extends RootRoute {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, {
			...options,
			route: '/dashboard',
			methods: ['GET'],
			auth: 'public',
			schema: { summary: 'The web dashboard (single page)', tags: ['dashboard'], responses: { 200: { description: 'The page', contentType: 'text/html' }, 503: { description: 'Not built yet', contentType: 'text/plain' } } }
		});
	}

	public override run(_request: ApiRequest, response: ApiResponse) {
		return sendFile(response, 'index.html', 'no-cache');
	}
}

/** Vite's hashed assets: a file name changes with its content, so they are cached for good. */
export class DashboardAssetRoute extends RootRoute {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, {
			...options,
			route: '/dashboard/assets/[file]',
			methods: ['GET'],
			auth: 'public',
			schema: assetSchema
		});
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const { file } = inputOf(request, assetSchema).params;
		return sendFile(response, join('assets', file), 'public, max-age=31536000, immutable');
	}
}
