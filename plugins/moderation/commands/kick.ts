import { Command } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { pluginLogger } from '#core/plugin-kit.ts';
import { describe, memberOption, reasonOption } from '../command-kit.ts';
import { askRemoval } from '../removals.ts';
import { text } from '../text.ts';

/** `/kick membre [raison]`: asks, then kicks (the member may come back with an invite). */
export class KickCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'kick',
			description: text('en')('kickDescription'),
			requiredUserPermissions: [PermissionFlagsBits.KickMembers],
			requiredClientPermissions: [PermissionFlagsBits.KickMembers],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			describe(builder, 'kick', 'kick', 'kickDescription', PermissionFlagsBits.KickMembers).addUserOption(memberOption()).addStringOption(reasonOption(false))
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		const args = { userId: interaction.options.getUser('membre', true).id, reason: interaction.options.getString('raison'), deleteDays: 0 };
		return askRemoval(interaction, 'expulsion', args, pluginLogger(this));
	}
}
