/**
 * Finding a server's text channel from a setting or an API field: an id, a mention `<#id>` (what a Discord client
 * writes when `#logs` is picked while typing, and what integrations copy from messages), a name or `#name`, any case.
 */
import { ChannelType, type Guild, type GuildTextBasedChannel } from 'discord.js';

export function findTextChannel(guild: Guild, wanted: string): GuildTextBasedChannel | undefined {
	const typed = wanted.trim();
	const id = /^<#(\d+)>$/.exec(typed)?.[1] ?? typed;
	const name = typed.replace(/^#/, '').toLowerCase();
	const channel =
		guild.channels.cache.get(id) ?? guild.channels.cache.find((candidate) => candidate.name.toLowerCase() === name && isText(candidate.type));
	return channel && isText(channel.type) ? (channel as GuildTextBasedChannel) : undefined;
}

function isText(type: ChannelType): boolean {
	return type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement;
}
