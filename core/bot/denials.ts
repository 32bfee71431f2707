// What a member is told when a precondition refuses their command, and the trace it leaves.
import { Identifiers, container, type Command, type UserError } from '@sapphire/framework';
import type { Interaction, Message } from 'discord.js';
import { recordAudit } from '../audit.ts';
import { preconditionFailedIdentifier } from '../host/gates.ts';
import { localeOf, type Locale } from '../i18n.ts';
import { describeRateLimit, rateLimitedIdentifier, type RateLimitedContext } from '../limits/rate-limit.ts';
import { pluginMetrics } from '../metrics.ts';
import { errorEmbed } from '../ui/embeds.ts';
import { respondWithEmbed } from '../ui/respond.ts';
import { permissionName } from './permission-names.ts';
import { pluginDisabledIdentifier } from './plugin-gate.ts';
import { pluginNameOf } from './plugin-of.ts';
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
	await respondWithEmbed(target, errorEmbed(locale, denialText(error, locale))).catch(() => undefined);
	void recordAudit({ kind: 'commande_refusee', guildId: target.guildId, actorId, action: command.name, details: { reason: error.identifier, plugin: pluginNameOf(command) } });
}

/** Sapphire's own refusals are in English: the frequent ones get our words, in the member's language. */
function denialText(error: UserError, locale: Locale): string {
	const text = coreText(locale);
	const missing = () => ((error.context as { missing?: string[] }).missing ?? []).map((permission) => permissionName(permission, locale)).join(', ');
	switch (error.identifier) {
		case pluginDisabledIdentifier:
			return text('pluginDisabled', { plugin: (error.context as { plugin: string }).plugin });
		case rateLimitedIdentifier:
			return describeRateLimit(locale, error.context as RateLimitedContext);
		case Identifiers.PreconditionUserPermissions:
			return text('deniedUserPermissions', { permissions: missing() });
		case Identifiers.PreconditionClientPermissions:
			return text('deniedBotPermissions', { permissions: missing() });
		case Identifiers.PreconditionGuildOnly:
		case Identifiers.PreconditionRunIn:
			return text('deniedServerOnly');
		default:
			return text('denied', { reason: error.message });
	}
}
