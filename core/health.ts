/**
 * The bot's health, in detail: gateway shards, PostgreSQL, Redis, the task queue, each plugin, and what
 * plugins report through the `healthChecks` extension point (e.g. the message log's buffer). Served at
 * GET /api/health/detailed; a change of the bot's state is posted once, by one process, to every server's alerts channel.
 */
import { container } from '@sapphire/framework';
import { botGuildIds } from './bot-guilds.ts';
import { coreText } from './bot/text.ts';
import { guildSettings } from './guild-settings.ts';
import { extensionPoint } from './host/extension-points.ts';
import { getDefaultLocale } from './i18n.ts';
import type { Logger } from './log.ts';
import { postAlert } from './notices.ts';
import { botFigures, setProcessFailing, type BotFigures } from './shard-figures.ts';
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
	/** Every shard of the bot, whichever process holds it (from the shared cache): who is missing; `unknown` (why) when the cache cannot say. */
	bot: BotFigures | { unknown: string };
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
	// A process without shards (PROCESS_ROLE=api) reaches Discord through REST: its gateway is fine once it knows who the bot is.
	const gateway = container.config.PROCESS_ROLE === 'api' ? { ok: client.user !== null, role: 'api', shards } : { ok: client.isReady(), shards };
	const [databaseProbe, cacheProbe] = await Promise.all([timed(() => container.database.ping(), 'the database'), timed(() => container.cache.ping(), 'the cache')]);
	const database = { ...databaseProbe, kind: container.database.kind, pool: container.database.poolUse?.() };
	const queue = await queueReport();
	// The other processes' shards come from the cache: unreachable, they are unknown, not missing.
	const bot = await withTimeout(botFigures(), 'the shared cache').catch((error: unknown) => ({ unknown: (error as Error).message }));
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

/** The last alerted state, shared by the processes: the one taking the alerts over goes on from it. */
const alertedKey = 'health.alerted';
/** Rewritten at every probe: like every key of the cache Redis it expires, so evicting it loses nothing lasting. */
const alertedStateTtlMs = 10 * 60_000;

/** The shards a process has seen publishing: a missing one counts only once seen (processes start one after another). */
interface SeenShards {
	shards: Set<number>;
	everyTold: boolean;
}

interface AlertedState {
	degraded: boolean;
	/** Every component that failed during the current incident, for the recovery message. */
	components: string[];
}

/**
 * Probes the health every `intervalMs` and posts to every server's alerts channel when the bot turns
 * degraded and when it is whole again: one alert each way per incident, never one per probe, even when
 * the failing components change in between (a Redis outage also stalls the queue).
 *
 * With several processes, one of them alerts, for the whole bot: the process holding the lowest shard
 * that publishes its figures (shard 0's, or the next one's while shard 0's is down); a process holding
 * no shard (`PROCESS_ROLE=api`) never does. It adds to its own failing components those the other
 * processes published with their shards' figures, and a shard that was seen and is now missing or not
 * ready (`gateway`). The alerted state is kept in the cache, so the process that takes over goes on
 * from it. With the cache unreachable, only shard 0's process alerts, from what it remembers.
 */
export function watchHealth(logger: Logger, intervalMs = 30_000): () => void {
	/** The alerted state, while this process is the one alerting. */
	let known: AlertedState | undefined;
	const seen: SeenShards = { shards: new Set(), everyTold: false };
	let running = false;
	const probe = async () => {
		if (running) return;
		running = true;
		try {
			const health = await detailedHealth();
			setProcessFailing(health.failing);
			const view = await alertingView(health.failing, seen);
			if (!view.alerting) {
				known = undefined;
				return;
			}
			const previous = known ?? (await withTimeout(container.cache.getJson<AlertedState>(alertedKey), 'the cache').catch(() => null));
			const degraded = view.failing.length > 0;
			const next: AlertedState = { degraded, components: degraded ? [...new Set([...(previous?.degraded ? previous.components : []), ...view.failing])] : [] };
			if (previous && previous.degraded !== degraded) await announce(degraded ? view.failing : previous.components, degraded, logger);
			await withTimeout(container.cache.setJson(alertedKey, next, alertedStateTtlMs), 'the cache').catch(() => undefined);
			known = next;
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

/** Whether this process alerts for the bot, and what is failing across the processes it can see. */
async function alertingView(ownFailing: string[], seen: SeenShards): Promise<{ alerting: boolean; failing: string[] }> {
	const own = [...container.client.ws.shards.keys()];
	if (own.length === 0) return { alerting: false, failing: [] };
	// The cache down: the other processes cannot be seen, nor seen to be alerting; shard 0's process alone speaks.
	const bot = ownFailing.includes('cache') ? null : await withTimeout(botFigures(), 'the shared cache').catch(() => null);
	if (!bot) return { alerting: own.includes(0), failing: ownFailing };
	const failing = new Set(ownFailing);
	for (const figure of bot.shards) {
		seen.shards.add(figure.shard);
		for (const name of figure.failing ?? []) failing.add(name);
		if (!figure.ready) failing.add('gateway');
	}
	if (bot.missing.length === 0 && seen.shards.size === bot.shardCount && !seen.everyTold) {
		seen.everyTold = true;
		container.pino.info({ shardCount: bot.shardCount }, 'Health: every shard seen, a lost one is alerted from now on');
	}
	// A shard never seen is starting (processes start one after another); one seen before has lost its process.
	if (bot.missing.some((shard) => seen.shards.has(shard))) failing.add('gateway');
	const first = Math.min(...bot.shards.map((figure) => figure.shard));
	return { alerting: own.includes(first), failing: [...failing] };
}

async function announce(components: string[], degraded: boolean, logger: Logger): Promise<void> {
	logger.warn({ components }, degraded ? 'Health degraded' : 'Health recovered');
	// Every server of the bot, whichever process holds its shard; none when Discord cannot even list them.
	const guildIds = await botGuildIds().catch((error: unknown) => {
		logger.warn({ err: error }, 'Health alert: the bot\'s servers could not be listed');
		return [] as string[];
	});
	// Webhooks work without the gateway: once per distinct alerts webhook of the servers (or the environment's).
	const staff = coreText(getDefaultLocale());
	container.notifier?.discord('alerts', guildIds, {
		kind: degraded ? 'error' : 'success',
		title: staff(degraded ? 'healthDegraded' : 'healthRecovered'),
		description: staff(degraded ? 'healthFailing' : 'healthBack', { components: components.join(', ') })
	});
	for (const guildId of guildIds) {
		const text = coreText(guildSettings(guildId).locale ?? getDefaultLocale());
		await postAlert(guildId, {
			kind: degraded ? 'error' : 'success',
			title: text(degraded ? 'healthDegraded' : 'healthRecovered'),
			description: text(degraded ? 'healthFailing' : 'healthBack', { components: components.join(', ') }),
			source: 'health'
		});
	}
}
