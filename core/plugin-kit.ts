/**
 * Everything a plugin usually needs from the core, in one import:
 * `import { definePlugin, buildEmbed, respond } from '#core/plugin-kit.ts'`.
 */
import { container, type Piece } from '@sapphire/framework';
import type { Logger } from './log.ts';
import './services.ts';

export { definePlugin } from './host/manifest.ts';
export { extensionPoint, type ExtensionPoint } from './host/extension-points.ts';
export { defineMessages, getDefaultLocale, inEnglish, localeOf, type Locale } from './i18n.ts';
export { buildEmbed, errorEmbed, safeMentions, type EmbedKind } from './ui/embeds.ts';
export { respond, respondWithEmbed, type ResponsePayload } from './ui/respond.ts';
export * from './ui/kit.ts';
export { pluginDisabledIdentifier } from './bot/plugin-gate.ts';
export { monsterVersion } from './version.ts';

/** A logger whose every line carries the piece's plugin and name: `pluginLogger(this).info('…')`. */
export function pluginLogger(piece: Piece): Logger {
	return container.pino.child({ plugin: container.plugins.pluginOf(piece) ?? 'core', piece: piece.name });
}
