import { like, sql } from 'drizzle-orm';
import type { Cache } from '../cache/cache.ts';
import type { Db } from '../db/client.ts';
import { botConfig } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import { SharedSetting } from '../shared-setting.ts';

/** What admins set for one plugin: a bot-wide switch and per-guild switches that override it. */
export interface PluginSwitch {
	global: boolean | null;
	guilds: Record<string, boolean>;
}

const keyPrefix = 'plugins.';
const keySuffix = '.enabled';

const keyOf = (plugin: string) => `${keyPrefix}${plugin}${keySuffix}`;

/** Plugin on/off switches, one bot_config key per plugin, applied by every running instance without a restart. */
export class PluginSwitches extends SharedSetting<Record<string, PluginSwitch>> {
	constructor(db: Db, cache: Cache, logger: Logger) {
		super(db, cache, logger, 'plugins.switches', {});
	}

	get(plugin: string): PluginSwitch {
		return this.state[plugin] ?? { global: null, guilds: {} };
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
		await this.written();
	}

	protected async read(): Promise<Record<string, PluginSwitch>> {
		const rows = await this.db
			.select({ key: botConfig.key, value: botConfig.value })
			.from(botConfig)
			.where(like(botConfig.key, `${keyPrefix}%${keySuffix}`));
		const switches: Record<string, PluginSwitch> = {};
		for (const row of rows) {
			const value = row.value as Partial<PluginSwitch>;
			switches[row.key.slice(keyPrefix.length, -keySuffix.length)] = { global: typeof value.global === 'boolean' ? value.global : null, guilds: value.guilds ?? {} };
		}
		return switches;
	}
}
