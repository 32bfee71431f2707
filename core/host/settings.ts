/**
 * Settings per server, like Red's `Config.register_guild`: an owner (a plugin, or the core) declares
 * a zod schema whose defaults apply everywhere; the bot may override any key, a server may override
 * any key again. Overrides live in bot_config, are validated with the owner's schema on every write
 * and every read, and reach every instance within a second without a reload (a SharedSetting).
 */
import { inArray, like, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Cache } from '../cache/cache.ts';
import type { Db } from '../db/client.ts';
import { botConfig } from '../db/schema.ts';
import type { Locale } from '../i18n.ts';
import type { Logger } from '../log.ts';
import { SharedSetting } from '../shared-setting.ts';

export type Overrides = Record<string, unknown>;

/** What admins set for one owner: bot-wide values and per-server values that win over them. */
export interface ScopedOverrides {
	global: Overrides;
	guilds: Record<string, Overrides>;
}

/** The core's own per-server settings; `core` is therefore not a valid plugin name. */
export const coreSettingsOwner = 'core';

/** Where an owner's overrides are stored: `plugins.tasks.settings`, `plugins.tasks.settings.<guild id>`, `core.settings…`. */
export function settingsKey(owner: string, guildId?: string | null): string {
	const base = owner === coreSettingsOwner ? 'core.settings' : `plugins.${owner}.settings`;
	return guildId ? `${base}.${guildId}` : base;
}

const storedKey = /^(?:plugins\.([a-z][a-z0-9-]{1,31})|(core))\.settings(?:\.(\d+))?$/;

/** A refused write: one entry per field, with zod's message. */
export class SettingsError extends Error {
	readonly owner: string;
	readonly issues: { key: string; message: string }[];

	constructor(
		owner: string,
		issues: { key: string; message: string }[]
	) {
		super(`invalid settings: ${issues.map((issue) => `${issue.key || 'settings'}: ${issue.message}`).join('; ')}`);
		this.owner = owner;
		this.issues = issues;
	}
}

/**
 * A settings schema's own message in each language, for a check zod has no words for:
 * `.refine(check, inEachLanguage({ fr: 'au moins un salon texte', en: 'at least one text channel' }))`.
 * A plain string message stays as written, whatever the reader's language.
 */
export function inEachLanguage(messages: Record<Locale, string>): { params: { messages: Record<Locale, string> } } {
	return { params: { messages } };
}

/** zod's own messages, and those given with `inEachLanguage`, in one language. */
function messagesIn(locale: Locale, zodOwn: z.core.$ZodErrorMap): z.core.$ZodErrorMap {
	return (issue) => {
		const own = issue.code === 'custom' ? (issue.params as { messages?: Record<Locale, string> } | undefined)?.messages?.[locale] : undefined;
		return own ?? zodOwn(issue);
	};
}

/** The messages of a refused setting in each language the bot speaks. */
export const zodMessages: Record<Locale, z.core.$ZodErrorMap> = { fr: messagesIn('fr', z.locales.fr().localeError), en: messagesIn('en', z.locales.en().localeError) };

export function issuesOf(error: z.ZodError): { key: string; message: string }[] {
	return error.issues.map((issue) => ({ key: issue.path.join('.'), message: issue.message }));
}

/** The keys a settings schema declares (an object schema, possibly wrapped in a transform or a default). */
export function settingKeys(schema: z.ZodType): string[] {
	const shape = objectShape(schema);
	return shape ? Object.keys(shape) : [];
}

/** The schema of one key (`reminderHour` → its `z.number()…`), or undefined for a key the schema does not declare. */
export function settingField(schema: z.ZodType, key: string): z.ZodType | undefined {
	const shape = objectShape(schema);
	return shape && Object.hasOwn(shape, key) ? shape[key] : undefined;
}

/**
 * Marks a setting that holds a secret (a webhook URL carries its token): `/config`, the audit log, the
 * log channel and `/auditserveur` show that it is set, never its value.
 */
export function secretSetting<T extends z.ZodType>(field: T): T {
	return field.meta({ secret: true }) as T;
}

export function isSecretSetting(schema: z.ZodType, key: string): boolean {
	const field = settingField(schema, key);
	return field !== undefined && z.globalRegistry.get(field)?.secret === true;
}

/**
 * Marks a setting naming one of the server's text channels (an id, a name or `#name`): `/config` says so when
 * no such channel exists, since what the plugin posts there would otherwise go nowhere without a word.
 */
export function channelSetting<T extends z.ZodType>(field: T): T {
	return field.meta({ channel: true }) as T;
}

export function isChannelSetting(schema: z.ZodType, key: string): boolean {
	const field = settingField(schema, key);
	return field !== undefined && z.globalRegistry.get(field)?.channel === true;
}

/** What may be shown of a value: a secret's value is replaced by a mark saying whether it is set. */
export function shownSettingValue(schema: z.ZodType, key: string, value: unknown): unknown {
	return isSecretSetting(schema, key) && value !== undefined && value !== null ? '••••••' : value;
}

/** Every key of a resolved settings object, secrets masked. */
export function shownSettings(schema: z.ZodType, values: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, shownSettingValue(schema, key, value)]));
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
	if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
	const inner = (schema as { def?: { in?: z.ZodType; innerType?: z.ZodType; schema?: z.ZodType } }).def;
	const next = inner?.in ?? inner?.innerType ?? inner?.schema;
	return next ? objectShape(next) : undefined;
}

