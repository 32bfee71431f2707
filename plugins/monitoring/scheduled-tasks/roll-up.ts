import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { rollUpUserStats } from '../queries.ts';
import { daysToRollUp } from '../roll-up-days.ts';

/**
 * Every 10 minutes: recompute today's user_stats; in the first three hours of the day, yesterday's
 * too, so the last minutes of a day are counted even when the run just after midnight is skipped
 * or late (a roll-up replaces a day's figures, so running it again is harmless).
 */
export class RollUpTask extends ScheduledTask {
	public constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options, pattern: '*/10 * * * *' });
	}

	public override async run(payload: unknown) {
		const timeZone = this.container.config.TZ_DEFAULT;
		// A payload that went through Redis carries `now` as a string.
		const given = (payload as { now?: Date | string } | undefined)?.now;
		const now = given === undefined ? new Date() : new Date(given);
		for (const day of daysToRollUp(now, timeZone)) await rollUpUserStats(this.container.db, { day, timeZone });
	}
}
