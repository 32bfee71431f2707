import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry for the process, served at GET /metrics. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'monster_' });

export const pluginMetrics = {
	loads: new Counter({
		name: 'monster_plugin_loads_total',
		help: 'Plugin loads and reloads, by result (ok, error)',
		labelNames: ['plugin', 'result'] as const,
		registers: [metricsRegistry]
	}),
	status: new Gauge({
		name: 'monster_plugin_up',
		help: '1 when the plugin is loaded, 0 when it failed to load',
		labelNames: ['plugin'] as const,
		registers: [metricsRegistry]
	}),
	/** The seed's name, kept for its dashboards: 1 for the state each plugin is in bot-wide. */
	state: new Gauge({
		name: 'plugin_state',
		help: 'Plugin state bot-wide: 1 for the current one of active, off, waiting, failed, skipped',
		labelNames: ['plugin', 'state'] as const,
		registers: [metricsRegistry]
	}),
	pieceErrors: new Counter({
		name: 'monster_piece_errors_total',
		help: 'Exceptions thrown by plugin pieces, caught by the host',
		labelNames: ['plugin', 'store', 'piece'] as const,
		registers: [metricsRegistry]
	}),
	commands: new Counter({
		name: 'monster_commands_total',
		help: 'Commands run, by result (ok, error, denied)',
		labelNames: ['plugin', 'command', 'result'] as const,
		registers: [metricsRegistry]
	}),
	commandSeconds: new Histogram({
		name: 'monster_command_duration_seconds',
		help: 'Time from command accepted to command finished',
		labelNames: ['plugin', 'command'] as const,
		buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
		registers: [metricsRegistry]
	}),
	httpRequests: new Counter({
		name: 'monster_http_requests_total',
		help: 'HTTP API requests, by plugin and status code',
		labelNames: ['plugin', 'status'] as const,
		registers: [metricsRegistry]
	})
};
