/**
 * Members' reports (« Signaler » on a message): posted to the moderators' channel with buttons that
 * warn or time out the author, or delete the message. The buttons carry what they act on in their
 * custom id, so they work on any replica and after a restart, for as long as the message exists.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type Guild, type GuildTextBasedChannel, type Message } from 'discord.js';
import { buildEmbed, escapeUserText, findTextChannel, guildSettings } from '#core/plugin-kit.ts';
import { guildLocale } from './moderation.ts';
import type { ModerationSettings } from './settings.ts';
import { text } from './text.ts';

export const reportPrefix = 'moderation:report:';
export const reportActions = ['warn', 'timeout', 'delete'] as const;
export type ReportAction = (typeof reportActions)[number];
/** What the "Exclure 1 h" button does. */
export const reportTimeoutMs = 3_600_000;

export interface ReportTarget {
	action: ReportAction;
	channelId: string;
	messageId: string;
	authorId: string;
}

export function reportCustomId({ action, channelId, messageId, authorId }: ReportTarget): string {
	return `${reportPrefix}${action}:${channelId}:${messageId}:${authorId}`;
}

export function parseReportCustomId(customId: string): ReportTarget | null {
	if (!customId.startsWith(reportPrefix)) return null;
	const [action, channelId, messageId, authorId, ...rest] = customId.slice(reportPrefix.length).split(':');
	if (rest.length > 0 || !reportActions.includes(action as ReportAction) || ![channelId, messageId, authorId].every((id) => id && /^\d+$/.test(id))) return null;
	return { action: action as ReportAction, channelId: channelId!, messageId: messageId!, authorId: authorId! };
}

/** The report channel, else the mod-log channel, else the server's log channel. */
export function moderatorsChannel(guild: Guild, settings: ModerationSettings): GuildTextBasedChannel | undefined {
	const wanted = settings.reportChannel || settings.modLogChannel || guildSettings(guild.id).logChannel;
	return wanted ? findTextChannel(guild, wanted) : undefined;
}

export const messageUrl = (guildId: string, channelId: string, messageId: string) => `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;

/** The report as the moderators read it, in the server's language. */
export function reportMessage(guild: Guild, message: Message, reporterId: string) {
	const t = text(guildLocale(guild.id));
	const content = message.content ? `>>> ${escapeUserText(message.content.slice(0, 1500))}` : t('reportEmpty');
	const description = [
		t('reportBody', { reporter: `<@${reporterId}>`, author: `<@${message.author.id}>`, channel: `<#${message.channelId}>` }),
		content,
		t('reportJump', { url: messageUrl(guild.id, message.channelId, message.id) })
	].join('\n');
	const target = { channelId: message.channelId, messageId: message.id, authorId: message.author.id };
	const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder().setCustomId(reportCustomId({ ...target, action: 'warn' })).setLabel(t('reportWarn')).setStyle(ButtonStyle.Secondary),
		new ButtonBuilder().setCustomId(reportCustomId({ ...target, action: 'timeout' })).setLabel(t('reportTimeout')).setStyle(ButtonStyle.Secondary),
		new ButtonBuilder().setCustomId(reportCustomId({ ...target, action: 'delete' })).setLabel(t('reportDelete')).setStyle(ButtonStyle.Danger)
	);
	return { embeds: [buildEmbed({ kind: 'warning', title: t('reportTitle'), description })], components: [row], allowedMentions: { parse: [] } };
}
