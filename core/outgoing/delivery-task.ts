// The queue's job for one outgoing notification attempt: BullMQ runs it when Redis is there, the in-process scheduler otherwise.
import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import type { Delivery } from './notifier.ts';

export class OutgoingDeliveryTask extends ScheduledTask {
	public override async run(payload: unknown): Promise<void> {
		await this.container.notifier?.deliver(payload as Delivery);
	}
}
