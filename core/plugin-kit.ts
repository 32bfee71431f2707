/**
 * Everything a plugin usually needs from the core, in one import:
 * `import { definePlugin, buildEmbed, respond } from '#core/plugin-kit.ts'`.
 */
export { definePlugin } from './host/manifest.ts';
export { defineMessages, localeOf, getDefaultLocale, type Locale } from './i18n.ts';
export { buildEmbed, errorEmbed, safeMentions, type EmbedKind } from './ui/embeds.ts';
export { respond, respondWithEmbed, type ResponsePayload } from './ui/respond.ts';
export { pluginDisabledIdentifier } from './bot/core-pieces.ts';
export { monsterVersion } from './version.ts';
import './services.ts';
