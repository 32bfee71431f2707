/**
 * Sanctions from start to trace: the hierarchy check, the Discord call, the DM to the member, the
 * numbered case, the mod-log post and the audit line. Commands, confirmations, report buttons and
 * the escalation rule all go through `sanction`, so they cannot drift apart.
 */
import { container } from '@sapphire/framework';
import { DiscordAPIError, type Guild, type GuildMember, type User } from 'discord.js';
import { recordAudit } from '#core/audit.ts';
import type { Logger } from '#core/log.ts';
import { buildEmbed, escapeUserText, findTextChannel, getDefaultLocale, guildSettings, postToLogChannel, type EmbedKind, type Locale, type Notice } from '#core/plugin-kit.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { countWarningsSince, openCase, revokeTimeouts, type ModerationCase } from './queries.ts';
import type { ModerationSettings } from './settings.ts';
import { text, type TextKey } from './text.ts';

export type SanctionAction = 'avertissement' | 'exclusion_temporaire' | 'fin_exclusion' | 'expulsion' | 'bannissement' | 'debannissement';

/** A refusal in words: a text key and its values, rendered in the reader's language. */
export interface Refusal {
	key: TextKey;
	vars?: Record<string, string | number>;
}

/**
 * Why a DM was not delivered: the user's settings refuse it (`closed`), they are not on the server and
 * Discord delivers a bot's DMs only within a shared server (`notInServer`), or another error.
 */
export type DmOutcome = { sent: true } | { sent: false; reason: 'closed' | 'notInServer' | 'failed'; message: string };

export interface Sanction {
	guild: Guild;
	action: SanctionAction;
	user: User;
	/** Null when the user is not in the server (unban). */
	member: GuildMember | null;
	moderatorId: string;
	reason: string | null;
	/** Timeouts. */
	durationMs?: number;
	/** Bans: days of messages deleted with the ban. */
	deleteDays?: number;
	/** Audit action name, `moderation.<command>` by default. */
	source?: string;
}

export type SanctionOutcome = { ok: true; opened: ModerationCase; dm: DmOutcome; replacedUntil?: Date } | { ok: false; refusal: Refusal };

const mention = (id: string) => `<@${id}>`;
/** Kick and ban remove the member: tell them first, while the bot still shares a server with them. */
const dmFirst = new Set<SanctionAction>(['expulsion', 'bannissement']);

/** The server's language, for what its staff and its members read outside a command. */
export const guildLocale = (guildId: string): Locale => guildSettings(guildId).locale ?? getDefaultLocale();

/**
 * Why the moderator may not act on this member, or null: the bot itself, themselves, the owner, or a
 * member whose highest role is at or above the moderator's (the owner outranks all) or the bot's.
 */
export function refusalFor(guild: Guild, moderator: GuildMember, target: GuildMember): Refusal | null {
	const me = guild.members.me;
	const who = { member: mention(target.id) };
	if (target.id === me?.id || target.id === container.client.user?.id) return { key: 'targetBot' };
	if (target.id === moderator.id) return { key: 'targetSelf' };
	if (target.id === guild.ownerId) return { key: 'targetOwner', vars: who };
	const role = { ...who, role: escapeUserText(target.roles.highest.name) };
	if (moderator.id !== guild.ownerId && target.roles.highest.comparePositionTo(moderator.roles.highest) >= 0) return { key: 'targetAboveModerator', vars: role };
	if (me && target.roles.highest.comparePositionTo(me.roles.highest) >= 0) return { key: 'targetAboveBot', vars: role };
	return null;
}

/** The member, or undefined when they are not (or no longer) in the server. */
export async function memberOf(guild: Guild, userId: string): Promise<GuildMember | undefined> {
	return guild.members.cache.get(userId) ?? (await guild.members.fetch({ user: userId, force: true }).catch(() => undefined));
}

/** A duration typed by a moderator, or the refusal to show. */
export function durationOf(value: string): { ms: number } | Refusal {
	const parsed = parseDuration(value);
	if (parsed.ok) return { ms: parsed.ms };
	const key = ({ tooLong: 'durationTooLong', zero: 'durationZero', format: 'badDuration' } as const)[parsed.reason];
	return { key, vars: { value: escapeUserText(value) } };
}

