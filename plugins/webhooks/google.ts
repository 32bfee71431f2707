import type * as GoogleCalendar from '@googleapis/calendar';
import { container } from '@sapphire/framework';
import { DateTime } from 'luxon';
import type { Config } from '#core/config.ts';
import { pluginDataStore } from '#core/db/plugin-data.ts';
import { onFirstUse } from '#core/lazy-module.ts';
import { botGuildIds, type PluginContext } from '#core/plugin-kit.ts';
import { reviseEntry, submitEntry, withdrawEntry, type EntryProblem } from '../planning/public.ts';
import { finishWebhook, findWebhook } from './queries.ts';
import type { GoogleCalendar as WatchedCalendar, WebhooksSettings } from './settings.ts';

/**
 * Google Calendar push notifications: a notification only says that a watched calendar changed; the
 * changed events are fetched with the calendar's sync token (incremental sync) through Google's own
 * client, and each becomes, moves or removes a planning entry of the calendar's member.
 */

/** Google's client and its dependencies weigh a few megabytes: loaded with the first notification. */
const googleCalendar = onFirstUse<typeof GoogleCalendar>('@googleapis/calendar');

type CalendarEvent = GoogleCalendar.calendar_v3.Schema$Event;

export const resourceStates = ['sync', 'exists', 'not_exists'] as const;

/** Events further ahead are left alone: an endless recurring event would otherwise fill years of planning. */
const horizonDays = 366;
const noteMaxLength = 500;

/** The variables the receiver needs, unset ones named (it answers 503 until they are all set). */
export function missingGoogleConfig(config: Config): string[] {
	const needed = ['GOOGLE_CHANNEL_TOKEN', 'GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET', 'GOOGLE_REFRESH_TOKEN'] as const;
	return needed.filter((name) => !config[name]);
}

export interface Watch {
	guildId: string;
	calendar: WatchedCalendar;
}

/** The servers (and calendar) a channel feeds: those whose `googleCalendars` setting names it, where webhooks is on. */
export async function watchesOf(context: PluginContext<WebhooksSettings>, channelId: string): Promise<Watch[]> {
	return (await botGuildIds())
		.filter((guildId) => container.plugins.isActive('webhooks', guildId))
		.flatMap((guildId) => context.settings(guildId).googleCalendars.filter((calendar) => calendar.channelId === channelId).map((calendar) => ({ guildId, calendar })));
}

function calendarClient(): GoogleCalendar.calendar_v3.Calendar {
	const { auth, calendar } = googleCalendar();
	const config = container.config;
	const oauth = new auth.OAuth2({ clientId: config.GOOGLE_CLIENT_ID, clientSecret: config.GOOGLE_CLIENT_SECRET, endpoints: { oauth2TokenUrl: config.GOOGLE_TOKEN_URL } });
	oauth.setCredentials({ refresh_token: config.GOOGLE_REFRESH_TOKEN });
	return calendar({ version: 'v3', auth: oauth, rootUrl: config.GOOGLE_API_URL });
}

/** Every page of changes since `syncToken` (everything without one), and the token for next time. */
async function listChanges(client: GoogleCalendar.calendar_v3.Calendar, calendarId: string, syncToken: string | undefined) {
	const events: CalendarEvent[] = [];
	let pageToken: string | undefined;
	let nextSyncToken: string | undefined;
	do {
		const { data } = await client.events.list({ calendarId, singleEvents: true, maxResults: 250, syncToken, pageToken });
		events.push(...(data.items ?? []));
		pageToken = data.nextPageToken ?? undefined;
		nextSyncToken = data.nextSyncToken ?? nextSyncToken;
	} while (pageToken);
	return { events, nextSyncToken };
}

/** Start and end as planning reads them: ISO instants, or days (Google's end day is exclusive, planning's inclusive). */
function timesOf(event: CalendarEvent): { start: string; end: string; startsAt: Date } | null {
	const { start, end } = event;
	if (start?.dateTime && end?.dateTime) return { start: start.dateTime, end: end.dateTime, startsAt: new Date(start.dateTime) };
	if (start?.date && end?.date) {
		return { start: start.date, end: DateTime.fromISO(end.date).minus({ days: 1 }).toISODate()!, startsAt: new Date(`${start.date}T00:00:00Z`) };
	}
	return null;
}

interface SyncSummary {
	created: string[];
	updated: string[];
	removed: string[];
	skipped: number;
	problems: { event: string; problems: EntryProblem[] }[];
}

/**
 * Processes a recorded notification (from the queue): for each server watching the channel, fetches the
 * calendar's changes since its stored sync token (from scratch when Google says the token expired, 410)
 * and upserts the member's entries; overlaps are accepted, the calendar being the reference. The new
 * sync token is stored only once every change is applied, so a failure is retried whole next time.
 */
