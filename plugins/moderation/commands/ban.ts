import { Command } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { pluginLogger } from '#core/plugin-kit.ts';
import { deleteDaysOption, describe, memberOption, reasonOption } from '../command-kit.ts';
import { askRemoval } from '../removals.ts';
import { text } from '../text.ts';

/** `/ban membre [supprimer_messages: jours] [raison]`: asks, then bans; a user who already left can be banned too. */
export class BanCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'ban',
			description: text('en')('banDescription'),
			requiredUserPermissions: [PermissionFlagsBits.BanMembers],
			requiredClientPermissions: [PermissionFlagsBits.BanMembers],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			describe(builder, 'ban', 'ban', 'banDescription', PermissionFlagsBits.BanMembers)
				.addUserOption(memberOption())
				.addIntegerOption(deleteDaysOption)
				.addStringOption(reasonOption(false))
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		const args = {
			userId: interaction.options.getUser('membre', true).id,
			reason: interaction.options.getString('raison'),
			deleteDays: interaction.options.getInteger('supprimer_messages') ?? 0
		};
		return askRemoval(interaction, 'bannissement', args, pluginLogger(this));
	}
}
