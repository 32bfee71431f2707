// Every server of the bot, on whichever gateway shard: a scheduled task, an HTTP request or an alert is handled by one process, which may hold only some of them, or none (PROCESS_ROLE=api).
import { container } from '@sapphire/framework';
import { DiscordAPIError, RESTJSONErrorCodes, type Client, type Guild } from 'discord.js';

/** How long a server read through REST (with its channels and roles) is reused: a burst of requests costs Discord two calls. */
const remoteGuildKeptMs = 15_000;
/** How long the list of the bot's servers read through REST is reused. */
const guildListKeptMs = 15_000;

const remoteGuilds = new Map<string, { guild: Promise<Guild | null>; until: number }>();
let guildList: { ids: Promise<string[]>; until: number } | undefined;

/** True when this process holds every gateway shard of the bot: its cache then knows every server. */
export function holdsEveryShard(client: Client = container.client): boolean {
	const held = new Set(client.ws.shards.keys());
	if (held.size === 0) return false;
	const shardCount = client.options.shardCount ?? 1;
	return [...Array(shardCount).keys()].every((shard) => held.has(shard));
}

/** The ids of every server the bot is in: this process's cache when it holds every shard, else Discord's REST API (`GET /users/@me/guilds`). */
export function botGuildIds(): Promise<string[]> {
	const client = container.client;
	if (holdsEveryShard(client)) return Promise.resolve([...client.guilds.cache.keys()]);
	if (!guildList || guildList.until < Date.now()) {
		const ids = listGuildIds(client);
		guildList = { ids, until: Date.now() + guildListKeptMs };
		ids.catch(() => (guildList = undefined));
	}
	return guildList.ids;
}

async function listGuildIds(client: Client): Promise<string[]> {
	const ids: string[] = [];
	let after: string | undefined;
	for (;;) {
		const page = await client.guilds.fetch({ limit: 200, ...(after ? { after } : {}) });
		ids.push(...page.keys());
		if (page.size < 200) return ids;
		after = page.lastKey();
	}
}

/**
 * A server of the bot with its channels and roles: this process's cached one when it holds its shard,
 * otherwise read through REST (the server, then its channels), left out of the cache of servers: its
 * events still belong to its own shard's process. Null when the bot is not in it.
 */
export function botGuild(guildId: string): Promise<Guild | null> {
	const cached = container.client.guilds.cache.get(guildId);
	if (cached) return Promise.resolve(cached);
	const kept = remoteGuilds.get(guildId);
	if (kept && kept.until >= Date.now()) return kept.guild;
	const guild = fetchGuild(guildId);
	remoteGuilds.set(guildId, { guild, until: Date.now() + remoteGuildKeptMs });
	guild.catch(() => remoteGuilds.delete(guildId));
	return guild;
}

async function fetchGuild(guildId: string): Promise<Guild | null> {
	try {
		const guild = await container.client.guilds.fetch({ guild: guildId, cache: false, force: true });
		await guild.channels.fetch(undefined, { cache: true });
		return guild;
	} catch (error) {
		const absent = error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.UnknownGuild || error.code === RESTJSONErrorCodes.MissingAccess || error.status === 404);
		if (absent) return null;
		throw error;
	}
}

/**
 * Every server of the bot: this process's from its cache, then the others through REST (see `botGuild`).
 */
export async function* everyGuild(): AsyncGenerator<Guild> {
	const client = container.client;
	const cached = [...client.guilds.cache.values()];
	yield* cached;
	if (holdsEveryShard(client)) return;
	const known = new Set(cached.map((guild) => guild.id));
	for (const guildId of await botGuildIds()) {
		if (known.has(guildId)) continue;
		const guild = await botGuild(guildId);
		if (guild) yield guild;
	}
}
