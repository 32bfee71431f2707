/** The days, in the bot's time zone, a roll-up of the message log recomputes. */
import { DateTime } from 'luxon';

/**
 * The days (`YYYY-MM-DD` in `timeZone`) a roll-up run at `now` recomputes: today, and during the
 * first three hours also yesterday, so a skipped or late run after midnight does not lose the end of
 * the day (rolling a day up again is harmless).
 */
export function daysToRollUp(now: Date, timeZone: string): string[] {
	const today = DateTime.fromJSDate(now, { zone: timeZone });
	const days = today.hour < 3 ? [today.minus({ days: 1 }), today] : [today];
	return days.map((day) => day.toISODate()!);
}
