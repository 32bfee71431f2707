// The `member` argument of prefix commands, resolved from the member cache first (replaces Sapphire's, which asks the gateway for every name).
import { Argument, Identifiers, type MemberArgumentContext } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import { findMember } from '../member-lookup.ts';

/**
 * Same name, errors and inputs as Sapphire's CoreMember: a mention, an id, or (unless the command turns
 * fuzzy search off) a name. Sapphire sent a Request Guild Members for each name that was not a mention
 * or an id; names that matched nobody used up the shard's gateway budget and delayed every answer.
 */
export class CacheFirstMemberArgument extends Argument<GuildMember> {
	public async run(parameter: string, context: MemberArgumentContext): Argument.AsyncResult<GuildMember> {
		const { guild } = context.message;
		if (!guild) {
			return this.error({ parameter, identifier: Identifiers.ArgumentMemberMissingGuild, message: 'This command can only be used in a server.', context });
		}
		const member = await findMember(guild, parameter, { byName: context.performFuzzySearch ?? true });
		if (member) return this.ok(member);
		return this.error({
			parameter,
			identifier: Identifiers.ArgumentMemberError,
			message: 'The given argument did not resolve to a server member.',
			context: { ...context, guild }
		});
	}
}
