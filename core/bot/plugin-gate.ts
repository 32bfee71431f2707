// The global precondition that stops commands of a plugin switched off where they were run.
import { Precondition, container, type Command } from '@sapphire/framework';
import type { ChatInputCommandInteraction, ContextMenuCommandInteraction, Message } from 'discord.js';

export const pluginDisabledIdentifier = 'pluginDisabled';

/** A command of a switched-off plugin answers why instead of running. */
export class PluginGatePrecondition extends Precondition {
	constructor(context: Precondition.LoaderContext) {
		super(context, { position: 1 });
	}

	public override messageRun(message: Message, command: Command) {
		return this.check(command, message.guildId);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction, command: Command) {
		return this.check(command, interaction.guildId);
	}

	public override contextMenuRun(interaction: ContextMenuCommandInteraction, command: Command) {
		return this.check(command, interaction.guildId);
	}

	private check(command: Command, guildId: string | null) {
		const plugin = container.plugins.pluginOf(command);
		if (!plugin || container.plugins.isActive(plugin, guildId)) return this.ok();
		return this.error({ identifier: pluginDisabledIdentifier, message: `plugin ${plugin} is disabled`, context: { plugin } });
	}
}
