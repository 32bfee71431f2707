import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { pluginOf } from '#core/plugin-kit.ts';
import type { WebhooksSettings } from '../settings.ts';
import { processTallyResponse } from '../tally.ts';

/**
 * The queue's side of `POST /webhook/tally`: no schedule, run with `runLater('webhooks.tally', 0,
 * { deliveryId })` once the delivery is recorded (BullMQ with Redis, so it survives a restart).
 */
export class TallyResponseTask extends ScheduledTask {
	public override async run(payload?: { deliveryId: number }) {
		if (payload) await processTallyResponse(pluginOf<WebhooksSettings>(this), payload.deliveryId);
	}
}
