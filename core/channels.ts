/** Finding a server's text channel from a setting: an id, a name or `#name`, any case. */
import { ChannelType, type Guild, type GuildTextBasedChannel } from 'discord.js';

export function findTextChannel(guild: Guild, wanted: string): GuildTextBasedChannel | undefined {
	const name = wanted.replace(/^#/, '').toLowerCase();
	const channel =
		guild.channels.cache.get(wanted) ?? guild.channels.cache.find((candidate) => candidate.name.toLowerCase() === name && isText(candidate.type));
	return channel && isText(channel.type) ? (channel as GuildTextBasedChannel) : undefined;
}

function isText(type: ChannelType): boolean {
	return type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement;
}
