// Every server of the bot, on whichever gateway shard: a scheduled task runs on one process, which may hold only some of them.
import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';

/**
 * This process's servers from its cache, then, when other processes hold other shards, the rest
 * through Discord's REST API (`GET /users/@me/guilds`, then each server and its channels), left out
 * of this process's cache of servers: their events still belong to their own shard's process.
 */
export async function* everyGuild(): AsyncGenerator<Guild> {
	const client = container.client;
	const cached = [...client.guilds.cache.values()];
	yield* cached;
	const heldHere = new Set(client.ws.shards.keys());
	const shardCount = client.options.shardCount ?? 1;
	if ([...Array(shardCount).keys()].every((shard) => heldHere.has(shard))) return;
	const known = new Set(cached.map((guild) => guild.id));
	let after: string | undefined;
	for (;;) {
		const page = await client.guilds.fetch({ limit: 200, ...(after ? { after } : {}) });
		for (const summary of page.values()) {
			if (known.has(summary.id)) continue;
			const guild = await client.guilds.fetch({ guild: summary.id, cache: false });
			await guild.channels.fetch(undefined, { cache: true });
			yield guild;
		}
		if (page.size < 200) return;
		after = page.lastKey();
	}
}
