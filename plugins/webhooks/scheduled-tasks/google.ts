import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { pluginOf } from '#core/plugin-kit.ts';
import { syncGoogleCalendar } from '../google.ts';
import type { WebhooksSettings } from '../settings.ts';

/** The queue's side of `POST /webhook/google`: no schedule, run with `runLater('webhooks.google', 0, { deliveryId, channelId })`. */
export class GoogleCalendarSyncTask extends ScheduledTask {
	public override async run(payload?: { deliveryId: number; channelId: string }) {
		if (payload) await syncGoogleCalendar(pluginOf<WebhooksSettings>(this), payload.deliveryId, payload.channelId);
	}
}
