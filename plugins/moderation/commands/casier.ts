import { Command } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { paginate } from '#core/plugin-kit.ts';
import { describe, memberOption } from '../command-kit.ts';
import { recordPager, type RecordData } from '../record.ts';
import { text } from '../text.ts';

/** `/casier membre`: the member's cases, newest first, paged; former members too. */
export class CasierCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'casier',
			description: text('en')('casierDescription'),
			requiredUserPermissions: [PermissionFlagsBits.ModerateMembers],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) => describe(builder, 'casier', 'record', 'casierDescription', PermissionFlagsBits.ModerateMembers).addUserOption(memberOption()));
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		const user = interaction.options.getUser('membre', true);
		// A former member has no server nickname left: their Discord display name then.
		const member = interaction.options.getMember('membre');
		const name = member && 'displayName' in member ? member.displayName : user.displayName;
		return paginate<RecordData>(interaction, { pager: recordPager, data: { guildId: interaction.guildId!, userId: user.id, name }, ephemeral: true });
	}
}
