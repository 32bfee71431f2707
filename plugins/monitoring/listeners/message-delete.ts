import { Events, Listener } from '@sapphire/framework';
import type { Message, PartialMessage } from 'discord.js';
import { messageLog } from '../message-log/live.ts';

/** A deleted message keeps its row, marked deleted: only retention removes rows. */
export class MessageDeleteLog extends Listener<typeof Events.MessageDelete> {
	public constructor(context: Listener.LoaderContext, options: Listener.Options) {
		super(context, { ...options, event: Events.MessageDelete });
	}

	public override run(message: Message | PartialMessage) {
		messageLog(this)?.recordDelete(message.id);
	}
}
