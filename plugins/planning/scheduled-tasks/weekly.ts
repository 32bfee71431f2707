import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import type { SettingsDrivenSchedule } from '#core/scheduler/scheduler.ts';
import { everyGuild, findTextChannel, getDefaultLocale, pluginLogger } from '#core/plugin-kit.ts';
import { planningSettings } from '../settings.ts';
import { weeklyMessages } from '../views.ts';

/**
 * Every Monday 06:00 (setting `weeklyPostCron`, in the bot's time zone), the week's planning of every guild
 * where the plugin is on, one embed per day, in the channel named by `weeklyPostChannel`; a busy week
 * takes several messages (Discord allows 10 embeds and 6,000 characters of embeds a message).
 * `scheduler.runNow('planning.weekly', { now?: ISO date })` runs it by hand.
 */
export class WeeklyPlanningTask extends ScheduledTask implements SettingsDrivenSchedule {
	/** Read at every reconcile: a change of the setting moves the schedule without a reload. */
	public schedule() {
		const settings = planningSettings();
		return { pattern: settings.weeklyPostCron, timezone: settings.timeZone };
	}

	public override async run(payload: unknown) {
		const at = (payload as { now?: string } | null | undefined)?.now;
		const now = at ? new Date(at) : new Date();
		const logger = pluginLogger(this);
		// Every server of the bot: the occurrence runs on one process, which may hold only some shards.
		for await (const guild of everyGuild()) {
			if (!this.container.plugins.isActive('planning', guild.id)) continue;
			// One guild's failure (a missing permission, Discord refusing a message) must not skip the others.
			try {
				const wanted = planningSettings(guild.id).weeklyPostChannel;
				const channel = findTextChannel(guild, wanted);
				if (!channel) {
					logger.warn({ guildId: guild.id, channel: wanted }, 'Weekly planning not posted: channel not found');
					continue;
				}
				const messages = await weeklyMessages(guild.id, getDefaultLocale(), now);
				// Embeds show members as mentions (each reader sees names); nobody is pinged.
				for (const embeds of messages) await channel.send({ embeds, allowedMentions: { parse: [] } });
				const embeds = messages.reduce((sum, message) => sum + message.length, 0);
				logger.info({ guildId: guild.id, channelId: channel.id, messages: messages.length, embeds }, 'Weekly planning posted');
			} catch (error) {
				logger.error({ err: error, guildId: guild.id }, 'Weekly planning failed for a guild');
			}
		}
	}
}
