import { Command } from '@sapphire/framework';
import { ApplicationCommandType, type MessageContextMenuCommandInteraction } from 'discord.js';
import { inEnglish, localeOf, pluginLogger, pluginOf } from '#core/plugin-kit.ts';
import { answer } from '../command-kit.ts';
import { moderatorsChannel, reportMessage } from '../reports.ts';
import type { ModerationSettings } from '../settings.ts';
import { text } from '../text.ts';

/** « Signaler » in a message's Apps menu, for every member: the moderators get the message and buttons to act. */
export class SignalerCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'signaler',
			description: text('en')('reportDescription'),
			menuDescription: { fr: text('fr')('reportDescription'), en: text('en')('reportDescription') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerContextMenuCommand((builder) =>
			builder.setName(text('fr')('reportCommand')).setNameLocalizations(inEnglish(text('en')('reportCommand'))).setType(ApplicationCommandType.Message).setContexts(0)
		);
	}

	public override async contextMenuRun(interaction: MessageContextMenuCommandInteraction) {
		const locale = localeOf(interaction);
		const t = text(locale);
		const logger = pluginLogger(this);
		const guild = interaction.guild!;
		const message = interaction.targetMessage;
		if (message.author.id === interaction.user.id) return answer(interaction, 'warning', t('refusedTitle'), t('reportOwnMessage'));
		const channel = moderatorsChannel(guild, pluginOf<ModerationSettings>(this).settings(guild.id));
		if (!channel) {
			logger.warn({ guildId: guild.id }, 'A report found no moderators’ channel');
			return answer(interaction, 'warning', t('refusedTitle'), t('reportNoChannel'));
		}
		await channel.send(reportMessage(guild, message, interaction.user.id));
		logger.info({ guildId: guild.id, reporter: interaction.user.id, author: message.author.id, message: message.id }, 'Message reported');
		return answer(interaction, 'success', t('reportSent'), '');
	}
}
