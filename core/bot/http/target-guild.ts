// The server an HTTP request is about: the one it names, or the bot's only one; from any process, whichever shards it holds.
import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { botGuild, botGuildIds } from '../../bot-guilds.ts';

/**
 * The guild named by the request, or the bot's only guild when it serves one; null when neither, when
 * the bot is not in it, or when `plugin` is off there. Read through Discord's REST API when this process
 * does not hold the guild's shard (or no shard: `PROCESS_ROLE=api`), so any process answers.
 */
export async function targetGuild(requested: string | undefined, plugin: string): Promise<Guild | null> {
	const guildId = requested ?? (await onlyGuildId());
	if (!guildId || !container.plugins.isActive(plugin, guildId)) return null;
	return botGuild(guildId);
}

async function onlyGuildId(): Promise<string | undefined> {
	const ids = await botGuildIds();
	return ids.length === 1 ? ids[0] : undefined;
}

/** The 400 issue of a request whose guild cannot be served. */
export const guildIssue = (where: 'query' | 'body', path: string, plugin: string) => ({ in: where, path, message: `a server of the bot where ${plugin} is on` });
