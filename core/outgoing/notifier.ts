/**
 * Outgoing notifications: Discord webhooks for the log channel (refused commands, errors) and the alerts
 * channel (health changes, failed scheduled tasks), and n8n triggers on bot events. Each delivery goes
 * through the task queue (BullMQ with Redis, in process otherwise), is retried with backoff a bounded
 * number of times, waits out Discord's 429s and rate-limit headers, and repeated identical notices are
 * sent once, then as one "×N" message per window.
 */
import { container } from '@sapphire/framework';
import type { APIEmbedField } from 'discord.js';
import type { Config } from '../config.ts';
import { guildSettings } from '../guild-settings.ts';
import { getDefaultLocale } from '../i18n.ts';
import type { Logger, SevereLine } from '../log.ts';
import { outgoingMetrics } from '../metrics.ts';
import type { TaskScheduler } from '../scheduler/scheduler.ts';
import { buildEmbed, type EmbedKind } from '../ui/embeds.ts';
import { coreText } from '../bot/text.ts';
import type { BotEvent } from './events.ts';

export type WebhookTarget = 'log' | 'alerts';

export interface OutgoingNotice {
	kind: EmbedKind;
	title: string;
	description?: string;
	fields?: APIEmbedField[];
	/** Notices with the same key are "identical" and grouped; by default the title and description. */
	groupKey?: string;
}

/** One attempt's worth of work, as queued (plain JSON: it may sit in Redis). */
export interface Delivery {
	target: WebhookTarget | 'n8n';
	url: string;
	body: unknown;
	/** Attempts already made. */
	attempt: number;
}

export const deliveryTaskName = 'core.outgoing-delivery';

export interface NotifierOptions {
	/** How long identical notices are counted before one "×N" message (default 60 s). */
	groupWindowMs: number;
	/** Attempts per delivery, the first included (default 5). */
	maxAttempts?: number;
	/** First retry delay after a failure; doubles per attempt up to a minute (default 1 s). */
	retryBaseMs?: number;
	/** Distinct notices grouped at once; past it new ones are dropped and counted (default 200). */
	maxGroups?: number;
}

interface Group {
	url: string;
	target: WebhookTarget;
	notice: OutgoingNotice;
	repeats: number;
	timer: NodeJS.Timeout;
}

const requestTimeoutMs = 10_000;
const maxRetryDelayMs = 60_000;

export class OutgoingNotifier {
	private readonly groups = new Map<string, Group>();
	/** Per URL, when Discord allows the next request (after a 429 or an exhausted bucket). */
	private readonly blockedUntil = new Map<string, number>();
	private readonly maxAttempts: number;
	private readonly retryBaseMs: number;
	private readonly maxGroups: number;

	private readonly config: Config;
	private readonly scheduler: TaskScheduler;
	private readonly logger: Logger;
	private readonly options: NotifierOptions;

	constructor(
		config: Config,
		scheduler: TaskScheduler,
		logger: Logger,
		options: NotifierOptions
	) {
		this.config = config;
		this.scheduler = scheduler;
		this.logger = logger;
		this.options = options;
		this.maxAttempts = options.maxAttempts ?? 5;
		this.retryBaseMs = options.retryBaseMs ?? 1000;
		this.maxGroups = options.maxGroups ?? 200;
	}

	/** The webhook URLs of a target for these servers (each server's setting, else the environment's), without repeats. */
	urlsOf(target: WebhookTarget, guildIds: (string | null)[]): string[] {
		const urls = new Set<string>();
		for (const guildId of guildIds.length > 0 ? guildIds : [null]) {
			const settings = guildId ? guildSettings(guildId) : undefined;
			const log = settings?.logWebhook ?? this.config.DISCORD_LOG_WEBHOOK_URL;
			const url = target === 'log' ? log : (settings?.alertsWebhook ?? this.config.DISCORD_ALERTS_WEBHOOK_URL ?? log);
			if (url) urls.add(url);
		}
		return [...urls];
	}

