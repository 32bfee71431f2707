import { Command } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { localeOf, pluginLogger, pluginOf } from '#core/plugin-kit.ts';
import { answerOutcome, describe, memberOption, reasonOption, refuse } from '../command-kit.ts';
import { sanction } from '../moderation.ts';
import type { ModerationSettings } from '../settings.ts';
import { text } from '../text.ts';

/** `/unban utilisateur [raison]`: lifts a ban (a case of its own). */
export class UnbanCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'unban',
			description: text('en')('unbanDescription'),
			requiredUserPermissions: [PermissionFlagsBits.BanMembers],
			requiredClientPermissions: [PermissionFlagsBits.BanMembers],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			describe(builder, 'unban', 'unban', 'unbanDescription', PermissionFlagsBits.BanMembers).addUserOption(memberOption('utilisateur')).addStringOption(reasonOption(false))
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const locale = localeOf(interaction);
		const logger = pluginLogger(this);
		const guild = interaction.guild!;
		const user = interaction.options.getUser('utilisateur', true);
		await interaction.deferReply({ flags: 'Ephemeral' });
		const banned = await guild.bans.fetch({ user: user.id, force: true }).catch(() => null);
		if (!banned) return refuse(interaction, locale, { key: 'notBanned', vars: { user: `<@${user.id}>` } }, logger);
		const settings = pluginOf<ModerationSettings>(this).settings(guild.id);
		const reason = interaction.options.getString('raison');
		const outcome = await sanction({ guild, action: 'debannissement', user, member: null, moderatorId: interaction.user.id, reason, source: 'moderation.unban' }, settings, logger);
		return answerOutcome(interaction, locale, outcome, logger);
	}
}
