import { eq, sql } from 'drizzle-orm';
import type { Cache } from './cache/cache.ts';
import type { Db } from './db/client.ts';
import { botConfig } from './db/schema.ts';
import { locales, setChosenLocales, type Locale } from './i18n.ts';
import type { Logger } from './log.ts';
import { SharedSetting } from './shared-setting.ts';

const key = 'members.locales';

/**
 * Members' language choices (/langue), one bot_config key, applied by every instance so a member is
 * answered in their language everywhere, prefix commands and private messages included.
 */
export class MemberLocales extends SharedSetting<Record<string, Locale>> {
	constructor(db: Db, cache: Cache, logger: Logger) {
		super(db, cache, logger, 'members.locales', {});
		this.onChange(() => setChosenLocales(Object.entries(this.state)));
	}

	/** The language the member chose with /langue, if any. */
	chosen(userId: string): Locale | undefined {
		return this.state[userId];
	}

	/** `null` forgets the choice: the member's Discord language applies again. */
	async set(userId: string, locale: Locale | null): Promise<void> {
		const value = locale === null ? sql`(${botConfig.value} - ${userId})` : sql`jsonb_set(${botConfig.value}, ${`{${userId}}`}::text[], ${JSON.stringify(locale)}::jsonb)`;
		await this.db.execute(sql`
			insert into ${botConfig} (key, value, updated_by) values (${key}, ${JSON.stringify(locale === null ? {} : { [userId]: locale })}::jsonb, ${userId})
			on conflict (key) do update set value = ${value}, updated_at = now(), updated_by = excluded.updated_by`);
		await this.written();
	}

	protected async read(): Promise<Record<string, Locale>> {
		const [row] = await this.db.select({ value: botConfig.value }).from(botConfig).where(eq(botConfig.key, key));
		const choices = Object.entries((row?.value ?? {}) as Record<string, string>);
		return Object.fromEntries(choices.filter((entry): entry is [string, Locale] => (locales as readonly string[]).includes(entry[1])));
	}
}
