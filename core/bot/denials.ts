// What a member is told when a precondition refuses their command, and the trace it leaves.
import { Identifiers, container, type Command, type UserError } from '@sapphire/framework';
import type { Interaction, Message } from 'discord.js';
import { recordAudit } from '../audit.ts';
import { preconditionFailedIdentifier } from '../host/gates.ts';
import { guildSettings } from '../guild-settings.ts';
import { getDefaultLocale, localeOf, type Locale } from '../i18n.ts';
import { describeRateLimit, rateLimitedIdentifier, type RateLimitedContext } from '../limits/rate-limit.ts';
import { pluginMetrics } from '../metrics.ts';
import { postToLogChannel } from '../notices.ts';
import type { MatrixDecision } from '../permission-matrix.ts';
import { refusalEmbed } from '../ui/embeds.ts';
import { respondWithEmbed } from '../ui/respond.ts';
import { permissionMatrixDeniedIdentifier } from './permission-matrix-precondition.ts';
import { permissionName } from './permission-names.ts';
import { pluginDisabledIdentifier } from './plugin-gate.ts';
import { pluginNameOf } from './plugin-of.ts';
import { slashNameShown } from './slash-only.ts';
import { coreText } from './text.ts';

/** Tells the member why a command was refused, in their language, visible only to them. */
export async function explainDenial(error: UserError, target: Interaction | Message, command: Command): Promise<void> {
	if (error.identifier === preconditionFailedIdentifier) {
		// Not a refusal: the precondition threw, and the member already has the error with its reference.
		pluginMetrics.commands.inc({ plugin: pluginNameOf(command), command: command.name, outcome: 'error' });
		return;
	}
	const locale = localeOf(target as { locale?: string });
	pluginMetrics.commands.inc({ plugin: pluginNameOf(command), command: command.name, outcome: 'denied' });
	const actorId = 'author' in target ? target.author.id : target.user.id;
	container.pino.info({ plugin: pluginNameOf(command), command: command.name, actorId, reason: error.identifier }, 'Command denied');
	// Answer first: Discord gives an interaction 3 seconds, and the audit write may wait on a slow database.
	// The rate limit names the command as the member's Discord shows it (« aide »), not by its piece's name (« help »).
	const shown = error.identifier === rateLimitedIdentifier ? await slashNameShown(command, locale) : undefined;
	await respondWithEmbed(target, refusalEmbed(locale, denialText(error, locale, shown))).catch(() => undefined);
	const matrix = error.identifier === permissionMatrixDeniedIdentifier ? (error.context as MatrixDecision) : undefined;
	void recordAudit({
		kind: 'commande_refusee',
		guildId: target.guildId,
		actorId,
		action: command.name,
		details: { reason: error.identifier, plugin: pluginNameOf(command), ...(matrix ? { matrix } : {}) }
	});
	// The matrix is the server's own rule: its staff see who ran into it, in the server's language.
	if (matrix && target.guildId) {
		const serverLocale = guildSettings(target.guildId).locale ?? getDefaultLocale();
		void postToLogChannel(target.guildId, {
			kind: 'warning',
			title: coreText(serverLocale)('matrixRefusalTitle'),
			description: coreText(serverLocale)('matrixRefusal', { actor: actorId, command: command.name, channel: target.channelId ?? '', reason: denialText(error, serverLocale) }),
			source: 'permission matrix'
		});
	}
	const staff = coreText(guildSettings(target.guildId).locale ?? getDefaultLocale());
	container.notifier?.discord('log', [target.guildId], {
		kind: 'warning',
		title: staff('outgoingDenied', { command: command.name }),
		description: staff('outgoingDeniedBody', { actorId, reason: denialText(error, guildSettings(target.guildId).locale ?? getDefaultLocale()) }),
		groupKey: `denied:${command.name}:${actorId}:${error.identifier}`
	});
}

/** Sapphire's own refusals are in English: the frequent ones get our words, in the member's language. */
function denialText(error: UserError, locale: Locale, commandShown?: string): string {
	const text = coreText(locale);
	const missing = () => ((error.context as { missing?: string[] }).missing ?? []).map((permission) => permissionName(permission, locale)).join(', ');
	switch (error.identifier) {
		case pluginDisabledIdentifier:
			return text('pluginDisabled', { plugin: (error.context as { plugin: string }).plugin });
		case rateLimitedIdentifier:
			return describeRateLimit(locale, { ...(error.context as RateLimitedContext), ...(commandShown ? { command: commandShown } : {}) });
		case Identifiers.PreconditionUserPermissions:
			return text('deniedUserPermissions', { permissions: missing() });
		case Identifiers.PreconditionClientPermissions:
			return text('deniedBotPermissions', { permissions: missing() });
		case permissionMatrixDeniedIdentifier: {
			const decision = error.context as MatrixDecision;
			if (decision.outcome !== 'deny') return text('denied', { reason: error.message });
			if (decision.reason === 'role') return text('deniedMatrixRole', { count: decision.roles.length, roles: decision.roles.join(', ') });
			return text(decision.reason === 'channelDenied' ? 'deniedMatrixChannel' : 'deniedMatrixElsewhere', { place: decision.place });
		}
		case Identifiers.PreconditionGuildOnly:
		case Identifiers.PreconditionRunIn:
			return text('deniedServerOnly');
		default:
			return text('denied', { reason: error.message });
	}
}
