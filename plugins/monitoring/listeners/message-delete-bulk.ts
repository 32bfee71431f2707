import { Events, Listener } from '@sapphire/framework';
import type { Message, PartialMessage, ReadonlyCollection, Snowflake } from 'discord.js';
import { messageLog } from '../message-log/live.ts';

export class MessageBulkDeleteLog extends Listener<typeof Events.MessageBulkDelete> {
	public constructor(context: Listener.LoaderContext, options: Listener.Options) {
		super(context, { ...options, event: Events.MessageBulkDelete });
	}

	public override run(messages: ReadonlyCollection<Snowflake, Message | PartialMessage>) {
		messageLog(this)?.recordBulkDelete(messages.keys());
	}
}