	/** Sends a notice to a Discord webhook of these servers (none: the environment's). Never throws. */
	discord(target: WebhookTarget, guildIds: (string | null)[], notice: OutgoingNotice): void {
		for (const url of this.urlsOf(target, guildIds)) this.group(target, url, notice);
	}

	/** Triggers the n8n workflow of the event's server (its setting, else N8N_EVENTS_URL). */
	event(event: BotEvent & { at: string }): void {
		const url = (event.guildId ? guildSettings(event.guildId).n8nEventsUrl : undefined) ?? this.config.N8N_EVENTS_URL;
		if (url) this.enqueue({ target: 'n8n', url, body: { event: event.type, guildId: event.guildId, at: event.at, data: event.data }, attempt: 0 });
	}

	private group(target: WebhookTarget, url: string, notice: OutgoingNotice): void {
		const key = `${url}\n${notice.groupKey ?? `${notice.title}\n${notice.description ?? ''}`}`;
		const open = this.groups.get(key);
		if (open) {
			open.repeats++;
			return;
		}
		if (this.groups.size >= this.maxGroups) {
			outgoingMetrics.deliveries.inc({ target, outcome: 'dropped' });
			this.logger.warn({ target, title: notice.title }, 'Too many distinct notices at once: this one is dropped');
			return;
		}
		this.enqueue({ target, url, body: this.discordBody(notice, 0), attempt: 0 });
		this.openWindow(key, { url, target, notice });
	}

	/** The first notice went out; repeats during the window go out as one message when it closes, which opens the next window. */
	private openWindow(key: string, group: Omit<Group, 'repeats' | 'timer'>): void {
		const timer = setTimeout(() => {
			const closed = this.groups.get(key);
			this.groups.delete(key);
			if (!closed || closed.repeats === 0) return;
			this.enqueue({ target: closed.target, url: closed.url, body: this.discordBody(closed.notice, closed.repeats), attempt: 0 });
			this.openWindow(key, group);
		}, this.options.groupWindowMs);
		timer.unref();
		this.groups.set(key, { ...group, repeats: 0, timer });
	}

	/** `repeats`: 0 for the first notice, else how many identical ones came during the window. */
	private discordBody(notice: OutgoingNotice, repeats: number) {
		const text = coreText(getDefaultLocale());
		const title = repeats > 0 ? `${notice.title} ×${repeats}` : notice.title;
		const footerNote = repeats > 0 ? text('outgoingRepeated', { count: repeats, seconds: Math.round(this.options.groupWindowMs / 1000) }) : undefined;
		return {
			embeds: [buildEmbed({ kind: notice.kind, title, description: notice.description, fields: notice.fields, footerNote }).toJSON()],
			allowed_mentions: { parse: [] }
		};
	}

	private enqueue(delivery: Delivery, delayMs = 0): void {
		this.scheduler.runLater(deliveryTaskName, delayMs, delivery).catch((error: unknown) => {
			outgoingMetrics.deliveries.inc({ target: delivery.target, outcome: 'dropped' });
			this.logger.warn({ err: error, target: delivery.target }, 'Could not queue an outgoing notification');
		});
	}

