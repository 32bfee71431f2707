import { like, sql } from 'drizzle-orm';
import type { Cache } from '../cache/cache.ts';
import type { Db } from '../db/client.ts';
import { botConfig } from '../db/schema.ts';
import type { Logger } from '../log.ts';

/** What admins set for one plugin: a bot-wide switch and per-guild switches that override it. */
export interface PluginSwitch {
	global: boolean | null;
	guilds: Record<string, boolean>;
}

const keyPrefix = 'plugins.';
const keySuffix = '.enabled';
const changeChannel = 'plugins.switches';
/** Safety net for an instance that missed a broadcast (Redis restart): re-read every so often. */
const refreshEveryMs = 30_000;

const keyOf = (plugin: string) => `${keyPrefix}${plugin}${keySuffix}`;

/**
 * Plugin on/off switches, stored in `bot_config` and broadcast on the cache bus so that every
 * running instance applies a change within a second, without a restart.
 */
export class PluginSwitches {
	private switches = new Map<string, PluginSwitch>();
	private readonly listeners = new Set<() => void>();
	private unsubscribe?: () => Promise<void>;
	private refreshTimer?: NodeJS.Timeout;
	/** Reads started and the newest applied: a slow read must not put back switches older than a newer one. */
	private readsStarted = 0;
	private newestApplied = 0;

	constructor(
		private readonly db: Db,
		private readonly cache: Cache,
		private readonly logger: Logger
	) {}

	async start(): Promise<void> {
		await this.refresh();
		this.unsubscribe = await this.cache.subscribe(changeChannel, () => void this.refresh());
		this.refreshTimer = setInterval(() => void this.refresh(), refreshEveryMs).unref();
	}

	async stop(): Promise<void> {
		clearInterval(this.refreshTimer);
		await this.unsubscribe?.();
	}

	get(plugin: string): PluginSwitch {
		return this.switches.get(plugin) ?? { global: null, guilds: {} };
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Sets the bot-wide switch (no guild) or one guild's switch; `null` removes a guild override. */
	async set(plugin: string, enabled: boolean | null, options: { guildId?: string; actor: string }): Promise<void> {
		const path = options.guildId ? `{guilds,${options.guildId}}` : '{global}';
		const initial = JSON.stringify({ global: null, guilds: {} });
		// One atomic statement: two admins switching different guilds at once must not overwrite each other.
		await this.db.execute(sql`
			insert into ${botConfig} (key, value, updated_by)
			values (${keyOf(plugin)}, jsonb_set(${initial}::jsonb, ${path}::text[], ${JSON.stringify(enabled)}::jsonb), ${options.actor})
			on conflict (key) do update set
				value = jsonb_set(${botConfig.value}, ${path}::text[], ${JSON.stringify(enabled)}::jsonb),
				updated_at = now(),
				updated_by = excluded.updated_by`);
		if (options.guildId && enabled === null) {
			await this.db.execute(sql`
				update ${botConfig} set value = value #- ${path}::text[] where key = ${keyOf(plugin)}`);
		}
		await this.refresh();
		await this.cache.publish(changeChannel, plugin);
	}

	private async refresh(): Promise<void> {
		const read = ++this.readsStarted;
		try {
			const rows = await this.db
				.select({ key: botConfig.key, value: botConfig.value })
				.from(botConfig)
				.where(like(botConfig.key, `${keyPrefix}%${keySuffix}`));
			const next = new Map<string, PluginSwitch>();
			for (const row of rows) {
				const plugin = row.key.slice(keyPrefix.length, -keySuffix.length);
				const value = row.value as Partial<PluginSwitch>;
				next.set(plugin, { global: typeof value.global === 'boolean' ? value.global : null, guilds: value.guilds ?? {} });
			}
			if (read < this.newestApplied) return;
			this.newestApplied = read;
			const changed = JSON.stringify([...next]) !== JSON.stringify([...this.switches]);
			this.switches = next;
			if (changed) for (const listener of this.listeners) listener();
		} catch (error) {
			this.logger.error({ err: error }, 'Could not read plugin switches; keeping the previous ones');
		}
	}
}
