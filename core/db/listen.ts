// LISTEN on PostgreSQL through a connection of its own (a pooled one would be handed to queries), reconnecting after a loss.
import type { Logger } from '../log.ts';

/** What a listener is told: each notification's payload, and when it starts or stops hearing them. */
export interface NotificationHandler {
	notify(payload: string): void;
	/** False while the connection is down (notifications are then lost), true once listening again. */
	live?(live: boolean): void;
}

export interface Listening {
	stop(): Promise<void>;
}

const retryDelaysMs = [250, 1_000, 5_000, 15_000];

/** Listens on `channel` until stopped; a lost connection is reopened after 0.25, 1, 5 then every 15 s. */
export async function listenPostgres(url: string, channel: string, handler: NotificationHandler, logger?: Logger): Promise<Listening> {
	const { default: pg } = await import('pg');
	let stopped = false;
	let client: InstanceType<typeof pg.Client> | undefined;
	let retry: NodeJS.Timeout | undefined;
	let failures = 0;

	const connect = async (): Promise<void> => {
		const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
		next.on('notification', (message) => {
			if (message.channel === channel) handler.notify(message.payload ?? '');
		});
		next.on('error', (error) => lost(next, error));
		next.on('end', () => lost(next));
		client = next;
		await next.connect();
		await next.query(`LISTEN ${escapeIdentifier(channel)}`);
		if (stopped) return;
		failures = 0;
		handler.live?.(true);
	};

	const lost = (which: InstanceType<typeof pg.Client>, error?: Error): void => {
		if (stopped || client !== which) return;
		client = undefined;
		which.removeAllListeners('end');
		which.end().catch(() => undefined);
		handler.live?.(false);
		const delay = retryDelaysMs[Math.min(failures, retryDelaysMs.length - 1)]!;
		failures++;
		logger?.warn({ err: error, channel, retryInMs: delay }, 'PostgreSQL notifications lost, reconnecting');
		retry = setTimeout(() => {
			retry = undefined;
			connect().catch((reason: unknown) => {
				if (client) lost(client, reason as Error);
			});
		}, delay);
	};

	try {
		await connect();
	} catch (error) {
		stopped = true;
		await client?.end().catch(() => undefined);
		throw error;
	}
	return {
		async stop() {
			stopped = true;
			clearTimeout(retry);
			const last = client;
			client = undefined;
			await last?.end().catch(() => undefined);
		}
	};
}

function escapeIdentifier(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}
