import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { PermissionFlagsBits, type ButtonInteraction } from 'discord.js';
import { buildEmbed, localeOf, pluginLogger, pluginOf } from '#core/plugin-kit.ts';
import { actionableMember, answer, answerOutcome, refuse } from '../command-kit.ts';
import { escalate, guildLocale, sanction } from '../moderation.ts';
import { messageUrl, parseReportCustomId, reportTimeoutMs, type ReportTarget } from '../reports.ts';
import type { ModerationSettings } from '../settings.ts';
import { text } from '../text.ts';

/** The buttons under a report: warn or time out its author (a case like the commands'), or delete the message. */
export class ReportActionHandler extends InteractionHandler {
	public constructor(context: InteractionHandler.LoaderContext, options: InteractionHandler.Options) {
		super(context, { ...options, interactionHandlerType: InteractionHandlerTypes.Button });
	}

	public override parse(interaction: ButtonInteraction) {
		const target = parseReportCustomId(interaction.customId);
		return target ? this.some(target) : this.none();
	}

	public override async run(interaction: ButtonInteraction, target: ReportTarget) {
		const locale = localeOf(interaction);
		const t = text(locale);
		const logger = pluginLogger(this);
		const guild = interaction.guild!;
		const needed = target.action === 'delete' ? PermissionFlagsBits.ManageMessages : PermissionFlagsBits.ModerateMembers;
		if (!interaction.memberPermissions?.has(needed)) {
			const permission = t(target.action === 'delete' ? 'permissionManageMessages' : 'permissionModerate');
			return refuse(interaction, locale, { key: 'reportNotAllowed', vars: { permission } }, logger);
		}
		await interaction.deferReply({ flags: 'Ephemeral' });
		if (target.action === 'delete') {
			const channel = guild.channels.cache.get(target.channelId);
			const message = channel?.isTextBased() ? await channel.messages.fetch(target.messageId).catch(() => null) : null;
			if (!message) return answer(interaction, 'warning', t('refusedTitle'), t('reportGone'));
			await message.delete();
			logger.info({ guildId: guild.id, moderator: interaction.user.id, message: target.messageId }, 'Reported message deleted');
			await this.markHandled(interaction, text(guildLocale(guild.id))('reportDeleted'));
			return answer(interaction, 'success', t('reportDeleted'), '');
		}
		const found = await actionableMember(guild, interaction.user.id, target.authorId);
		if ('refusal' in found) return refuse(interaction, locale, found.refusal, logger);
		const settings = pluginOf<ModerationSettings>(this).settings(guild.id);
		const reason = text(guildLocale(guild.id))('reportReason', { url: messageUrl(guild.id, target.channelId, target.messageId) });
		const member = found.member;
		const outcome = await sanction(
			target.action === 'warn'
				? { guild, action: 'avertissement', user: member.user, member, moderatorId: interaction.user.id, reason, source: 'moderation.report.warn' }
				: { guild, action: 'exclusion_temporaire', user: member.user, member, moderatorId: interaction.user.id, reason, durationMs: reportTimeoutMs, source: 'moderation.report.timeout' },
			settings,
			logger
		);
		const escalated = outcome.ok && target.action === 'warn' ? await escalate(guild, member, settings, locale, logger) : null;
		if (outcome.ok) {
			const staff = text(guildLocale(guild.id));
			await this.markHandled(interaction, staff('caseTitle', { number: outcome.opened.caseNumber, action: staff(`action_${outcome.opened.action}`) }));
		}
		return answerOutcome(interaction, locale, outcome, logger, escalated);
	}

	/** Adds "who did what" under the report, so moderators do not act twice. */
	private async markHandled(interaction: ButtonInteraction, what: string) {
		const [embed] = interaction.message.embeds;
		if (!embed) return;
		const t = text(guildLocale(interaction.guildId!));
		const line = t('reportHandled', { moderator: `<@${interaction.user.id}>`, what });
		const updated = buildEmbed({ kind: 'info', title: (embed.title ?? '').replace(/^\S+ /, ''), description: `${embed.description ?? ''}\n${line}` });
		await interaction.message.edit({ embeds: [updated], allowedMentions: { parse: [] } });
	}
}