/** Does it on Discord, tells the member, opens the case, audits and posts it to the mod log. */
export async function sanction(input: Sanction, settings: ModerationSettings, logger: Logger): Promise<SanctionOutcome> {
	const { guild, action, user, member, reason } = input;
	const auditReason = reason ?? undefined;
	const now = new Date();
	const expiresAt = action === 'exclusion_temporaire' && input.durationMs ? new Date(now.getTime() + input.durationMs) : null;
	// Discord keeps one end time per member: a new timeout replaces the running one, shorter or longer.
	const running = action === 'exclusion_temporaire' ? member?.communicationDisabledUntil : null;
	const replacedUntil = running && running > now ? running : undefined;
	let dm: DmOutcome | undefined = dmFirst.has(action) ? await notify(input, expiresAt, logger) : undefined;
	try {
		switch (action) {
			case 'exclusion_temporaire':
				await member!.disableCommunicationUntil(expiresAt, auditReason);
				break;
			case 'fin_exclusion':
				await member!.timeout(null, auditReason);
				break;
			case 'expulsion':
				await guild.members.kick(user.id, auditReason);
				break;
			case 'bannissement':
				await guild.bans.create(user.id, { deleteMessageSeconds: (input.deleteDays ?? 0) * 86_400, reason: auditReason });
				break;
			case 'debannissement':
				await guild.bans.remove(user.id, auditReason);
				break;
			case 'avertissement':
				break;
		}
	} catch (error) {
		const message = error instanceof DiscordAPIError ? error.message : String(error);
		logger.warn({ err: error, guildId: guild.id, action, target: user.id }, 'Discord refused a sanction');
		return { ok: false, refusal: { key: 'discordRefused', vars: { message } } };
	}
	dm ??= await notify(input, expiresAt, logger);
	const opened = await openCase(container.db, { guildId: guild.id, action, targetId: user.id, moderatorId: input.moderatorId, reason, expiresAt, createdAt: now });
	if (action === 'fin_exclusion' || replacedUntil) await revokeTimeouts(container.db, guild.id, user.id, input.moderatorId, now, opened.id);
	await recordAudit({
		kind: 'action_admin',
		guildId: guild.id,
		actorId: input.moderatorId,
		action: input.source ?? `moderation.${action}`,
		target: user.id,
		details: {
			case: opened.caseNumber,
			reason,
			dm: dm.sent,
			...(input.durationMs ? { durationMs: input.durationMs } : {}),
			...(input.deleteDays ? { deleteDays: input.deleteDays } : {}),
			...(replacedUntil ? { replacedUntil: replacedUntil.toISOString() } : {})
		}
	});
	await postModLog(guild, settings, caseNotice(opened, guildLocale(guild.id), { dm, deleteDays: input.deleteDays, replacedUntil }));
	return { ok: true, opened, dm, replacedUntil };
}

/** The DM telling the member, in the server's language; never throws. */
async function notify(input: Sanction, expiresAt: Date | null, logger: Logger): Promise<DmOutcome> {
	const t = text(guildLocale(input.guild.id));
	const until = expiresAt ? `<t:${Math.floor(expiresAt.getTime() / 1000)}:f>` : '';
	const embed = buildEmbed({
		kind: input.action === 'debannissement' || input.action === 'fin_exclusion' ? 'info' : 'warning',
		title: t(`action_${input.action}`),
		description: [t(`dm_${input.action}`, { server: escapeUserText(input.guild.name), until }), t('dmReason', { reason: escapeUserText(input.reason ?? t('noReason')) })].join('\n')
	});
	try {
		await input.user.send({ embeds: [embed], allowedMentions: { parse: [] } });
		return { sent: true };
	} catch (error) {
		const refused = error instanceof DiscordAPIError && error.code === 50007;
		// Discord answers 50007 to closed DMs and to someone who shares no server with the bot: off this one (unbanned, or banned after leaving) and seen on no other, it is the latter.
		const elsewhere = input.member !== null || input.guild.client.guilds.cache.some((guild) => guild.members.cache.has(input.user.id));
		const reason = !refused ? 'failed' : elsewhere ? 'closed' : 'notInServer';
		logger.info({ guildId: input.guild.id, target: input.user.id, action: input.action, reason, err: refused ? undefined : error }, 'Could not DM a sanctioned member');
		return { sent: false, reason, message: error instanceof Error ? error.message : String(error) };
	}
}

export interface CaseExtras {
	dm?: DmOutcome;
	deleteDays?: number;
	/** The end of the timeout this one replaced. */
	replacedUntil?: Date;
}

