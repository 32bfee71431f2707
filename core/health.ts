/**
 * The bot's health, in detail: gateway shards, PostgreSQL, Redis, the task queue, each plugin, and what
 * plugins report through the `healthChecks` extension point (e.g. the message log's buffer). Served at
 * GET /api/health/detailed; a change of the overall state is posted once to each server's alerts channel.
 */
import { container } from '@sapphire/framework';
import { coreText } from './bot/text.ts';
import { guildSettings } from './guild-settings.ts';
import { extensionPoint } from './host/extension-points.ts';
import { getDefaultLocale } from './i18n.ts';
import type { Logger } from './log.ts';
import { postAlert } from './notices.ts';
import { monsterVersion } from './version.ts';

export interface HealthReport {
	ok: boolean;
	[detail: string]: unknown;
}

export interface HealthCheck {
	/** The key of the report in the detailed health (camelCase, e.g. `messageLog`). */
	name: string;
	check(): HealthReport | Promise<HealthReport>;
}

/** `ctx.contribute(healthChecks, { name, check })`: a plugin's part of /api/health/detailed. */
export const healthChecks = extensionPoint<HealthCheck>('core.health-checks');

export interface DetailedHealth {
	status: 'ok' | 'degraded';
	/** The components that are not ok, by name: what a 503 is about. */
	failing: string[];
	version: string;
	uptimeSeconds: number;
	gateway: HealthReport & { shards: { id: number; status: string; pingMs: number }[] };
	database: HealthReport;
	cache: HealthReport;
	queue: HealthReport;
	plugins: Record<string, { state: string; version?: string; error?: string }>;
	checks: Record<string, HealthReport>;
}

async function timed(probe: () => Promise<boolean>): Promise<{ ok: boolean; roundTripMs: number }> {
	const started = performance.now();
	const ok = await probe().catch(() => false);
	return { ok, roundTripMs: Math.round((performance.now() - started) * 10) / 10 };
}

export async function detailedHealth(): Promise<DetailedHealth> {
	const client = container.client;
	const shards = client.ws.shards.map((shard) => ({ id: shard.id, status: String(shard.status), pingMs: shard.ping }));
	const gateway = { ok: client.isReady(), shards };
	const [databaseProbe, cacheProbe] = await Promise.all([timed(() => container.database.ping()), timed(() => container.cache.ping())]);
	const database = { ...databaseProbe, kind: container.database.kind, pool: container.database.poolUse?.() };
	const queue = await queueReport();
	const plugins = Object.fromEntries(
		container.plugins.list().map((record) => {
			const state = container.plugins.stateOf(record.name, null)!;
			return [record.name, { state: state.state, version: record.manifest?.version, ...(state.error ? { error: state.error } : {}) }];
		})
	);
	const checks: Record<string, HealthReport> = {};
	for (const { plugin, value } of container.plugins.contributions(healthChecks)) {
		checks[value.name] = await Promise.resolve()
			.then(() => value.check())
			.catch((error: unknown) => ({ ok: false, plugin, error: (error as Error).message }));
	}
	const components: Record<string, HealthReport> = { gateway, database, cache: cacheProbe, queue, ...checks };
	const failing = Object.entries(components)
		.filter(([, report]) => !report.ok)
		.map(([name]) => name);
	return {
		status: failing.length === 0 ? 'ok' : 'degraded',
		failing,
		version: monsterVersion,
		uptimeSeconds: Math.round(process.uptime()),
		gateway,
		database,
		cache: cacheProbe,
		queue,
		plugins,
		checks
	};
}

async function queueReport(): Promise<HealthReport> {
	const scheduler = container.scheduler;
	if (!scheduler.queueCounts) return { ok: true, kind: scheduler.kind };
	try {
		return { ok: true, kind: scheduler.kind, ...(await scheduler.queueCounts()) };
	} catch (error) {
		return { ok: false, kind: scheduler.kind, error: (error as Error).message };
	}
}

/**
 * Probes the health every `intervalMs` and posts to each server's alerts channel when the set of failing
 * components changes: once when something breaks, once when it is back, never at every probe.
 */
export function watchHealth(logger: Logger, intervalMs = 30_000): () => void {
	let previous: string | undefined;
	let running = false;
	const probe = async () => {
		if (running) return;
		running = true;
		try {
			const health = await detailedHealth();
			const key = health.failing.join(',');
			if (previous !== undefined && key !== previous) await announce(health, previous, logger);
			previous = key;
		} catch (error) {
			logger.warn({ err: error }, 'Health probe failed');
		} finally {
			running = false;
		}
	};
	const timer = setInterval(() => void probe(), intervalMs);
	timer.unref();
	void probe();
	return () => clearInterval(timer);
}

async function announce(health: DetailedHealth, previousFailing: string, logger: Logger): Promise<void> {
	const recovered = previousFailing.split(',').filter((name) => name && !health.failing.includes(name));
	logger.warn({ failing: health.failing, recovered }, 'Health changed');
	// Discord itself down: there is nowhere to post; the log line and the metrics say it.
	if (!container.client.isReady()) return;
	const ok = health.failing.length === 0;
	for (const guildId of container.client.guilds.cache.keys()) {
		const text = coreText(guildSettings(guildId).locale ?? getDefaultLocale());
		await postAlert(guildId, {
			kind: ok ? 'success' : 'error',
			title: text(ok ? 'healthRecovered' : 'healthDegraded'),
			description: [
				health.failing.length > 0 ? text('healthFailing', { components: health.failing.join(', ') }) : undefined,
				recovered.length > 0 ? text('healthBack', { components: recovered.join(', ') }) : undefined
			]
				.filter(Boolean)
				.join('\n'),
			source: 'health'
		});
	}
}
