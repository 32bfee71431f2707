import { eq, sql } from 'drizzle-orm';
import type { Cache } from './cache/cache.ts';
import type { Db } from './db/client.ts';
import { botConfig } from './db/schema.ts';
import { locales, setChosenLocales, type Locale } from './i18n.ts';
import type { Logger } from './log.ts';

const key = 'members.locales';
const changeChannel = 'members.locales';

/**
 * Members' language choices (/langue), stored in bot_config and broadcast on the cache bus, so every
 * instance answers a member in their language, prefix commands and private messages included.
 */
export class MemberLocales {
	private unsubscribe?: () => Promise<void>;

	constructor(
		private readonly db: Db,
		private readonly cache: Cache,
		private readonly logger: Logger
	) {}

	async start(): Promise<void> {
		await this.refresh();
		this.unsubscribe = await this.cache.subscribe(changeChannel, () => void this.refresh());
	}

	async stop(): Promise<void> {
		await this.unsubscribe?.();
	}

	/** `null` forgets the choice: the member's Discord language applies again. */
	async set(userId: string, locale: Locale | null): Promise<void> {
		const value = locale === null ? sql`(${botConfig.value} - ${userId})` : sql`jsonb_set(${botConfig.value}, ${`{${userId}}`}::text[], ${JSON.stringify(locale)}::jsonb)`;
		await this.db.execute(sql`
			insert into ${botConfig} (key, value, updated_by) values (${key}, ${JSON.stringify(locale === null ? {} : { [userId]: locale })}::jsonb, ${userId})
			on conflict (key) do update set value = ${value}, updated_at = now(), updated_by = excluded.updated_by`);
		await this.refresh();
		await this.cache.publish(changeChannel, userId);
	}

	private async refresh(): Promise<void> {
		try {
			const [row] = await this.db.select({ value: botConfig.value }).from(botConfig).where(eq(botConfig.key, key));
			const choices = Object.entries((row?.value ?? {}) as Record<string, string>).filter((entry): entry is [string, Locale] =>
				(locales as readonly string[]).includes(entry[1])
			);
			setChosenLocales(choices);
		} catch (error) {
			this.logger.error({ err: error }, 'Could not read members’ language choices; keeping the previous ones');
		}
	}
}