/** A case as lines (`**Membre** : @Alice`…), the same in replies, the mod log and `/case`. */
export function caseLines(opened: ModerationCase, locale: Locale, extras: CaseExtras = {}): string {
	const t = text(locale);
	const line = (label: TextKey, value: string) => t('line', { label: t(label), value });
	const at = (date: Date) => `<t:${Math.floor(date.getTime() / 1000)}:f>`;
	const lines = [
		line('fieldMember', opened.targetId.startsWith('membre-') ? opened.targetId : mention(opened.targetId)),
		line('fieldModerator', opened.moderatorId.startsWith('membre-') ? opened.moderatorId : mention(opened.moderatorId)),
		line('fieldReason', escapeUserText(opened.reason ?? t('noReason'))),
		line('fieldDate', at(opened.createdAt))
	];
	if (opened.expiresAt) {
		lines.push(line('fieldDuration', formatDuration(opened.expiresAt.getTime() - opened.createdAt.getTime(), locale)));
		lines.push(line('fieldEnds', at(opened.expiresAt)));
	}
	if (extras.replacedUntil) lines.push(line('fieldReplaces', t('replacedTimeout', { until: at(extras.replacedUntil) })));
	if (extras.deleteDays) lines.push(line('fieldDeleted', t('deletedDays', { days: extras.deleteDays })));
	if (opened.revokedAt) lines.push(line('fieldLifted', t('liftedBy', { moderator: mention(opened.revokedBy ?? '?'), when: at(opened.revokedAt) })));
	if (extras.dm) lines.push(line('fieldDm', dmText(extras.dm, locale)));
	return lines.join('\n');
}

export function dmText(dm: DmOutcome, locale: Locale): string {
	const t = text(locale);
	if (dm.sent) return t('dmSent');
	if (dm.reason === 'failed') return t('dmFailed', { message: escapeUserText(dm.message) });
	return t(dm.reason === 'closed' ? 'dmClosed' : 'dmNotInServer');
}

export function caseTitle(opened: ModerationCase, locale: Locale): string {
	const t = text(locale);
	return t('caseTitle', { number: opened.caseNumber, action: t(`action_${opened.action}`) });
}

const caseKind = (opened: ModerationCase): EmbedKind => (opened.action === 'debannissement' || opened.action === 'fin_exclusion' ? 'info' : 'warning');

export function caseNotice(opened: ModerationCase, locale: Locale, extras: CaseExtras = {}): Notice {
	return { kind: caseKind(opened), title: caseTitle(opened, locale), description: caseLines(opened, locale, extras), source: `moderation.case.${opened.caseNumber}` };
}

/** The mod-log channel of the settings, else the server's log channel; never throws. */
export async function postModLog(guild: Guild, settings: ModerationSettings, notice: Notice): Promise<boolean> {
	const channel = settings.modLogChannel ? findTextChannel(guild, settings.modLogChannel) : undefined;
	if (!channel) return postToLogChannel(guild.id, notice);
	try {
		await channel.send({ embeds: [buildEmbed(notice)], allowedMentions: { parse: [] } });
		return true;
	} catch (error) {
		container.pino.warn({ err: error, guildId: guild.id, channel: channel.id, notice: notice.title }, 'Could not post to the mod-log channel');
		return false;
	}
}

/**
 * The escalation rule, after a warning: with enough warnings within the window, the bot times the
 * member out itself (a case of its own, moderator = the bot). A line for the moderator, or null.
 */
export async function escalate(guild: Guild, member: GuildMember, settings: ModerationSettings, locale: Locale, logger: Logger): Promise<string | null> {
	const rule = settings.escalation;
	if (!rule.enabled || member.isCommunicationDisabled()) return null;
	const since = new Date(Date.now() - rule.days * 86_400_000);
	const count = await countWarningsSince(container.db, guild.id, member.id, since);
	if (count < rule.warnings) return null;
	const parsed = parseDuration(rule.timeout);
	if (!parsed.ok) return null;
	const t = text(locale);
	const vars = { count, days: rule.days };
	const outcome = await sanction(
		{
			guild,
			action: 'exclusion_temporaire',
			user: member.user,
			member,
			moderatorId: container.client.user!.id,
			reason: text(guildLocale(guild.id))('escalationReason', vars),
			durationMs: parsed.ms,
			source: 'moderation.escalation'
		},
		settings,
		logger
	);
	if (!outcome.ok) return t('escalationFailed', { ...vars, message: text(locale)(outcome.refusal.key, outcome.refusal.vars) });
	return t('escalationDone', { ...vars, member: mention(member.id), duration: formatDuration(parsed.ms, locale), number: outcome.opened.caseNumber });
}
