/** Kick and ban: asked first, then done by the confirmation's action (on whichever replica gets the press). */
import { container } from '@sapphire/framework';
import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { Logger } from '#core/log.ts';
import { confirm, escapeUserText, localeOf, type ConfirmOutcome, type Locale, type PluginContext } from '#core/plugin-kit.ts';
import { actionableMember, refuse } from './command-kit.ts';
import { caseLines, caseTitle, memberOf, sanction, type Refusal } from './moderation.ts';
import type { ModerationSettings } from './settings.ts';
import { text } from './text.ts';

export const removalActions = { expulsion: 'moderation.kick', bannissement: 'moderation.ban' } as const;
export type Removal = keyof typeof removalActions;

export interface RemovalArgs {
	userId: string;
	reason: string | null;
	deleteDays: number;
}

/**
 * Checks what can be checked now (the member, the hierarchy), then asks. A ban may name a user who is
 * not in the server (to keep them out); a kick may not.
 */
export async function askRemoval(interaction: ChatInputCommandInteraction, removal: Removal, args: RemovalArgs, logger: Logger): Promise<void> {
	const locale = localeOf(interaction);
	const t = text(locale);
	const refusal = await removalRefusal(interaction, removal, args.userId);
	if (refusal) return refuse(interaction, locale, refusal, logger);
	const member = `<@${args.userId}>`;
	const reason = escapeUserText(args.reason ?? t('noReason'));
	await confirm(interaction, {
		action: removalActions[removal],
		args,
		title: removal === 'expulsion' ? t('kickQuestion', { member }) : t('banQuestion', { member }),
		description: removal === 'expulsion' ? t('kickQuestionBody', { reason }) : t('banQuestionBody', { reason, days: args.deleteDays }),
		confirmLabel: removal === 'expulsion' ? t('kickConfirm') : t('banConfirm'),
		ephemeral: true
	});
}

async function removalRefusal(interaction: ChatInputCommandInteraction | ButtonInteraction, removal: Removal, userId: string): Promise<Refusal | null> {
	const guild = interaction.guild!;
	if (removal === 'bannissement' && !(await memberOf(guild, userId))) {
		// Not (or no longer) a member: only the bot itself and the owner are out of reach.
		if (userId === interaction.client.user.id) return { key: 'targetBot' };
		return userId === guild.ownerId ? { key: 'targetOwner', vars: { member: `<@${userId}>` } } : null;
	}
	const found = await actionableMember(guild, interaction.user.id, userId);
	return 'refusal' in found ? found.refusal : null;
}

/** The confirmation's action: checks again (things change in five minutes), acts, and shows the case. */
export function removalOnConfirm(ctx: PluginContext<ModerationSettings>, removal: Removal) {
	return async ({ args, locale, interaction }: { args: RemovalArgs; locale: Locale; interaction: ButtonInteraction }): Promise<ConfirmOutcome> => {
		const t = text(locale);
		const guild = interaction.guild!;
		const refusal = await removalRefusal(interaction, removal, args.userId);
		if (refusal) {
			ctx.logger.info({ guildId: guild.id, actor: interaction.user.id, refusal: refusal.key }, 'Moderation refused');
			return { kind: 'warning', title: t('refusedTitle'), description: t(refusal.key, refusal.vars) };
		}
		const user = await container.client.users.fetch(args.userId);
		const member = (await memberOf(guild, args.userId)) ?? null;
		const outcome = await sanction(
			{ guild, action: removal, user, member, moderatorId: interaction.user.id, reason: args.reason, deleteDays: args.deleteDays, source: removalActions[removal] },
			ctx.settings(guild.id),
			ctx.logger
		);
		if (!outcome.ok) return { kind: 'error', title: t('refusedTitle'), description: t(outcome.refusal.key, outcome.refusal.vars) };
		return { kind: 'success', title: caseTitle(outcome.opened, locale), description: caseLines(outcome.opened, locale, { dm: outcome.dm, deleteDays: args.deleteDays }) };
	};
}
