// The server an HTTP request is about: the one it names, or the bot's only one.
import { container } from '@sapphire/framework';

/** The guild named by the request, or the bot's only guild when it serves one; null when neither, or when `plugin` is off there. */
export function targetGuild(requested: string | undefined, plugin: string): string | null {
	const guilds = container.client.guilds.cache;
	const guildId = requested ?? (guilds.size === 1 ? guilds.firstKey() : undefined);
	return guildId && guilds.has(guildId) && container.plugins.isActive(plugin, guildId) ? guildId : null;
}

/** The 400 issue of a request whose guild cannot be served. */
export const guildIssue = (where: 'query' | 'body', path: string, plugin: string) => ({ in: where, path, message: `a server of the bot where ${plugin} is on` });
