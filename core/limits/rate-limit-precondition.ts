import { Precondition, type Command } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction, type ContextMenuCommandInteraction, type Message, type PermissionsBitField } from 'discord.js';
import { rateLimitMetrics } from '../metrics.ts';
import { hitRateLimit, rateLimitedIdentifier, rateLimitOf, type RateLimit, type RateLimitedContext } from './rate-limit.ts';

declare module '@sapphire/framework' {
	interface CommandOptions {
		/** Per member and command; default 10 per minute. `false` turns the limit off for this command. */
		rateLimit?: Partial<RateLimit> | false;
	}
}

/**
 * Global precondition (position 2, right after PluginGate): each member may run each command
 * `limit` times per window, counted in the cache so the limit holds across replicas.
 * Administrators are not limited. The refusal is answered by the core's denial listener.
 */
export class RateLimitPrecondition extends Precondition {
	constructor(context: Precondition.LoaderContext) {
		super(context, { position: 2 });
	}

	public override messageRun(message: Message, command: Command) {
		return this.check(command, message.author.id, message.member?.permissions);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction, command: Command) {
		return this.check(command, interaction.user.id, interaction.memberPermissions);
	}

	public override contextMenuRun(interaction: ContextMenuCommandInteraction, command: Command) {
		return this.check(command, interaction.user.id, interaction.memberPermissions);
	}

	private async check(command: Command, userId: string, permissions: Readonly<PermissionsBitField> | null | undefined) {
		const limit = rateLimitOf(command.options.rateLimit);
		if (!limit || permissions?.has(PermissionFlagsBits.Administrator)) return this.ok();
		let decision;
		try {
			decision = await hitRateLimit(this.container.cache, userId, command.name, limit);
		} catch (error) {
			// A cache outage must not take every command down with it: let the command run.
			this.container.pino.warn({ err: error, command: command.name }, 'Rate limit not checked: cache unavailable');
			return this.ok();
		}
		if (decision.allowed) return this.ok();
		rateLimitMetrics.refusals.inc({ scope: 'command' });
		const context: RateLimitedContext = { command: command.name, retryAt: decision.retryAt };
		return this.error({ identifier: rateLimitedIdentifier, message: `rate limited until ${new Date(decision.retryAt).toISOString()}`, context });
	}
}
