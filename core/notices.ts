/**
 * Where the bot tells a server's staff what happened: its log channel (admin actions, moderation,
 * refusals, arrivals and departures) and its alerts channel (health changes, failures after the last
 * retry). Both are core settings per server (`logChannel`, `alertsChannel`: an id or a name); without
 * an alerts channel, alerts go to the log channel. A server without such a channel gets nothing, and
 * a failed post is logged, never thrown: telling must not break the action it reports.
 */
import { container } from '@sapphire/framework';
import type { APIEmbedField } from 'discord.js';
import { botGuild } from './bot-guilds.ts';
import { findTextChannel } from './channels.ts';
import { guildSettings } from './guild-settings.ts';
import { getDefaultLocale } from './i18n.ts';
import { buildEmbed, type EmbedKind } from './ui/embeds.ts';

export interface Notice {
	kind: EmbedKind;
	title: string;
	description?: string;
	fields?: APIEmbedField[];
	/** Who or what it is about, for the log line. */
	source?: string;
}

/** Posts to the server's log channel; true when it was posted. */
export function postToLogChannel(guildId: string, notice: Notice): Promise<boolean> {
	return post(guildId, guildSettings(guildId).logChannel, notice);
}

/** Posts to the server's alerts channel, or its log channel when none is set. */
export function postAlert(guildId: string, notice: Notice): Promise<boolean> {
	const settings = guildSettings(guildId);
	return post(guildId, settings.alertsChannel ?? settings.logChannel, notice);
}

async function post(guildId: string, wanted: string | undefined, notice: Notice): Promise<boolean> {
	// The server's shard may be held by another process (or none here): then it is read through REST.
	const guild = wanted && container.client ? await botGuild(guildId).catch(() => null) : null;
	const channel = guild && wanted ? findTextChannel(guild, wanted) : undefined;
	if (!channel) return false;
	try {
		const locale = guildSettings(guildId).locale ?? getDefaultLocale();
		await channel.send({ embeds: [buildEmbed({ ...notice, locale })], allowedMentions: { parse: [] } });
		return true;
	} catch (error) {
		container.pino.warn({ err: error, guildId, channel: channel.id, notice: notice.title, source: notice.source }, 'Could not post to the log channel');
		return false;
	}
}
