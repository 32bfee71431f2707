// GET /docs: Swagger UI reading /openapi.json, its files served from the swagger-ui-dist package (no CDN).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ApiRequest, ApiResponse, Route } from '@sapphire/plugin-api';
import { z } from 'zod';
import { inputOf } from './route-spec.ts';
import { RootRoute } from './root-route.ts';

const swaggerUiFolder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** Our start-up script: a file rather than an inline script, so the page works under a strict Content-Security-Policy. */
const startScript = `window.addEventListener('load', () => {
	window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout' });
});
`;

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Monster API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script>
</body>
</html>
`;

/** The only files served: a fixed list, so no path reaches the disk from a request. */
const assets = {
	'swagger-ui.css': { type: 'text/css; charset=utf-8', load: () => readFile(join(swaggerUiFolder, 'swagger-ui.css')) },
	'swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8', load: () => readFile(join(swaggerUiFolder, 'swagger-ui-bundle.js')) },
	'start.js': { type: 'text/javascript; charset=utf-8', load: () => Promise.resolve(Buffer.from(startScript)) }
} as const;
type AssetName = keyof typeof assets;

/** Read once, on first request (the bundle is 1.7 MB: not at start-up, nor per request). */
const loaded = new Map<AssetName, Promise<Buffer>>();

export class DocsRoute extends RootRoute {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, {
			...options,
			route: '/docs',
			methods: ['GET'],
			auth: 'public',
			schema: { summary: 'This API, browsable (Swagger UI)', tags: ['core'], responses: { 200: { description: 'An HTML page reading /openapi.json', contentType: 'text/html' } } }
		});
	}

	public override run(_request: ApiRequest, response: ApiResponse) {
		response.setHeader('x-content-type-options', 'nosniff');
		response.status(200).setContentType('text/html; charset=utf-8' as never).end(page);
	}
}

const assetSchema = {
	summary: 'A file of the /docs page',
	tags: ['core'],
	params: z.object({ file: z.string() }),
	responses: { 200: { description: 'The file', contentType: 'text/plain' }, 404: { description: 'Not one of the page\'s files', schema: z.object({ error: z.string() }) } }
};

const isAssetName = (name: string): name is AssetName => Object.hasOwn(assets, name);

export class DocsAssetRoute extends RootRoute {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: '/docs/[file]', methods: ['GET'], auth: 'public', schema: assetSchema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const name = inputOf(request, assetSchema).params.file;
		if (!isAssetName(name)) return response.status(404).json({ error: 'Not Found' });
		let body = loaded.get(name);
		if (!body) {
			body = assets[name].load().catch((error: unknown) => {
				loaded.delete(name);
				throw error;
			});
			loaded.set(name, body);
		}
		response.setHeader('x-content-type-options', 'nosniff');
		response.setHeader('cache-control', 'public, max-age=3600');
		response.status(200).setContentType(assets[name].type as never).end(await body);
	}
}
