// Every API request counted per route pattern, method and status, and queued for api_logs once answered.
import { container } from '@sapphire/framework';
import { Middleware, type ApiRequest, type ApiResponse, type MiddlewareOptions } from '@sapphire/plugin-api';
import { apiMetrics } from '../../metrics.ts';
import { apiCallers } from './api-callers.ts';

/** Paths polled by monitoring systems: counted in metrics, but not written to api_logs. */
const unloggedPaths = new Set(['/api/health', '/api/metrics']);

/** Per route, what each request records: its pattern (the label stays bounded whatever callers send) and its metric series. Built once per route. */
interface RouteRecord {
	pattern: string;
	seconds: ReturnType<typeof apiMetrics.seconds.labels>;
	/** By `method status`. */
	counters: Map<string, ReturnType<typeof apiMetrics.requests.labels>>;
}

const records = new WeakMap<object, RouteRecord>();
const unmatched = { path: ['unmatched'] };

function recordOf(route: ApiRequest['route']): RouteRecord {
	const owner = route ?? unmatched;
	let record = records.get(owner);
	if (record === undefined) {
		const pattern = route ? `/${route.path.join('/')}` : 'unmatched';
		record = { pattern, seconds: apiMetrics.seconds.labels(pattern), counters: new Map() };
		records.set(owner, record);
	}
	return record;
}

function countAnswer(record: RouteRecord, method: string, status: number): void {
	const series = `${method} ${status}`;
	let counter = record.counters.get(series);
	if (counter === undefined) {
		counter = apiMetrics.requests.labels(record.pattern, method, String(status));
		record.counters.set(series, counter);
	}
	counter.inc();
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
			const record = recordOf(request.route);
			const method = request.method ?? 'GET';
			countAnswer(record, method, response.statusCode);
			const durationMs = Math.round(performance.now() - started);
			record.seconds.observe(durationMs / 1000);
			const url = request.url ?? '';
			const query = url.indexOf('?');
			const path = query === -1 ? url : url.slice(0, query);
			if (unloggedPaths.has(path)) return;
			const key = apiCallers.get(request);
			accessLogger().info({ method, route: record.pattern, status: response.statusCode, durationMs, key }, 'HTTP request');
			container.apiLog.push({
				method,
				path: path.slice(0, 500),
				status: response.statusCode,
				durationMs,
				caller: key ?? null,
				ip: request.socket.remoteAddress ?? null
			});
		});
	}
}
