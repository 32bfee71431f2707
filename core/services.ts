import type { Logger } from 'pino';
import type { ApiLogWriter } from './bot/http/api-log-writer.ts';
import type { Cache } from './cache/cache.ts';
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { Figures } from './figures.ts';
import type { coreSettingsSchema } from './guild-settings.ts';
import type { CommandSync } from './host/command-sync.ts';
import type { PluginHost } from './host/host.ts';
import type { SettingsStore } from './host/settings.ts';
import type { LogRing } from './log-ring.ts';
import type { MemberLocales } from './member-locales.ts';
import type { BotEvents } from './outgoing/events.ts';
import type { OutgoingNotifier } from './outgoing/notifier.ts';
import type { TaskScheduler } from './scheduler/scheduler.ts';

/** What every piece reaches through `this.container` besides Sapphire's own entries. */
declare module '@sapphire/pieces' {
	interface Container {
		config: Config;
		database: Database;
		db: Db;
		cache: Cache;
		plugins: PluginHost;
		/** Settings per server, of plugins and of the core (`guildSettings()`). */
		settings: SettingsStore;
		/** The core's own per-server settings schema (time zone, language). */
		coreSettings: ReturnType<typeof coreSettingsSchema>;
		/** Members' language choices (/langue). */
		memberLocales: MemberLocales;
		commandSync: CommandSync;
		scheduler: TaskScheduler;
		/** api_logs rows, written in batches. */
		apiLog: ApiLogWriter;
		/** The process's recent log lines (`GET /api/logs?source=process`). */
		logRing: LogRing;
		/** Summarised figures (dashboards' totals, /stats) kept until a write they summarise commits. */
		figures: Figures;
		/** Plugins' events (`emitBotEvent`), which the n8n triggers follow. */
		botEvents: BotEvents;
		/** Outgoing Discord webhooks and n8n triggers. */
		notifier: OutgoingNotifier;
		/** Structured logger; `container.logger` is Sapphire's adapter over the same pino instance. */
		pino: Logger;
	}
}
