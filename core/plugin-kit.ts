/**
 * Everything a plugin usually needs from the core, in one import:
 * `import { definePlugin, buildEmbed, respond } from '#core/plugin-kit.ts'`.
 */
import { container, type Piece } from '@sapphire/framework';
import type { PluginContext } from './host/context.ts';
import type { Logger } from './log.ts';
import './services.ts';

export { definePlugin, pluginDescription } from './host/manifest.ts';
export { channelSetting, inEachLanguage } from './host/settings.ts';
export type { PluginContext } from './host/context.ts';
export { guildSettings, guildTimeZone } from './guild-settings.ts';
export { findTextChannel } from './channels.ts';
export { everyMember, findMember } from './member-lookup.ts';
export { botGuild, botGuildIds, everyGuild } from './bot-guilds.ts';
export { channelReference, embedInput, postedMessage, postToChannel, type ChannelPostOutcome } from './channel-post.ts';
export { postAlert, postToLogChannel, type Notice } from './notices.ts';
export { jsonHolds, jsonWithout, memberData, memberPlaceholder, textHolds, textWithout, type MemberDataHandler, type MemberRef } from './member-data.ts';
export { healthChecks, type HealthCheck, type HealthReport } from './health.ts';
export { extensionPoint, type ExtensionPoint } from './host/extension-points.ts';
export { emitBotEvent, type BotEvent } from './outgoing/events.ts';
export { addDays, extractTrailingDueDate, parseDay, parseDayTime, startOfDay, todayIn, type DayParse, type DayReading, type DayTime, type DayTimeParse, type TimeOfDay } from './days.ts';
export { calendarDay, dateInWords, defineMessages, getDefaultLocale, inEnglish, intlLocale, labelled, localeOf, relativeDay, type Locale } from './i18n.ts';
export { buildEmbed, errorEmbed, safeMentions, type EmbedKind } from './ui/embeds.ts';
export { fitLines } from './ui/fit-lines.ts';
export { respond, respondWithEmbed, type ResponsePayload } from './ui/respond.ts';
export * from './ui/kit.ts';
export { pluginDisabledIdentifier } from './bot/plugin-gate.ts';
export { matrixDecision } from './bot/permission-matrix-precondition.ts';
export { categoryKinds, permissionBits, refersTo, isEveryone, type CategoryKind, type OverwriteRule, type PermissionMatrix } from './permission-matrix.ts';
export { monsterVersion } from './version.ts';
export { botFigures, type BotFigures, type ShardFigure } from './shard-figures.ts';
export { refuseGuild, targetGuild } from './bot/http/target-guild.ts';
export { inputOf, type ResponseSpec, type RouteSchema } from './bot/http/route-spec.ts';
export { missingFieldMessage } from './bot/http/request-input.ts';
export { scopes, type Scope } from './bot/http/scopes.ts';
export { apiActor } from './bot/http/api-callers.ts';
export { clientAddress } from './bot/http/client-address.ts';
export { jsonWithoutNul, withoutNul } from './db/nul.ts';

/**
 * The context of the plugin a piece belongs to: `pluginOf<TasksSettings>(this).settings(guildId)`.
 * Throws for a piece that belongs to no running plugin (the core's own pieces).
 */
export function pluginOf<Settings = unknown>(piece: Piece): PluginContext<Settings> {
	const context = container.plugins.contextOf<Settings>(piece);
	if (!context) throw new Error(`piece "${piece.name}" belongs to no running plugin`);
	return context;
}

/** A logger whose every line carries the piece's plugin and name: `pluginLogger(this).info('…')`. */
export function pluginLogger(piece: Piece): Logger {
	return container.pino.child({ plugin: container.plugins.pluginOf(piece) ?? 'core', piece: piece.name });
}
