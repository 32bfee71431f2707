import { Command } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { localeOf, pluginLogger, pluginOf } from '#core/plugin-kit.ts';
import { actionableMember, answerOutcome, describe, durationOption, memberOption, reasonOption, refuse } from '../command-kit.ts';
import { durationOf, sanction } from '../moderation.ts';
import type { ModerationSettings } from '../settings.ts';
import { text } from '../text.ts';

/** `/timeout membre durée [raison]`: at most 28 days, as Discord allows. */
export class TimeoutCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'timeout',
			description: text('en')('timeoutDescription'),
			requiredUserPermissions: [PermissionFlagsBits.ModerateMembers],
			requiredClientPermissions: [PermissionFlagsBits.ModerateMembers],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			describe(builder, 'timeout', 'timeout', 'timeoutDescription', PermissionFlagsBits.ModerateMembers)
				.addUserOption(memberOption())
				.addStringOption(durationOption)
				.addStringOption(reasonOption(false))
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const locale = localeOf(interaction);
		const logger = pluginLogger(this);
		const guild = interaction.guild!;
		const duration = durationOf(interaction.options.getString('durée', true));
		if ('key' in duration) return refuse(interaction, locale, duration, logger);
		await interaction.deferReply({ flags: 'Ephemeral' });
		const found = await actionableMember(guild, interaction.user.id, interaction.options.getUser('membre', true).id);
		if ('refusal' in found) return refuse(interaction, locale, found.refusal, logger);
		const settings = pluginOf<ModerationSettings>(this).settings(guild.id);
		const reason = interaction.options.getString('raison');
		const outcome = await sanction(
			{ guild, action: 'exclusion_temporaire', user: found.member.user, member: found.member, moderatorId: interaction.user.id, reason, durationMs: duration.ms, source: 'moderation.timeout' },
			settings,
			logger
		);
		return answerOutcome(interaction, locale, outcome, logger);
	}
}
