import {
	MessageFlags,
	type ActionRowBuilder,
	type AttachmentBuilder,
	type EmbedBuilder,
	type Interaction,
	type Message,
	type MessageActionRowComponentBuilder
} from 'discord.js';
import { safeMentions } from './embeds.ts';

export interface ResponsePayload {
	content?: string;
	embeds?: EmbedBuilder[];
	components?: ActionRowBuilder<MessageActionRowComponentBuilder>[];
	files?: AttachmentBuilder[];
	/** Visible only to the member (slash commands and components); prefix replies are always public. */
	ephemeral?: boolean;
}

/**
 * Answers whoever triggered a piece, whichever way it came: a slash command or a component
 * (reply, or follow-up when already answered) or a prefix message (a reply). Mentions in the
 * text never ping anyone but the member answered.
 */
export async function respond(target: Interaction | Message, payload: ResponsePayload): Promise<void> {
	await respondWithMessage(target, payload);
}

function isInteraction(target: Interaction | Message): target is Interaction {
	return 'isRepliable' in target && typeof target.isRepliable === 'function';
}

/**
 * Like `respond`, and returns the message sent (null when the target cannot be answered), for
 * callers that edit it later, such as the UI kit greying out expired buttons.
 */
export async function respondWithMessage(target: Interaction | Message, { ephemeral, ...payload }: ResponsePayload): Promise<Message | null> {
	if (isInteraction(target)) {
		if (!target.isRepliable()) return null;
		const body = { ...payload, allowedMentions: safeMentions, ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) };
		if (target.replied || target.deferred) return target.followUp(body);
		const response = await target.reply({ ...body, withResponse: true });
		return response.resource?.message ?? null;
	}
	return target.reply({ ...payload, allowedMentions: safeMentions });
}

/** Shortcut for the most common answer: one embed. */
export function respondWithEmbed(target: Interaction | Message, embed: EmbedBuilder, ephemeral = true): Promise<void> {
	return respond(target, { embeds: [embed], ephemeral });
}
