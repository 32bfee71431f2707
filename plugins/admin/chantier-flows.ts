/**
 * What the chantier commands share: refusals in words, the archive confirmation's action, the paged
 * list, autocomplete, and the trace every action leaves (audit_log and the server's log channel).
 */
import { container } from '@sapphire/framework';
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Guild, Message } from 'discord.js';
import { DateTime } from 'luxon';
import { recordAudit } from '#core/audit.ts';
import type { Logger } from '#core/log.ts';
import { buildEmbed, escapeUserText, guildSettings, guildTimeZone, localeOf, postToLogChannel, respond, type ConfirmOutcome, type EmbedKind, type Locale, type PageRequest, type PageView } from '#core/plugin-kit.ts';
import { findChantier, listChantiers, suggestChantiers, type Chantier, type ChantierScope, type ChantierStatus } from '../team/public.ts';
import { archiveChantier, type Refusal } from './chantiers.ts';
import { text } from './text.ts';

export const chantierStatuses: ChantierStatus[] = ['actif', 'en_pause', 'termine', 'archive'];
export const listPager = 'admin.chantiers';
export const archiveAction = 'admin.archive-chantier';
const pageSize = 10;

type Target = ChatInputCommandInteraction | Message;

export const actorOf = (target: Target | ButtonInteraction) => ('author' in target ? target.author.id : target.user.id);

/** One refusal, in the member's language, naming what to fix. */
export function refusalText(locale: Locale, refusal: Refusal): string {
	const t = text(locale);
	switch (refusal.reason) {
		case 'input':
			return refusal.problems
				.map((problem) => {
					if (problem.reason === 'format') return t('codeFormat', { code: escapeUserText(problem.value) });
					if (problem.reason === 'length') return t(`${problem.field}Length`, { max: problem.max });
					if (problem.reason === 'date') return t('dateUnrecognised', { value: problem.value });
					return t('endBeforeStart');
				})
				.join('\n');
		case 'codeTaken':
			return t('codeTaken', { code: refusal.code });
		case 'unknownRole':
			return t('unknownRole', { role: refusal.role, channel: refusal.channel });
		case 'discord':
			return t('discordRefused', { message: refusal.message });
	}
}

/** An archive's refusal in the member's language: what Discord refused, and that what had changed was put back. */
export function archiveRefusalText(locale: Locale, refusal: Refusal): string {
	return refusal.reason === 'discord' ? text(locale)('discordRefusedArchive', { message: refusal.message }) : refusalText(locale, refusal);
}

/** An answer visible to the member only: the deferred reply filled in, or a reply. */
export async function answer(target: Target, kind: EmbedKind, title: string, description: string): Promise<void> {
	const embed = buildEmbed({ kind, title, description });
	if ('editReply' in target && target.deferred) await target.editReply({ embeds: [embed], allowedMentions: { parse: [] } });
	else await respond(target, { embeds: [embed], ephemeral: true });
}

/** A prefix chantier command typed without what it needs: how to use each of them. */
export function answerUsage(message: Message): Promise<void> {
	const t = text(localeOf(message));
	return answer(message, 'warning', t('refusedTitle'), t('chantierUsage'));
}

/** The chantier a member named in this guild, or undefined. */
export function chantierNamed(guildId: string, reference: string): Promise<Chantier | undefined> {
	return findChantier(container.db, guildId, reference);
}

/** Audited, then told to the server's staff in the server's language. */
export async function traceChantierAction(
	guildId: string,
	actorId: string,
	action: 'chantier.create' | 'chantier.archive' | 'chantier.unarchive',
	chantier: Chantier,
	details: Record<string, unknown> = {}
): Promise<void> {
	await recordAudit({ kind: 'action_admin', guildId, actorId, action, target: chantier.code, details: { chantierId: chantier.id, ...details } });
	const staff = text(guildSettings(guildId).locale);
	const key = ({ 'chantier.create': 'logCreated', 'chantier.archive': 'logArchived', 'chantier.unarchive': 'logUnarchived' } as const)[action];
	const channels = typeof details.channels === 'string' ? details.channels : '';
	// A member is mentioned; an API key (`api:<key>`) is named as it is.
	const actor = /^\d+$/.test(actorId) ? `<@${actorId}>` : `\`${actorId}\``;
	const description = staff(key, { actor, code: escapeUserText(chantier.code), name: escapeUserText(chantier.name), channels });
	await postToLogChannel(guildId, { kind: 'info', title: staff('logChantierTitle'), description, source: action });
}

