import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry for the process, served at GET /metrics and /api/metrics. Names follow the bot this
 * project replaces (`discord_*`, `api_*`, `postgres_*`), so its Grafana dashboards and alert rules keep
 * working; Node's default process metrics keep their standard names. Labels stay bounded: plugin,
 * command, route pattern and guild names, never member ids or raw paths.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const registers = [metricsRegistry];

/** What the process reads its gauges from at each scrape; the app fills it once the client and database exist. */
export interface MetricSources {
	discord?: () => { guilds: { id: string; members: number }[]; shards: { id: number; pingMs: number }[] };
	postgresPool?: () => { total: number; idle: number; waiting: number };
}
export const metricSources: MetricSources = {};

export const pluginMetrics = {
	loads: new Counter({
		name: 'plugin_loads_total',
		help: 'Plugin loads and reloads, by result (ok, error)',
		labelNames: ['plugin', 'result'] as const,
		registers
	}),
	status: new Gauge({
		name: 'plugin_up',
		help: '1 when the plugin is loaded, 0 when it failed to load',
		labelNames: ['plugin'] as const,
		registers
	}),
	state: new Gauge({
		name: 'plugin_state',
		help: 'Plugin state bot-wide: 1 for the current one of active, off, waiting, failed, skipped',
		labelNames: ['plugin', 'state'] as const,
		registers
	}),
	errors: new Counter({
		name: 'plugin_errors_total',
		help: 'Exceptions thrown by plugin pieces, or by a plugin\'s own timers, callbacks and unawaited promises, caught by the host (the log names the plugin)',
		labelNames: ['plugin'] as const,
		registers
	}),
	commands: new Counter({
		name: 'discord_commands_total',
		help: 'Commands run, by outcome (ok, error, denied)',
		labelNames: ['plugin', 'command', 'outcome'] as const,
		registers
	}),
	commandSeconds: new Histogram({
		name: 'discord_command_duration_seconds',
		help: 'Time from command accepted to command finished',
		labelNames: ['plugin', 'command'] as const,
		buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
		registers
	})
};

export const discordMetrics = {
	messages: new Counter({ name: 'discord_messages_total', help: 'Messages received from Discord (all servers)', registers }),
	guildMembers: new Gauge({
		name: 'discord_guild_members_total',
		help: 'Members per server',
		labelNames: ['guild'] as const,
		registers,
		collect() {
			this.reset();
			for (const guild of metricSources.discord?.().guilds ?? []) this.set({ guild: guild.id }, guild.members);
		}
	}),
	gatewayLatency: new Gauge({
		name: 'discord_gateway_latency_seconds',
		help: 'Heartbeat round trip of each gateway shard',
		labelNames: ['shard'] as const,
		registers,
		collect() {
			this.reset();
			// discord.js reports -1 until the first heartbeat is acknowledged.
			for (const shard of metricSources.discord?.().shards ?? []) if (shard.pingMs >= 0) this.set({ shard: String(shard.id) }, shard.pingMs / 1000);
		}
	})
};

export const apiMetrics = {
	requests: new Counter({
		name: 'api_requests_total',
		help: 'HTTP API requests, by route pattern, method and status code',
		labelNames: ['route', 'method', 'status'] as const,
		registers
	}),
	seconds: new Histogram({
		name: 'api_request_duration_seconds',
		help: 'Time to answer an HTTP API request, by route pattern',
		labelNames: ['route'] as const,
		buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
		registers
	})
};

/** The pool's connections (PostgreSQL only; the embedded database has none). */
function poolGauge(name: string, help: string, read: (pool: ReturnType<NonNullable<MetricSources['postgresPool']>>) => number): Gauge {
	return new Gauge({
		name,
		help,
		registers,
		collect() {
			const pool = metricSources.postgresPool?.();
			if (pool) this.set(read(pool));
		}
	});
}

export const postgresMetrics = {
	active: poolGauge('postgres_connections_active', 'PostgreSQL connections running a query', (pool) => pool.total - pool.idle),
	idle: poolGauge('postgres_connections_idle', 'PostgreSQL connections open and idle in the pool', (pool) => pool.idle),
	waiting: poolGauge('postgres_connections_waiting', 'Queries waiting for a free PostgreSQL connection', (pool) => pool.waiting)
};

export const taskMetrics = {
	runs: new Counter({
		name: 'scheduled_task_runs_total',
		help: 'Scheduled task runs, by outcome (ok, error, skipped)',
		labelNames: ['task', 'outcome'] as const,
		registers
	}),
	seconds: new Histogram({
		name: 'scheduled_task_duration_seconds',
		help: 'Duration of a scheduled task run',
		labelNames: ['task'] as const,
		buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300],
		registers
	})
};

export const cacheMetrics = {
	lookups: new Counter({
		name: 'cache_lookups_total',
		help: 'Cache reads, by result (hit, miss): hit ratio = hit / all',
		labelNames: ['result'] as const,
		registers
	})
};

export const outgoingMetrics = {
	deliveries: new Counter({
		name: 'outgoing_notifications_total',
		help: 'Outgoing webhook deliveries (Discord log/alerts, n8n), by target and outcome (sent, retried, failed, dropped)',
		labelNames: ['target', 'outcome'] as const,
		registers
	})
};

export const rateLimitMetrics = {
	refusals: new Counter({
		name: 'rate_limit_refusals_total',
		help: 'Requests refused by a rate limit, by scope (command, api)',
		labelNames: ['scope'] as const,
		registers
	})
};
