// The server an HTTP request is about: the one it names, or the bot's only one; from any process, whichever shards it holds.
import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import { botGuild, botGuildIds } from '../../bot-guilds.ts';
import { callerMayActOn } from './session.ts';

/**
 * The guild named by the request, or the bot's only guild when it serves one; null when neither, when
 * the bot is not in it, when `plugin` is off there, or when the caller is a dashboard session limited to
 * other servers. Read through Discord's REST API when this process
 * does not hold the guild's shard (or no shard: `PROCESS_ROLE=api`), so any process answers.
 */
export async function targetGuild(request: ApiRequest, requested: string | undefined, plugin: string): Promise<Guild | null> {
	const guildId = requested ?? (await onlyGuildId());
	// A dashboard session limited to the servers its member administers reaches no other.
	if (!guildId || !callerMayActOn(request, guildId) || !container.plugins.isActive(plugin, guildId)) return null;
	return botGuild(guildId);
}

async function onlyGuildId(): Promise<string | undefined> {
	const ids = await botGuildIds();
	return ids.length === 1 ? ids[0] : undefined;
}

/** The 400 issue of a request whose guild cannot be served. */
const guildIssue = (where: 'query' | 'body', path: string, plugin: string) => ({ in: where, path, message: `a server of the bot where ${plugin} is on` });

/**
 * Answers a request for which `targetGuild` found nothing: 404, as every route of a switched-off plugin, when the
 * guild is the bot's and `plugin` is off there; otherwise 400 naming the field to fix.
 */
export async function refuseGuild(request: ApiRequest, response: ApiResponse, requested: string | undefined, where: 'query' | 'body', path: string, plugin: string): Promise<void> {
	const guildId = requested ?? (await onlyGuildId());
	const switchedOff = guildId !== undefined && callerMayActOn(request, guildId) && !container.plugins.isActive(plugin, guildId) && (await botGuild(guildId)) !== null;
	if (switchedOff) response.status(404).json({ error: 'Not Found' });
	else response.status(400).json({ error: 'Invalid request', issues: [guildIssue(where, path, plugin)] });
}
