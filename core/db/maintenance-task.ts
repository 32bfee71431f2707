// The core's nightly maintenance as a scheduled task, so the scheduler runs it: once across replicas on Redis.
import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { nightlyMaintenance } from './maintenance.ts';

export const nightlyMaintenanceTaskName = 'core.nightly-maintenance';

/** At 04:00 in the default time zone (TZ_DEFAULT), when the bot is quietest. */
export class NightlyMaintenanceTask extends ScheduledTask {
	public constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options, pattern: '0 4 * * *' });
	}

	public override async run(): Promise<void> {
		const { config, database, pino } = this.container;
		try {
			const pruned = await nightlyMaintenance(database, { apiLogDays: config.API_LOG_RETENTION_DAYS, auditLogDays: config.AUDIT_LOG_RETENTION_DAYS });
			pino.info(pruned, 'Nightly maintenance done');
		} catch (error) {
			pino.error({ err: error }, 'Nightly maintenance failed');
		}
	}
}
