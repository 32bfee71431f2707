import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { DiscordAPIError, Routes } from 'discord.js';
import { guildSettings, guildTimeZone, pluginLogger, postToLogChannel } from '#core/plugin-kit.ts';
import { shortId } from '../announcement-flows.ts';
import { claimRun, dueAction, dueAnnouncements, pauseAnnouncement } from '../announcements.ts';
import type { Announcement } from '../schema.ts';
import { text } from '../text.ts';

interface Payload {
	/** The instant this run stands for (ISO 8601), instead of the clock: tests and runs by hand. */
	at?: string;
}

type PauseReason = 'unknownChannel' | 'missingPermission';

/** Discord's refusals that will not pass by themselves; anything else (a 5xx, a timeout) is thrown. */
function pauseReasonOf(error: unknown): PauseReason | null {
	if (!(error instanceof DiscordAPIError)) return null;
	if (error.code === 10003 || error.status === 404) return 'unknownChannel';
	if (error.code === 50001 || error.code === 50013 || error.status === 403) return 'missingPermission';
	return null;
}

/**
 * Every minute, the announcements due in every server (`/annonce planifier`): each is posted, pinging nobody
 * (`allowed_mentions.parse` empty, whatever the author could ping), and its next run computed at its clock time
 * in the server's zone. A run more than an hour late (the bot was down) is skipped to the next one, with a log
 * line. A deleted channel or a missing permission pauses the announcement and tells the server's log channel.
 * `scheduler.runNow('admin.announcements', { at: ISO })` runs it as if at that instant.
 */
export class AnnouncementsTask extends ScheduledTask {
	public constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		// No retry: the next minute's run picks up whatever is still due.
		super(context, { ...options, pattern: '* * * * *', timezone: 'UTC', retry: { attempts: 1, backoffMs: 60_000 } } as ScheduledTask.Options);
	}

	public override async run(payload?: Payload) {
		const now = payload?.at ? new Date(payload.at) : new Date();
		const log = pluginLogger(this);
		for (const announcement of await dueAnnouncements(this.container.db, now)) {
			if (!this.container.plugins.isActive('admin', announcement.guildId)) continue;
			// One announcement's failure must not keep the others from going out.
			try {
				const { send, next } = dueAction(announcement, guildTimeZone(announcement.guildId), now);
				if (!(await claimRun(this.container.db, announcement, next))) continue;
				const context = { guildId: announcement.guildId, announcement: announcement.id, dueAt: announcement.nextRunAt, nextRunAt: next };
				if (!send) {
					log.warn(context, 'Announcement run missed by more than an hour: skipped to the next one');
					continue;
				}
				await this.post(announcement, now);
				log.info(context, 'Announcement posted');
			} catch (error) {
				log.error({ err: error, guildId: announcement.guildId, announcement: announcement.id }, 'Announcement failed');
			}
		}
	}

	private async post(announcement: Announcement, now: Date) {
		try {
			// Through REST by id: the channel's shard may be held by another process.
			await this.container.client.rest.post(Routes.channelMessages(announcement.channelId), { body: { content: announcement.message, allowed_mentions: { parse: [] } } });
		} catch (error) {
			const reason = pauseReasonOf(error);
			if (!reason) throw error;
			await pauseAnnouncement(this.container.db, announcement, reason, now);
			pluginLogger(this).warn({ err: error, guildId: announcement.guildId, announcement: announcement.id, channelId: announcement.channelId, reason }, 'Announcement paused: Discord refused the post');
			const t = text(guildSettings(announcement.guildId).locale);
			await postToLogChannel(announcement.guildId, {
				kind: 'warning',
				title: t('announcePausedTitle'),
				description: t('announcePausedBody', { id: shortId(announcement.id), author: announcement.authorId, channel: `<#${announcement.channelId}>`, reason: t('announcePauseReason', { reason }) }),
				source: `announcement ${announcement.id}`
			});
		}
	}
}
