/**
 * What the sanction commands share: their options, the private answer, the prelude that finds the
 * member and refuses with the reason, and the answer once a case is opened.
 */
import type {
	ButtonInteraction,
	ChatInputCommandInteraction,
	Guild,
	GuildMember,
	MessageContextMenuCommandInteraction,
	SlashCommandBuilder,
	SlashCommandIntegerOption,
	SlashCommandStringOption,
	SlashCommandUserOption
} from 'discord.js';
import { recordAudit } from '#core/audit.ts';
import type { Logger } from '#core/log.ts';
import { buildEmbed, inEnglish, type EmbedKind, type Locale } from '#core/plugin-kit.ts';
import { caseLines, caseTitle, memberOf, refusalFor, type Refusal, type SanctionOutcome } from './moderation.ts';
import { english, text, type TextKey } from './text.ts';

type Target = ChatInputCommandInteraction | ButtonInteraction | MessageContextMenuCommandInteraction;

const fr = text('fr');

/** `membre` (required), localized. */
export const memberOption = (name: 'membre' | 'utilisateur' = 'membre') => (option: SlashCommandUserOption) =>
	option
		.setName(name)
		.setNameLocalizations(inEnglish(name === 'membre' ? 'member' : 'user'))
		.setDescription(fr(name === 'membre' ? 'memberOption' : 'userOption'))
		.setDescriptionLocalizations(english(name === 'membre' ? 'memberOption' : 'userOption'))
		.setRequired(true);

/** `raison`, at most 500 characters (it goes into the audit reason Discord keeps, and into the DM). */
export const reasonOption = (required: boolean) => (option: SlashCommandStringOption) =>
	option
		.setName('raison')
		.setNameLocalizations(inEnglish('reason'))
		.setDescription(fr('reasonOption'))
		.setDescriptionLocalizations(english('reasonOption'))
		.setMaxLength(500)
		.setRequired(required);

export const durationOption = (option: SlashCommandStringOption) =>
	option.setName('durée').setNameLocalizations(inEnglish('duration')).setDescription(fr('durationOption')).setDescriptionLocalizations(english('durationOption')).setMaxLength(20).setRequired(true);

export const deleteDaysOption = (option: SlashCommandIntegerOption) =>
	option
		.setName('supprimer_messages')
		.setNameLocalizations(inEnglish('delete_messages'))
		.setDescription(fr('deleteDaysOption'))
		.setDescriptionLocalizations(english('deleteDaysOption'))
		.setMinValue(0)
		.setMaxValue(7);

/** Name, description and server-only context of a command; the permission Discord shows it to by default. */
export function describe(builder: SlashCommandBuilder, name: string, englishName: string, description: TextKey, permission: bigint): SlashCommandBuilder {
	return builder
		.setName(name)
		.setNameLocalizations(inEnglish(englishName))
		.setDescription(fr(description))
		.setDescriptionLocalizations(english(description))
		.setDefaultMemberPermissions(permission)
		.setContexts(0);
}

/** A private answer: the deferred reply filled in, or a reply. */
export async function answer(target: Target, kind: EmbedKind, title: string, description: string): Promise<void> {
	const embed = buildEmbed({ kind, title, description });
	if (target.deferred || target.replied) await target.editReply({ embeds: [embed], allowedMentions: { parse: [] } });
	else await target.reply({ embeds: [embed], flags: 'Ephemeral', allowedMentions: { parse: [] } });
}

/** Says why not, privately, and logs it; a sanction refused by the hierarchy is audited too. */
export async function refuse(target: Target, locale: Locale, refusal: Refusal, logger: Logger): Promise<void> {
	const t = text(locale);
	logger.info({ guildId: target.guildId, actor: target.user.id, refusal: refusal.key }, 'Moderation refused');
	await answer(target, 'warning', t('refusedTitle'), t(refusal.key, refusal.vars));
	if (refusal.key.startsWith('target')) {
		const action = target.isButton() ? target.customId.split(':').slice(0, 3).join('.') : `moderation.${target.commandName}`;
		await recordAudit({ kind: 'commande_refusee', guildId: target.guildId, actorId: target.user.id, action, details: { reason: refusal.key, ...refusal.vars } });
	}
}

/** The member named and the moderator, once the hierarchy allows it; otherwise the refusal. */
export async function actionableMember(guild: Guild, moderatorId: string, userId: string): Promise<{ member: GuildMember } | { refusal: Refusal }> {
	const member = await memberOf(guild, userId);
	if (!member) return { refusal: { key: 'notMember', vars: { member: `<@${userId}>` } } };
	const moderator = await memberOf(guild, moderatorId);
	const refusal = moderator ? refusalFor(guild, moderator, member) : { key: 'notMember' as const, vars: { member: `<@${moderatorId}>` } };
	return refusal ? { refusal } : { member };
}

/** The case as the moderator sees it after acting, with the escalation's line if any. */
export async function answerOutcome(target: Target, locale: Locale, outcome: SanctionOutcome, logger: Logger, extra: string | null = null): Promise<void> {
	if (!outcome.ok) return refuse(target, locale, outcome.refusal, logger);
	const description = [caseLines(outcome.opened, locale, { dm: outcome.dm, replacedUntil: outcome.replacedUntil }), extra].filter(Boolean).join('\n\n');
	await answer(target, 'success', caseTitle(outcome.opened, locale), description);
}