export class SettingsStore extends SharedSetting<Record<string, ScopedOverrides>> {
	private readonly resolved = new Map<string, unknown>();
	private readonly warned = new Set<string>();

	private readonly log: Logger;

	constructor(
		db: Db,
		cache: Cache,
		log: Logger
	) {
		super(db, cache, log, 'settings', {});
		this.log = log;
		this.onChange(() => {
			this.resolved.clear();
			this.warned.clear();
		});
	}

	overrides(owner: string): ScopedOverrides {
		return this.state[owner] ?? { global: {}, guilds: {} };
	}

	/**
	 * The bot-wide value, checked: a plugin whose stored bot-wide settings do not fit its schema is not
	 * loaded (the error says which key is wrong).
	 */
	checkGlobal<S extends z.ZodType>(owner: string, schema: S): z.output<S> {
		const result = schema.safeParse(this.overrides(owner).global, { error: zodMessages.en });
		if (!result.success) throw new SettingsError(owner, issuesOf(result.error));
		return result.data;
	}

	/**
	 * The settings that apply in a server (or bot-wide without one): defaults, then the bot's values,
	 * then the server's. A server's values that no longer fit the schema (written by hand, or by an
	 * older version) are ignored with a warning, and the bot-wide ones apply.
	 */
	resolve<S extends z.ZodType>(owner: string, schema: S, guildId?: string | null): z.output<S> {
		const cacheKey = `${owner}|${guildId ?? ''}`;
		if (this.resolved.has(cacheKey)) return this.resolved.get(cacheKey) as z.output<S>;
		const { global, guilds } = this.overrides(owner);
		const forGuild = guildId ? guilds[guildId] : undefined;
		let value: z.output<S>;
		const merged = schema.safeParse({ ...global, ...forGuild }, { error: zodMessages.en });
		if (merged.success) value = merged.data;
		else {
			if (!this.warned.has(cacheKey)) {
				this.warned.add(cacheKey);
				this.log.warn({ owner, guildId, issues: issuesOf(merged.error) }, 'Stored settings do not fit the schema; using the bot-wide values');
			}
			const bare = schema.safeParse(forGuild ? global : {});
			value = bare.success ? bare.data : schema.parse({});
		}
		this.resolved.set(cacheKey, value);
		return value;
	}

	/**
	 * Sets one key, bot-wide (no guild) or for one server, after checking the result with the schema;
	 * a refusal's messages are in `locale` (English by default: they are also logged).
	 */
	async set(
		owner: string,
		schema: z.ZodType,
		key: string,
		value: unknown,
		options: { guildId?: string | null; actor: string; locale?: Locale }
	): Promise<void> {
		this.refuseUnknownKey(owner, schema, key);
		const { global, guilds } = this.overrides(owner);
		const scope = options.guildId ? { ...global, ...guilds[options.guildId], [key]: value } : { ...global, [key]: value };
		const result = schema.safeParse(scope, { error: zodMessages[options.locale ?? 'en'] });
		if (!result.success) throw new SettingsError(owner, issuesOf(result.error));
		const storageKey = settingsKey(owner, options.guildId);
		// One atomic statement: two admins setting different keys at once must not overwrite each other.
		await this.db.execute(sql`
			insert into ${botConfig} (key, value, updated_by)
			values (${storageKey}, jsonb_build_object(${key}::text, ${JSON.stringify(value)}::jsonb), ${options.actor})
			on conflict (key) do update set
				value = ${botConfig.value} || excluded.value,
				updated_at = now(),
				updated_by = excluded.updated_by`);
		await this.written();
	}

	/** Removes one key's value at that level: the server falls back to the bot's value, the bot to the default. */
	async reset(owner: string, schema: z.ZodType, key: string, options: { guildId?: string | null; actor: string }): Promise<void> {
		this.refuseUnknownKey(owner, schema, key);
		await this.db.execute(sql`
			update ${botConfig} set value = value - ${key}::text, updated_at = now(), updated_by = ${options.actor}
			where key = ${settingsKey(owner, options.guildId)}`);
		await this.written();
	}

	/** Forgets every value a server set (the server left, or its data is erased). */
	async forgetGuild(guildId: string): Promise<void> {
		const keys = Object.keys(this.state).map((owner) => settingsKey(owner, guildId));
		if (keys.length === 0) return;
		await this.db.delete(botConfig).where(inArray(botConfig.key, keys));
		await this.written();
	}

	protected async read(): Promise<Record<string, ScopedOverrides>> {
		const rows = await this.db
			.select({ key: botConfig.key, value: botConfig.value })
			.from(botConfig)
			.where(or(like(botConfig.key, 'plugins.%.settings%'), like(botConfig.key, 'core.settings%')));
		const state: Record<string, ScopedOverrides> = {};
		for (const row of rows) {
			const match = storedKey.exec(row.key);
			if (!match || typeof row.value !== 'object' || row.value === null || Array.isArray(row.value)) continue;
			const owner = match[1] ?? match[2]!;
			const entry = (state[owner] ??= { global: {}, guilds: {} });
			if (match[3]) entry.guilds[match[3]] = row.value as Overrides;
			else entry.global = row.value as Overrides;
		}
		return state;
	}

	private refuseUnknownKey(owner: string, schema: z.ZodType, key: string): void {
		const keys = settingKeys(schema);
		if (!keys.includes(key)) throw new SettingsError(owner, [{ key, message: `unknown setting; known: ${keys.join(', ') || 'none'}` }]);
	}
}
