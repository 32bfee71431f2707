// The bot's own backup as a scheduled task: daily at BACKUP_SCHEDULE in TZ_DEFAULT when BACKUP_ENABLED, once across replicas on Redis.
import { resolve } from 'node:path';
import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { runBackup } from './backup.ts';
import { afterFailedRun, afterSuccessfulRun, retryPolicyOf, unwrapRetry } from './scheduler/retries.ts';
import type { SettingsDrivenSchedule } from './scheduler/scheduler.ts';

export const backupTaskName = 'core.backup';

export class BackupTask extends ScheduledTask implements SettingsDrivenSchedule {
	public schedule() {
		const { config } = this.container;
		return config.BACKUP_ENABLED ? { pattern: config.BACKUP_SCHEDULE } : null;
	}

	public override async run(payload: unknown): Promise<void> {
		const { config, database, pino } = this.container;
		const { attempt } = unwrapRetry(payload);
		try {
			const backup = await runBackup(database, {
				dir: resolve(config.BACKUP_DIR),
				retentionDays: config.BACKUP_RETENTION_DAYS,
				projectDir: process.cwd(),
				databaseUrl: config.DATABASE_URL
			});
			pino.info(backup, 'Backup written');
			await afterSuccessfulRun(this.name);
		} catch (error) {
			pino.error({ err: error, attempt }, 'Backup failed');
			// Core tasks are not wrapped by the plugin gate: the same retries and alert, asked for here.
			await afterFailedRun({ task: this.name, plugin: null, attempt, payload: undefined, error, policy: retryPolicyOf(this.options) });
		}
	}
}
