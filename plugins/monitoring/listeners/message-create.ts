import { Events, Listener } from '@sapphire/framework';
import type { Message } from 'discord.js';
import { messageLog } from '../message-log/live.ts';
import { toMessageRow } from '../message-log/row.ts';

export class MessageCreateLog extends Listener<typeof Events.MessageCreate> {
	public constructor(context: Listener.LoaderContext, options: Listener.Options) {
		super(context, { ...options, event: Events.MessageCreate });
	}

	public override run(message: Message) {
		messageLog(this)?.recordCreate(toMessageRow(message));
	}
}
