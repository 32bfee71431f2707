// Logs the Discord gateway's health (errors, lost connections, reconnections, resumes): a few lines per outage, not one per retry.
import { Events, type Client } from 'discord.js';
import type { Logger } from '../log.ts';

/** The 1st, 2nd, 4th, 8th… occurrence: an outage of a thousand retries writes about ten lines. */
const worthALine = (count: number) => (count & (count - 1)) === 0;

interface Outage {
	errors: number;
	reconnects: number;
	lastError?: string;
}

/** Returns what stops the lines: destroying the client on shutdown closes its shards, which is no outage. */
export function logGatewayHealth(client: Client, logger: Logger): () => void {
	let stopped = false;
	const outages = new Map<number, Outage>();
	const outageOf = (shard: number) => {
		let outage = outages.get(shard);
		if (!outage) {
			outage = { errors: 0, reconnects: 0 };
			outages.set(shard, outage);
		}
		return outage;
	};
	const ended = (shard: number) => {
		const outage = outages.get(shard);
		outages.delete(shard);
		return { reconnects: outage?.reconnects ?? 0, errors: outage?.errors ?? 0 };
	};

	client.on(Events.ShardError, (error, shard) => {
		if (stopped) return;
		const outage = outageOf(shard);
		outage.errors += 1;
		outage.lastError = error.message;
		if (worthALine(outage.errors)) {
			logger.warn({ shard, errors: outage.errors }, `Discord gateway error: ${error.message}`);
		}
	});
	client.on(Events.ShardReconnecting, (shard) => {
		if (stopped) return;
		const outage = outageOf(shard);
		outage.reconnects += 1;
		if (worthALine(outage.reconnects)) {
			logger.warn(
				{ shard, reconnects: outage.reconnects, lastError: outage.lastError },
				outage.reconnects === 1 ? 'Discord gateway connection lost; reconnecting' : 'Discord gateway still unreachable; reconnecting'
			);
		}
	});
	client.on(Events.ShardResume, (shard, replayed) => {
		if (stopped) return;
		logger.info({ shard, replayed, ...ended(shard) }, 'Discord gateway session resumed');
	});
	client.on(Events.ShardReady, (shard) => {
		if (stopped) return;
		if (outages.has(shard)) logger.info({ shard, ...ended(shard) }, 'Discord gateway connected again');
	});
	client.on(Events.ShardDisconnect, (event, shard) => {
		if (stopped) return;
		outages.delete(shard);
		logger.error({ shard, code: event.code }, 'Discord gateway closed the connection for good; the bot no longer receives events');
	});
	return () => {
		stopped = true;
	};
}
