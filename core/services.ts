import type { Logger } from 'pino';
import type { Cache } from './cache/cache.ts';
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { CommandSync } from './host/command-sync.ts';
import type { PluginHost } from './host/host.ts';
import type { MemberLocales } from './member-locales.ts';
import type { TaskScheduler } from './scheduler/scheduler.ts';

/** What every piece reaches through `this.container` besides Sapphire's own entries. */
declare module '@sapphire/pieces' {
	interface Container {
		config: Config;
		database: Database;
		db: Db;
		cache: Cache;
		plugins: PluginHost;
		/** Members' language choices (/langue). */
		memberLocales: MemberLocales;
		commandSync: CommandSync;
		scheduler: TaskScheduler;
		/** Structured logger; `container.logger` is Sapphire's adapter over the same pino instance. */
		pino: Logger;
	}
}
