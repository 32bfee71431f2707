import { Events, Listener } from '@sapphire/framework';
import type { Message, PartialMessage } from 'discord.js';
import { messageLog } from '../message-log/live.ts';
import { toMessageRow } from '../message-log/row.ts';

/** Edits keep the previous text in the row's history; partial updates (not cached) are fetched first. */
export class MessageUpdateLog extends Listener<typeof Events.MessageUpdate> {
	public constructor(context: Listener.LoaderContext, options: Listener.Options) {
		super(context, { ...options, event: Events.MessageUpdate });
	}

	public override async run(_old: Message | PartialMessage, updated: Message | PartialMessage) {
		const message = updated.partial ? await updated.fetch().catch(() => null) : updated;
		if (message) messageLog(this)?.recordEdit(toMessageRow(message));
	}
}
