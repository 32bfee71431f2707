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
import { botFigures, type BotFigures } from './shard-figures.ts';
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
	/** This process's shards. */
	gateway: HealthReport & { shards: { id: number; status: string; pingMs: number }[] };
	/** Every shard of the bot, whichever process holds it (from the shared cache): who is missing. */
	bot: BotFigures;
	database: HealthReport;
	cache: HealthReport;
	queue: HealthReport;
	plugins: Record<string, { state: string; version?: string; error?: string }>;
	checks: Record<string, HealthReport>;
}

/** A probe that does not answer within this time counts as failed: a health check must never hang. */
const probeTimeoutMs = 3_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not answer within ${probeTimeoutMs} ms`)), probeTimeoutMs);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function timed(probe: () => Promise<boolean>, what: string): Promise<{ ok: boolean; roundTripMs: number }> {
	const started = performance.now();
	const ok = await withTimeout(probe(), what).catch(() => false);
	return { ok, roundTripMs: Math.round((performance.now() - started) * 10) / 10 };
}

export async function detailedHealth(): Promise<DetailedHealth> {
	const client = container.client;
	const shards = client.ws.shards.map((shard) => ({ id: shard.id, status: String(shard.status), pingMs: shard.ping }));
	const gateway = { ok: client.isReady(), shards };
	const [databaseProbe, cacheProbe] = await Promise.all([timed(() => container.database.ping(), 'the database'), timed(() => container.cache.ping(), 'the cache')]);
	const database = { ...databaseProbe, kind: container.database.kind, pool: container.database.poolUse?.() };
	const queue = await queueReport();
	const bot = await botFigures();
	const plugins = Object.fromEntries(
		container.plugins.list().map((record) => {
			const state = container.plugins.stateOf(record.name, null)!;
			return [record.name, { state: state.state, version: record.manifest?.version, ...(state.error ? { error: state.error } : {}) }];
		})
	);
	const checks: Record<string, HealthReport> = {};
	for (const { plugin, value } of container.plugins.contributions(healthChecks)) {
		checks[value.name] = await withTimeout(Promise.resolve().then(() => value.check()), value.name).catch((error: unknown) => ({ ok: false, plugin, error: (error as Error).message }));
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
		bot,
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
		return { ok: true, kind: scheduler.kind, ...(await withTimeout(scheduler.queueCounts(), 'the task queue')) };
	} catch (error) {
		return { ok: false, kind: scheduler.kind, error: (error as Error).message };
	}
}

/**
 * Probes the health every `intervalMs` and posts to each server's alerts channel when the bot turns
 * degraded and when it is whole again: one alert each way per incident, never one per probe, even when
 * the failing components change in between (a Redis outage also stalls the queue).
 */
export function watchHealth(logger: Logger, intervalMs = 30_000): () => void {
	let degraded: boolean | undefined;
	/** Every component that failed during the current incident, for the recovery message. */
	const incident = new Set<string>();
	let running = false;
	const probe = async () => {
		if (running) return;
		running = true;
		try {
			const health = await detailedHealth();
			const nowDegraded = health.failing.length > 0;
			for (const name of health.failing) incident.add(name);
			if (degraded !== undefined && nowDegraded !== degraded) {
				await announce(nowDegraded ? health.failing : [...incident], nowDegraded, logger);
				if (!nowDegraded) incident.clear();
			}
			degraded = nowDegraded;
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

async function announce(components: string[], degraded: boolean, logger: Logger): Promise<void> {
	logger.warn({ components }, degraded ? 'Health degraded' : 'Health recovered');
	// Webhooks work without the gateway: once per distinct alerts webhook of the servers (or the environment's).
	const staff = coreText(getDefaultLocale());
	container.notifier?.discord('alerts', container.client?.isReady() ? [...container.client.guilds.cache.keys()] : [], {
		kind: degraded ? 'error' : 'success',
		title: staff(degraded ? 'healthDegraded' : 'healthRecovered'),
		description: staff(degraded ? 'healthFailing' : 'healthBack', { components: components.join(', ') })
	});
	// Discord itself down: there is nowhere to post; the log line and the metrics say it.
	if (!container.client.isReady()) return;
	for (const guildId of container.client.guilds.cache.keys()) {
		const text = coreText(guildSettings(guildId).locale ?? getDefaultLocale());
		await postAlert(guildId, {
			kind: degraded ? 'error' : 'success',
			title: text(degraded ? 'healthDegraded' : 'healthRecovered'),
			description: text(degraded ? 'healthFailing' : 'healthBack', { components: components.join(', ') }),
			source: 'health'
		});
	}
}