export function syncGoogleCalendar(context: PluginContext<WebhooksSettings>, deliveryId: number, channelId: string): Promise<void> {
	// Two notifications of one channel (`sync` then `exists`) must not read the same sync token at once, or
	// both would create the same events: they run one after the other (in this process; the queue runs one job at a time per replica).
	const chains = context.keep('google.syncs', (previous: Map<string, Promise<void>> | undefined) => previous ?? new Map<string, Promise<void>>());
	const run = (chains.get(channelId) ?? Promise.resolve()).then(() => syncNotification(context, deliveryId, channelId));
	const settled = run.catch(() => undefined);
	chains.set(channelId, settled);
	void settled.then(() => {
		if (chains.get(channelId) === settled) chains.delete(channelId);
	});
	return run;
}

async function syncNotification(context: PluginContext<WebhooksSettings>, deliveryId: number, channelId: string): Promise<void> {
	const delivery = await findWebhook(container.db, deliveryId);
	if (!delivery || delivery.status !== 'recu') return;
	const summary: SyncSummary = { created: [], updated: [], removed: [], skipped: 0, problems: [] };
	try {
		const watches = await watchesOf(context, channelId);
		if (watches.length === 0) throw new Error(`no server watches Google channel ${channelId} (setting googleCalendars)`);
		const client = calendarClient();
		for (const watch of watches) await syncOne(context, client, watch, summary);
	} catch (error) {
		const message = (error as Error).message;
		context.logger.error({ err: error, deliveryId, channelId }, 'Google Calendar sync failed');
		await finishWebhook(container.db, deliveryId, { status: 'echec', result: summary, error: message.slice(0, 500) });
		return;
	}
	const error = summary.problems.length > 0 ? summary.problems.flatMap(({ problems }) => problems.map((problem) => problem.message)).join(' · ') : null;
	await finishWebhook(container.db, deliveryId, { status: error ? 'echec' : 'traite', result: summary, error });
	context.logger.info(
		{ deliveryId, channelId, created: summary.created.length, updated: summary.updated.length, removed: summary.removed.length, skipped: summary.skipped },
		'Google Calendar changes applied'
	);
}

async function syncOne(context: PluginContext<WebhooksSettings>, client: GoogleCalendar.calendar_v3.Calendar, { guildId, calendar }: Watch, summary: SyncSummary) {
	const store = pluginDataStore(container.db, 'webhooks');
	const syncKey = `google.sync.${guildId}.${calendar.channelId}`;
	const syncToken = (await store.get<{ syncToken: string }>(syncKey))?.syncToken;
	let changes;
	try {
		changes = await listChanges(client, calendar.calendarId, syncToken);
	} catch (error) {
		if (!syncToken || statusOf(error) !== 410) throw error;
		context.logger.info({ guildId, calendarId: calendar.calendarId }, 'Google sync token expired: syncing the calendar from scratch');
		changes = await listChanges(client, calendar.calendarId, undefined);
	}
	const horizon = DateTime.now().plus({ days: horizonDays }).toJSDate();
	for (const event of changes.events) {
		if (!event.id) continue;
		const eventKey = `google.event.${guildId}.${calendar.calendarId}.${event.id}`;
		const known = await store.get<{ entryId: string }>(eventKey);
		if (event.status === 'cancelled') {
			if (known) {
				await withdrawEntry(guildId, known.entryId);
				await store.delete(eventKey);
				summary.removed.push(known.entryId);
			}
			continue;
		}
		const times = timesOf(event);
		// Past events are history, far ones wait until they come within the horizon (a later change brings them).
		if (!times || times.startsAt > horizon || (!known && new Date(times.end) < new Date())) {
			summary.skipped += 1;
			continue;
		}
		const note = event.summary?.slice(0, noteMaxLength) || null;
		const request = { start: times.start, end: times.end, type: calendar.type, note, force: true };
		const outcome = known ? await reviseEntry(guildId, known.entryId, request) : await submitEntry({ ...request, guildId, member: calendar.member });
		if (outcome.ok) {
			if (!known) await store.set(eventKey, { entryId: outcome.entry.id });
			(known ? summary.updated : summary.created).push(outcome.entry.id);
		} else if (known && outcome.problems.some((problem) => problem.code === 'unknownEntry')) {
			// Deleted from the planning by someone in Discord: it stays deleted, and the event is forgotten.
			await store.delete(eventKey);
			summary.skipped += 1;
		} else summary.problems.push({ event: event.id, problems: outcome.problems });
	}
	if (changes.nextSyncToken) await store.set(syncKey, { syncToken: changes.nextSyncToken });
}

function statusOf(error: unknown): number | undefined {
	const candidate = error as { status?: number; response?: { status?: number } };
	return candidate.status ?? candidate.response?.status;
}