/** Choices for a chantier option: `CODE — nom`, the code as value. */
export async function autocompleteChantier(interaction: AutocompleteInteraction, scope: ChantierScope): Promise<void> {
	const found = await suggestChantiers(container.db, interaction.guildId!, interaction.options.getFocused(), scope);
	await interaction.respond(found.map((chantier) => ({ name: `${chantier.code} — ${chantier.name}`.slice(0, 100), value: chantier.code.slice(0, 100) })));
}

/** The confirmation's action: archives, audits and tells; the question's embed becomes the outcome. */
export function archiveOnConfirm(logger: Logger) {
	return async ({ args, locale, interaction }: { args: { chantierId: string }; locale: Locale; interaction: ButtonInteraction }): Promise<ConfirmOutcome> => {
		const t = text(locale);
		const guild = interaction.guild as Guild;
		const chantier = await findChantier(container.db, guild.id, args.chantierId);
		if (!chantier) return { kind: 'warning', title: t('refusedTitle'), description: t('unknownChantier', { chantier: args.chantierId }) };
		if (chantier.status === 'archive') return { kind: 'warning', title: t('refusedTitle'), description: t('alreadyArchived', { code: escapeUserText(chantier.code) }) };
		const actorId = interaction.user.id;
		const outcome = await archiveChantier(guild, chantier, { actorId, timeZone: guildTimeZone(guild.id), now: new Date(), logger });
		if (!outcome.ok) {
			logger.info({ chantier: chantier.code, refusal: outcome.refusal }, 'Chantier archive refused');
			return { kind: 'error', title: t('refusedTitle'), description: archiveRefusalText(locale, outcome.refusal) };
		}
		await traceChantierAction(guild.id, actorId, 'chantier.archive', chantier, { readOnlyChannels: outcome.value.channels, from: chantier.status });
		const vars = { code: escapeUserText(chantier.code), name: escapeUserText(chantier.name), count: outcome.value.channels };
		return { title: t('archivedTitle'), description: outcome.value.categoryFound ? t('archivedBody', vars) : t('archivedNoCategory', vars) };
	};
}

export interface ListData {
	guildId: string;
	status: ChantierStatus | null;
}

/** A page of `/chantiers`: code, name, status, client and the chantier's channel. */
export async function renderChantiersPage({ page, data, locale }: PageRequest<ListData>): Promise<PageView> {
	const t = text(locale);
	const { chantiers, total } = await listChantiers(container.db, data.guildId, { status: data.status ?? undefined, offset: (page - 1) * pageSize, limit: pageSize });
	const lines = chantiers.map((chantier) =>
		[
			`**${escapeUserText(chantier.code)}** — ${escapeUserText(chantier.name)}`,
			t(`status_${chantier.status}`),
			chantier.client ? escapeUserText(chantier.client) : null,
			chantier.discordChannelId && chantier.status !== 'archive' ? `<#${chantier.discordChannelId}>` : null
		]
			.filter(Boolean)
			.join(' · ')
	);
	const status = data.status ? t(`status_${data.status}`) : null;
	const title = status ? t('chantiersTitleStatus', { status, total }) : t('chantiersTitle', { total });
	const none = status ? t('noChantiersStatus', { status }) : t('noChantiers');
	return {
		embed: buildEmbed({ kind: 'info', title, description: lines.length > 0 ? lines.join('\n') : none }),
		totalPages: Math.max(1, Math.ceil(total / pageSize))
	};
}

/** The current week (Monday to Monday) in the guild's time zone: what `/chantier` shows of the planning. */
export function thisWeek(timeZone: string, now: Date): { from: Date; to: Date } {
	const monday = DateTime.fromJSDate(now, { zone: timeZone }).startOf('week');
	return { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate() };
}
