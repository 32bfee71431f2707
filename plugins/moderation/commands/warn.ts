import { Command } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { localeOf, pluginLogger, pluginOf } from '#core/plugin-kit.ts';
import { actionableMember, answerOutcome, describe, memberOption, reasonOption, refuse } from '../command-kit.ts';
import { escalate, sanction } from '../moderation.ts';
import type { ModerationSettings } from '../settings.ts';
import { text } from '../text.ts';

/** `/warn membre raison`: a warning case, a DM, and the escalation rule when the settings switch it on. */
export class WarnCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'warn',
			description: text('en')('warnDescription'),
			requiredUserPermissions: [PermissionFlagsBits.ModerateMembers],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			describe(builder, 'warn', 'warn', 'warnDescription', PermissionFlagsBits.ModerateMembers).addUserOption(memberOption()).addStringOption(reasonOption(true))
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const locale = localeOf(interaction);
		const logger = pluginLogger(this);
		const guild = interaction.guild!;
		await interaction.deferReply({ flags: 'Ephemeral' });
		const found = await actionableMember(guild, interaction.user.id, interaction.options.getUser('membre', true).id);
		if ('refusal' in found) return refuse(interaction, locale, found.refusal, logger);
		const settings = pluginOf<ModerationSettings>(this).settings(guild.id);
		const reason = interaction.options.getString('raison', true);
		const outcome = await sanction({ guild, action: 'avertissement', user: found.member.user, member: found.member, moderatorId: interaction.user.id, reason, source: 'moderation.warn' }, settings, logger);
		const escalated = outcome.ok ? await escalate(guild, found.member, settings, locale, logger) : null;
		return answerOutcome(interaction, locale, outcome, logger, escalated);
	}
}
