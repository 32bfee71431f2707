// Every API request counted per route pattern, method and status, and queued for api_logs once answered.
import { container } from '@sapphire/framework';
import { Middleware, type ApiRequest, type ApiResponse, type MiddlewareOptions } from '@sapphire/plugin-api';
import { apiMetrics } from '../../metrics.ts';
import { callerOf } from './api-callers.ts';
import { clientAddress } from './client-address.ts';

/** Paths polled by monitoring systems: counted in metrics, but not written to api_logs. */
const unloggedPaths = new Set(['/api/health', '/api/metrics']);

/** The route's pattern, not the raw path: the label stays bounded whatever callers send. Built once per route. */
const patterns = new WeakMap<object, string>();
function patternOf(route: NonNullable<ApiRequest['route']>): string {
	let pattern = patterns.get(route);
	if (pattern === undefined) {
		pattern = `/${route.path.join('/')}`;
		patterns.set(route, pattern);
	}
	return pattern;
}

/**
 * The line each request writes. Its fields are fixed and none is a secret, so it skips the redaction paths
 * every other line goes through (a wildcard path makes pino inspect each field: a tenth of a request's CPU).
 */
let accessLog: { root: unknown; logger: typeof container.pino } | undefined;
function accessLogger(): typeof container.pino {
	if (accessLog?.root !== container.pino) accessLog = { root: container.pino, logger: container.pino.child({}, { redact: [] }) };
	return accessLog.logger;
}

/** Logs each request with its duration and caller (never the key itself) once the response is sent. */
export class ApiRequestLog extends Middleware {
	constructor(context: Middleware.LoaderContext, options: MiddlewareOptions) {
		super(context, { ...options, position: 1 });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const started = performance.now();
		// `finish` comes once per response: no once-wrapper needed.
		response.on('finish', () => {
			const route = request.route ? patternOf(request.route) : 'unmatched';
			const method = request.method ?? 'GET';
			apiMetrics.requests.inc({ route, method, status: String(response.statusCode) });
			const durationMs = Math.round(performance.now() - started);
			apiMetrics.seconds.observe({ route }, durationMs / 1000);
			const url = request.url ?? '';
			const query = url.indexOf('?');
			const path = query === -1 ? url : url.slice(0, query);
			if (unloggedPaths.has(path)) return;
			const key = callerOf(request);
			accessLogger().info({ method, route, status: response.statusCode, durationMs, key }, 'HTTP request');
			container.apiLog.push({
				method,
				path: path.slice(0, 500),
				status: response.statusCode,
				durationMs,
				caller: key ?? null,
				ip: clientAddress(request)
			});
		});
	}
}
