/**
 * The core's own settings per server: its time zone and language. TZ_DEFAULT and LOCALE_DEFAULT are
 * the defaults; `/config` (admin plugin) overrides them bot-wide or per server through the same
 * settings store as plugins' settings.
 */
import { container } from '@sapphire/framework';
import { z } from 'zod';
import { locales, type Locale } from './i18n.ts';
import { channelSetting, coreSettingsOwner, secretSetting } from './host/settings.ts';
import { permissionMatrixSchema } from './permission-matrix.ts';

/** Whether Intl knows the zone: `Europe/Paris`, `UTC`… */
export function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/**
 * `europe/paris` as `Europe/Paris`. A link's name is kept as typed: Intl would answer the zone it points to
 * (`America/Toronto` for `America/Montreal`), which is not the name the admin chose.
 */
function spelledAsIntl(zone: string): string {
	if (!isTimeZone(zone)) return zone;
	const resolved = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
	return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
}

export function coreSettingsSchema(defaults: { timeZone: string; locale: Locale }) {
	return z.object({
		/** Wall-clock zone of the server: dates typed by members, "today", schedules. */
		timezone: z
			.string()
			.refine(isTimeZone, 'un fuseau horaire IANA, par exemple Europe/Paris')
			// Intl reads `europe/paris` too: kept as Intl spells it, as /config and the dashboard then show it.
			.overwrite(spelledAsIntl)
			.default(defaults.timeZone),
		/** Language of the bot's answers when the member chose none and Discord says none (prefix commands). */
		locale: z.enum(locales as [Locale, ...Locale[]]).default(defaults.locale),
		/** Where admin actions, moderation and refusals are reported (channel id or name); empty: nowhere. */
		logChannel: channelSetting(z.string().max(100).default('logs')),
		/** Where health changes and failures are reported; unset: the log channel. */
		alertsChannel: channelSetting(z.string().min(1).max(100).optional()),
		/** Who may run which commands where, and the overwrites of each kind of category (docs/permissions.md). */
		permissions: permissionMatrixSchema.prefault({}),
		/** Discord webhook URLs receiving this server's log and alerts notices (else DISCORD_LOG_WEBHOOK_URL, DISCORD_ALERTS_WEBHOOK_URL). */
		logWebhook: secretSetting(z.url({ protocol: /^https?$/ }).optional()),
		alertsWebhook: secretSetting(z.url({ protocol: /^https?$/ }).optional()),
		/** n8n trigger URL for this server's events (else N8N_EVENTS_URL). */
		n8nEventsUrl: secretSetting(z.url({ protocol: /^https?$/ }).optional())
	});
}

export type CoreSettings = z.output<ReturnType<typeof coreSettingsSchema>>;

/** The core settings that apply in a server (bot-wide without one). */
export function guildSettings(guildId?: string | null): CoreSettings {
	const schema = container.coreSettings;
	if (!schema) return {
			timezone: container.config?.TZ_DEFAULT ?? 'Europe/Paris',
			locale: container.config?.LOCALE_DEFAULT ?? 'fr',
			logChannel: 'logs',
			permissions: permissionMatrixSchema.parse({})
		};
	return container.settings.resolve(coreSettingsOwner, schema, guildId);
}

/** The server's time zone: `guildTimeZone(interaction.guildId)`. */
export function guildTimeZone(guildId?: string | null): string {
	return guildSettings(guildId).timezone;
}
