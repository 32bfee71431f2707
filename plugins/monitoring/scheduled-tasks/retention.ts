import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { pluginLogger, pluginOf } from '#core/plugin-kit.ts';
import type { MonitoringSettings } from '../settings.ts';
import { cleanupOldMessages } from '../queries.ts';

/** Nightly: messages older than the retention setting are deleted for good (the only hard delete). */
export class RetentionTask extends ScheduledTask {
	public constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options, pattern: '30 3 * * *' });
	}

	public override async run() {
		// One run for the whole database: the bot-wide retention applies.
		const settings = pluginOf<MonitoringSettings>(this).settings();
		const deleted = await cleanupOldMessages(this.container.db, settings.retentionDays);
		pluginLogger(this).info({ deleted, retentionDays: settings.retentionDays }, 'Old messages deleted');
	}
}
