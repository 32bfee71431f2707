// The one place a piece's exception ends: logged, counted, and shown to the member who waits.
import { randomBytes } from 'node:crypto';
import { container, type Piece } from '@sapphire/framework';
import type { Interaction, Message } from 'discord.js';
import { localeOf } from '../i18n.ts';
import { pluginMetrics } from '../metrics.ts';
import { errorEmbed } from '../ui/embeds.ts';
import { respondWithEmbed } from '../ui/respond.ts';
import { coreText } from './text.ts';

/**
 * Any exception a piece throws ends here: logged with plugin and piece and a reference, counted,
 * and the member (if any) gets an error embed with that reference, or an empty list of suggestions
 * for an autocomplete (which cannot show an embed). The process stays up.
 */
export function reportPieceError(plugin: string, piece: Piece, error: unknown, subject?: unknown): void {
	const reference = randomBytes(3).toString('hex');
	pluginMetrics.errors.inc({ plugin });
	container.pino.child({ plugin }).error({ err: error, store: piece.store.name, piece: piece.name, reference }, 'Plugin piece failed');
	const target = subject as (Interaction | Message) | undefined;
	if (!target || typeof target !== 'object') return;
	if ('isAutocomplete' in target && target.isAutocomplete()) {
		// Discord shows "loading options failed" after 3 s otherwise, and the typed text is lost.
		if (!target.responded) void target.respond([]).catch(() => undefined);
		return;
	}
	const isAnswerable = 'isRepliable' in target ? target.isRepliable() : 'reply' in target && 'author' in target;
	if (!isAnswerable) return;
	const locale = localeOf(target as { locale?: string });
	void respondWithEmbed(target, errorEmbed(locale, coreText(locale)('commandFailed', { ref: reference }))).catch(() => undefined);
}
