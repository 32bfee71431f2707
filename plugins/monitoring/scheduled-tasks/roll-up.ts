import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { DateTime } from 'luxon';
import { rollUpUserStats } from '../queries.ts';

/** Every 10 minutes: recompute today's user_stats; in the first run after midnight, yesterday's too. */
export class RollUpTask extends ScheduledTask {
	public constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options, pattern: '*/10 * * * *' });
	}

	public override async run(payload: unknown) {
		const timeZone = this.container.config.TZ_DEFAULT;
		const now = DateTime.fromJSDate((payload as { now?: Date } | undefined)?.now ?? new Date(), { zone: timeZone });
		const days = now.hour === 0 && now.minute < 10 ? [now.minus({ days: 1 }), now] : [now];
		for (const day of days) await rollUpUserStats(this.container.db, { day: day.toISODate()!, timeZone });
	}
}
