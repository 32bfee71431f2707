import type { Piece } from '@sapphire/framework';
import { pluginOf } from '#core/plugin-kit.ts';
import type { MessageLogWriter } from './writer.ts';

/**
 * The plugin's one message log writer. The plugin context keeps it across reloads (plugin.ts): a new
 * version takes the old writer's events over, so an edit to writer.ts takes effect and nothing is lost.
 */
export const messageLogKey = 'message-log';

export function messageLog(piece: Piece): MessageLogWriter | undefined {
	return pluginOf(piece).kept<MessageLogWriter>(messageLogKey);
}
