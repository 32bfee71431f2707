// Each process publishes its gateway shards' figures in the shared cache, with a TTL, so a command answered by one process can speak for the whole bot.
import { hostname } from 'node:os';
import { container } from '@sapphire/framework';
import { Status, type Client } from 'discord.js';
import type { Cache } from './cache/cache.ts';
import type { Logger } from './log.ts';

/** One shard as the process holding it last saw it. */
export interface ShardFigure {
	shard: number;
	ready: boolean;
	guilds: number;
	members: number;
	/** Heartbeat round trip; -1 before the first one. */
	pingMs: number;
	/** Which process holds it: host name and pid. */
	process: string;
	/** The components failing in that process at its last health probe (`database`, `messageLog`…): what the alerting process adds to its own. */
	failing: string[];
}

/** The whole bot: every shard, whichever process holds it. */
export interface BotFigures {
	shardCount: number;
	/** Shards whose figures were found (held by a live process that published lately). */
	shards: ShardFigure[];
	/** Shard ids nobody published for: their process is down or has not connected yet. */
	missing: number[];
	ready: number;
	guilds: number;
	members: number;
	/** Mean heartbeat round trip of the shards that have one. */
	pingMs: number;
}

const publishEveryMs = 10_000;
/** Three missed publications: the shard is counted as missing. */
const figureTtlMs = 3 * publishEveryMs;

const keyOf = (shardCount: number, shard: number) => `shards.figures.${shardCount}.${shard}`;
const processName = `${hostname()}:${process.pid}`;

let processFailing: string[] = [];

/** What this process's last health probe found failing, published with its shards' figures. */
export function setProcessFailing(failing: string[]): void {
	processFailing = failing;
}

/** The shards this process holds, measured now. */
export function ownShardFigures(client: Client): ShardFigure[] {
	return client.ws.shards.map((shard) => {
		const guilds = client.guilds.cache.filter((guild) => guild.shardId === shard.id);
		return {
			shard: shard.id,
			ready: shard.status === Status.Ready,
			guilds: guilds.size,
			members: guilds.reduce((sum, guild) => sum + guild.memberCount, 0),
			pingMs: shard.ping,
			process: processName,
			failing: processFailing
		};
	});
}

/** Publishes this process's shards now and every 10 s; returns the stop function. */
export function publishShardFigures(client: Client, cache: Cache, logger: Logger): () => Promise<void> {
	const publish = async () => {
		const shardCount = client.options.shardCount ?? 1;
		try {
			await Promise.all(ownShardFigures(client).map((figure) => cache.setJson(keyOf(shardCount, figure.shard), figure, figureTtlMs)));
		} catch (error) {
			logger.warn({ err: error }, 'Shard figures not published');
		}
	};
	void publish();
	const timer = setInterval(() => void publish(), publishEveryMs);
	timer.unref();
	return async () => {
		clearInterval(timer);
		// Gone now rather than in 30 s: the other processes count these shards as missing at once.
		const shardCount = client.options.shardCount ?? 1;
		await cache.delete(...client.ws.shards.map((shard) => keyOf(shardCount, shard.id))).catch(() => undefined);
	};
}

/** Every shard's figures: this process's measured now, the others' from the cache. */
export async function botFigures(): Promise<BotFigures> {
	const { client, cache } = container;
	const shardCount = client.options.shardCount ?? 1;
	const own = new Map(ownShardFigures(client).map((figure) => [figure.shard, figure]));
	const shards: ShardFigure[] = [];
	const missing: number[] = [];
	for (let shard = 0; shard < shardCount; shard += 1) {
		const figure = own.get(shard) ?? (await cache.getJson<ShardFigure>(keyOf(shardCount, shard)));
		if (figure) shards.push(figure);
		else missing.push(shard);
	}
	const pings = shards.filter((figure) => figure.pingMs >= 0).map((figure) => figure.pingMs);
	return {
		shardCount,
		shards,
		missing,
		ready: shards.filter((figure) => figure.ready).length,
		guilds: shards.reduce((sum, figure) => sum + figure.guilds, 0),
		members: shards.reduce((sum, figure) => sum + figure.members, 0),
		pingMs: pings.length > 0 ? Math.round(pings.reduce((a, b) => a + b) / pings.length) : -1
	};
}