	/** One attempt, run by the queue; a failure is queued again with backoff until the last attempt. Never throws. */
	async deliver(delivery: Delivery): Promise<void> {
		const wait = (this.blockedUntil.get(delivery.url) ?? 0) - Date.now();
		if (wait > 0) return this.enqueue(delivery, wait);
		const attempt = delivery.attempt + 1;
		let retryInMs: number;
		let problem: string;
		try {
			const response = await fetch(delivery.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'user-agent': 'Monster (outgoing notifications)' },
				body: JSON.stringify(delivery.body),
				signal: AbortSignal.timeout(requestTimeoutMs)
			});
			const text = await response.text();
			this.noteBucket(delivery.url, response.headers);
			if (response.ok) {
				outgoingMetrics.deliveries.inc({ target: delivery.target, outcome: 'sent' });
				return;
			}
			problem = `HTTP ${response.status}`;
			if (response.status === 429) {
				// Discord says how long in the body (seconds, fractional), and in Retry-After.
				retryInMs = Math.ceil(1000 * (retryAfterOf(text) ?? Number(response.headers.get('retry-after') ?? 1)));
				this.blockedUntil.set(delivery.url, Date.now() + retryInMs);
			} else if (response.status >= 500) retryInMs = this.backoff(attempt);
			else {
				// A refused request (bad or deleted webhook) fails the same way next time.
				return this.giveUp(delivery, attempt, `${problem}: ${text.slice(0, 200)}`);
			}
		} catch (error) {
			problem = (error as Error).message;
			retryInMs = this.backoff(attempt);
		}
		if (attempt >= this.maxAttempts) return this.giveUp(delivery, attempt, problem);
		outgoingMetrics.deliveries.inc({ target: delivery.target, outcome: 'retried' });
		this.logger.warn({ target: delivery.target, attempt, problem, retryInMs }, 'Outgoing notification failed: retrying');
		this.enqueue({ ...delivery, attempt }, retryInMs);
	}

	/** Discord's per-route bucket: with nothing left, later deliveries to this URL wait for the reset. */
	private noteBucket(url: string, headers: Headers): void {
		if (headers.get('x-ratelimit-remaining') !== '0') return;
		const resetAfter = Number(headers.get('x-ratelimit-reset-after'));
		if (resetAfter > 0) this.blockedUntil.set(url, Math.max(this.blockedUntil.get(url) ?? 0, Date.now() + resetAfter * 1000));
	}

	private backoff(attempt: number): number {
		return Math.min(this.retryBaseMs * 2 ** (attempt - 1), maxRetryDelayMs);
	}

	private giveUp(delivery: Delivery, attempts: number, problem: string): void {
		outgoingMetrics.deliveries.inc({ target: delivery.target, outcome: 'failed' });
		// warn, not error: an error line would itself be sent to the log webhook that is failing.
		this.logger.warn({ target: delivery.target, attempts, problem }, 'Outgoing notification given up');
	}

	close(): void {
		for (const group of this.groups.values()) clearTimeout(group.timer);
		this.groups.clear();
	}
}

function retryAfterOf(body: string): number | undefined {
	try {
		const value = (JSON.parse(body) as { retry_after?: unknown }).retry_after;
		return typeof value === 'number' && value >= 0 ? value : undefined;
	} catch {
		return undefined;
	}
}

/** A scheduled task failed its last try: to the alerts webhooks of these servers (none: the environment's), even with the gateway down. */
export function alertTaskFailed(guildIds: string[], plugin: string | null, task: string, attempts: number, error: unknown): void {
	const text = coreText(getDefaultLocale());
	const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
	container.notifier?.discord('alerts', guildIds, {
		kind: 'error',
		title: text('taskFailedTitle', { task }),
		description: text('taskFailedDescription', { attempts, reason }),
		fields: [{ name: 'plugin', value: plugin ?? 'core', inline: true }]
	});
}

/** An error or fatal log line: to the log webhook of the server it names (`guildId`), else the environment's. */
export function forwardSevereLine(notifier: OutgoingNotifier, line: SevereLine): void {
	const { err, plugin, piece, component, guildId, task } = line.fields as Record<string, unknown>;
	const errorText = err instanceof Error ? err.message : typeof err === 'object' && err && 'message' in err ? String((err as { message: unknown }).message) : undefined;
	const fields = Object.entries({ plugin, piece, component, task })
		.filter(([, value]) => typeof value === 'string' && value)
		.map(([name, value]) => ({ name, value: value as string, inline: true }));
	notifier.discord('log', [typeof guildId === 'string' ? guildId : null], {
		kind: 'error',
		title: `${coreText(getDefaultLocale())('outgoingLogLine', { level: line.level })} ${line.msg}`.slice(0, 200),
		description: errorText?.slice(0, 1000),
		fields,
		// A piece failure's reference differs each time: identical means same place, same message.
		groupKey: ['log', line.level, line.msg, plugin, piece, component, task, errorText].join('\n')
	});
}
