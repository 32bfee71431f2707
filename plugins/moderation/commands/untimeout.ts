import { Command } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { localeOf, pluginLogger, pluginOf } from '#core/plugin-kit.ts';
import { actionableMember, answerOutcome, describe, memberOption, reasonOption, refuse } from '../command-kit.ts';
import { sanction } from '../moderation.ts';
import type { ModerationSettings } from '../settings.ts';
import { text } from '../text.ts';

/** `/untimeout membre [raison]`: lifts a running timeout (a case of its own; the timeout's case is marked lifted). */
export class UntimeoutCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'untimeout',
			description: text('en')('untimeoutDescription'),
			requiredUserPermissions: [PermissionFlagsBits.ModerateMembers],
			requiredClientPermissions: [PermissionFlagsBits.ModerateMembers],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			describe(builder, 'untimeout', 'untimeout', 'untimeoutDescription', PermissionFlagsBits.ModerateMembers).addUserOption(memberOption()).addStringOption(reasonOption(false))
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const locale = localeOf(interaction);
		const logger = pluginLogger(this);
		const guild = interaction.guild!;
		await interaction.deferReply({ flags: 'Ephemeral' });
		const found = await actionableMember(guild, interaction.user.id, interaction.options.getUser('membre', true).id);
		if ('refusal' in found) return refuse(interaction, locale, found.refusal, logger);
		if (!found.member.isCommunicationDisabled()) return refuse(interaction, locale, { key: 'notTimedOut', vars: { member: `<@${found.member.id}>` } }, logger);
		const settings = pluginOf<ModerationSettings>(this).settings(guild.id);
		const reason = interaction.options.getString('raison');
		const outcome = await sanction({ guild, action: 'fin_exclusion', user: found.member.user, member: found.member, moderatorId: interaction.user.id, reason, source: 'moderation.untimeout' }, settings, logger);
		return answerOutcome(interaction, locale, outcome, logger);
	}
}
