import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { pluginLogger, pluginOf } from '#core/plugin-kit.ts';
import type { MonitoringSettings } from '../settings.ts';
import { statsPeriods } from '../../team/public.ts';
import { cleanupOldMessages, rollUpOldUserStats } from '../queries.ts';

/**
 * Nightly: messages older than the retention setting are deleted for good (the only hard delete), and
 * daily activity rows as old are added up per month, kept daily at least as long as /stats reads them.
 */
export class RetentionTask extends ScheduledTask {
	public constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options, pattern: '30 3 * * *' });
	}

	public override async run() {
		// One run for the whole database: the bot-wide retention applies.
		const settings = pluginOf<MonitoringSettings>(this).settings();
		const deleted = await cleanupOldMessages(this.container.db, settings.retentionDays);
		const keepDays = Math.max(settings.retentionDays, ...statsPeriods);
		const rolledUp = await rollUpOldUserStats(this.container.db, keepDays);
		pluginLogger(this).info({ deleted, retentionDays: settings.retentionDays, dailyStatsRolledUp: rolledUp }, 'Old messages deleted, old daily stats added up per month');
	}
}
