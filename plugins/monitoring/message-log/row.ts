import { withoutNul } from '#core/plugin-kit.ts';
import type { MessageAttachment, MessageEmbed, MessageMetadata } from '../schema.ts';

/**
 * The part of a discord.js `Message` the log reads. A real `Message` satisfies it (checked in row.test.ts),
 * so listeners pass theirs as is while the rest of the pipeline never sees a Discord type.
 */
export interface MessageLike {
	id: string;
	channelId: string;
	guildId: string | null;
	author: { id: string; bot: boolean };
	content: string;
	createdTimestamp: number;
	editedTimestamp: number | null;
	attachments: ReadonlyMap<
		string,
		{ id: string; name: string | null; url: string | null; contentType: string | null; size: number }
	>;
	embeds: readonly {
		data: { type?: string };
		title: string | null;
		url: string | null;
		description: string | null;
	}[];
	mentions: {
		users: ReadonlyMap<string, unknown>;
		roles: ReadonlyMap<string, unknown>;
		channels: ReadonlyMap<string, unknown>;
		everyone: boolean;
	};
	reference: { messageId: string | undefined; channelId: string; guildId: string | undefined } | null;
}

/** One message as the log stores it. */
export interface MessageRow {
	messageId: string;
	guildId: string | null;
	channelId: string;
	authorId: string;
	authorIsBot: boolean;
	content: string | null;
	metadata: MessageMetadata;
	createdAt: Date;
	editedAt: Date | null;
}

export function toMessageRow(message: MessageLike): MessageRow {
	const metadata: MessageMetadata = {};
	if (message.attachments.size > 0) {
		metadata.attachments = [...message.attachments.values()].map(
			(attachment): MessageAttachment => ({
				id: attachment.id,
				name: withoutNul(attachment.name),
				url: attachment.url,
				contentType: attachment.contentType,
				size: attachment.size
			})
		);
	}
	if (message.embeds.length > 0) {
		metadata.embeds = message.embeds.map(
			(embed): MessageEmbed => ({
				type: embed.data.type ?? null,
				title: withoutNul(embed.title),
				url: embed.url,
				description: withoutNul(embed.description)
			})
		);
	}
	const { users, roles, channels, everyone } = message.mentions;
	if (users.size + roles.size + channels.size > 0 || everyone) {
		metadata.mentions = { users: [...users.keys()], roles: [...roles.keys()], channels: [...channels.keys()], everyone };
	}
	if (message.reference?.messageId) {
		metadata.reply = {
			messageId: message.reference.messageId,
			channelId: message.reference.channelId,
			guildId: message.reference.guildId ?? null
		};
	}
	return {
		messageId: message.id,
		guildId: message.guildId,
		channelId: message.channelId,
		authorId: message.author.id,
		authorIsBot: message.author.bot,
		content: withoutNul(message.content),
		metadata,
		createdAt: new Date(message.createdTimestamp),
		editedAt: message.editedTimestamp === null ? null : new Date(message.editedTimestamp)
	};
}

/**
 * The row as stored for a channel whose content is not logged: who wrote when stays, what they wrote
 * (text, file names and links, embed text) does not.
 */
export function withoutContent(row: MessageRow): MessageRow {
	const { attachments, embeds, ...structure } = row.metadata;
	const metadata: MessageMetadata = structure;
	if (attachments) {
		metadata.attachments = attachments.map((attachment) => ({ ...attachment, name: null, url: null }));
	}
	if (embeds) {
		metadata.embeds = embeds.map((embed) => ({ type: embed.type, title: null, url: null, description: null }));
	}
	return { ...row, content: null, metadata };
}
