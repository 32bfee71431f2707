import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import type { Guild } from 'discord.js';
import { DateTime } from 'luxon';
import { botGuild, botGuildIds, buildEmbed, findTextChannel, getDefaultLocale, guildTimeZone, localeOf, pluginLogger, pluginOf, todayIn } from '#core/plugin-kit.ts';
import { viewContext } from '../flows.ts';
import type { TasksSettings } from '../settings.ts';
import { dueReminders, type Reminder, type Task } from '../tasks.ts';
import { text } from '../text.ts';
import { taskLine, type ViewContext } from '../views.ts';

interface Payload {
	/** `YYYY-MM-DD`: remind of this day in every server now, whatever their hour (an admin's or a test's run). */
	day?: string;
	/** Only this guild (now, whatever its hour). */
	guildId?: string;
	/** The instant the hourly run stands for (ISO 8601), instead of the clock. */
	at?: string;
}

/**
 * Every hour, for each server whose local hour is its `reminderHour` setting (in the server's time
 * zone, so the hour holds across DST and differs between servers): each assignee gets one DM listing
 * their open tasks that are overdue, due today or due tomorrow. When the DM fails, or for unassigned
 * tasks, the list goes to the `reminderChannel` setting if set.
 * `scheduler.runNow('tasks.reminders', { day: '2026-11-25' })` runs it at once for a given day.
 */
export class RemindersTask extends ScheduledTask {
	public constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options, pattern: '0 * * * *', timezone: 'UTC' } as ScheduledTask.Options);
	}

	public override async run(payload?: Payload) {
		const context = pluginOf<TasksSettings>(this);
		const now = payload?.at ? new Date(payload.at) : new Date();
		const onDemand = payload?.day !== undefined || payload?.guildId !== undefined;
		const log = pluginLogger(this);
		// Every server, whichever process holds its shard: the one running this occurrence reaches the others through REST.
		for (const guildId of await botGuildIds()) {
			if (payload?.guildId && guildId !== payload.guildId) continue;
			if (!this.container.plugins.isActive('tasks', guildId)) continue;
			const settings = context.settings(guildId);
			const timeZone = guildTimeZone(guildId);
			if (!onDemand && DateTime.fromJSDate(now, { zone: timeZone }).hour !== settings.reminderHour) continue;
			const day = payload?.day ?? todayIn(timeZone, now);
			try {
				const reminders = await dueReminders(this.container.db, guildId, day);
				const guild = reminders.length > 0 ? await botGuild(guildId) : null;
				let sent = 0;
				if (guild) for (const reminder of reminders) if (await this.remind(guild, reminder, day, settings.reminderChannel)) sent += 1;
				log.info({ guildId, day, lists: reminders.length, sent }, 'Task reminders sent');
			} catch (error) {
				log.error({ err: error, guildId }, 'Task reminders failed for a guild');
			}
		}
	}

	/** True when the list reached someone; `day` is the day reminded of, from which due days are counted. */
	private async remind(guild: Guild, reminder: Reminder, day: string, fallback: string | undefined): Promise<boolean> {
		// The assignee's chosen language (/langue) for their private message; the bot's default otherwise.
		const locale = reminder.assigneeId ? localeOf({ user: { id: reminder.assigneeId } }) : getDefaultLocale();
		const t = text(locale);
		const context = { ...(await viewContext(locale, [...reminder.overdue, ...reminder.today, ...reminder.tomorrow])), today: day };
		const title = reminder.assigneeId ? t('reminderTitle') : t('reminderUnassignedTitle');
		const fields = [
			section(t('reminderOverdue'), reminder.overdue, context),
			section(t('reminderToday'), reminder.today, context),
			section(t('reminderTomorrow'), reminder.tomorrow, context)
		].filter((field) => field !== null);
		const embed = buildEmbed({ kind: reminder.overdue.length > 0 ? 'warning' : 'info', title, fields, footerNote: guild.name, locale });
		if (reminder.assigneeId) {
			try {
				await this.container.client.users.send(reminder.assigneeId, { embeds: [embed], allowedMentions: { parse: [] } });
				return true;
			} catch (error) {
				pluginLogger(this).info({ err: error, user: reminder.assigneeId }, 'Reminder DM refused; trying the fallback channel');
			}
		}
		const channel = fallback ? findTextChannel(guild, fallback) : undefined;
		if (!channel) return false;
		const content = reminder.assigneeId ? t('reminderFor', { user: reminder.assigneeId }) : undefined;
		await channel.send({ content, embeds: [embed], allowedMentions: { parse: [], users: reminder.assigneeId ? [reminder.assigneeId] : [] } });
		return true;
	}
}

/** At most 1024 characters a field: the first tasks, then "…". */
function section(name: string, tasks: Task[], context: ViewContext) {
	if (tasks.length === 0) return null;
	const lines: string[] = [];
	for (const task of tasks) {
		const line = taskLine(task, context);
		if ([...lines, line, '…'].join('\n').length > 1024) {
			lines.push('…');
			break;
		}
		lines.push(line);
	}
	return { name: `${name} (${tasks.length})`, value: lines.join('\n') };
}
