/** What the members plugin's commands share: the erasure run on confirmation, audited and told to the staff. */
import { container } from '@sapphire/framework';
import type { User } from 'discord.js';
import { recordAudit } from '#core/audit.ts';
import { eraseMemberData } from '#core/member-data.ts';
import type { Logger } from '#core/log.ts';
import { guildSettings, postToLogChannel, type ConfirmOutcome, type ConfirmRequest, type Locale } from '#core/plugin-kit.ts';
import { erasureLines } from './members.ts';
import { text } from './text.ts';

export const forgetAction = 'members.forget';

export interface ForgetArgs {
	guildId: string;
	userId: string;
}

/**
 * Runs every plugin's erasure, then writes the one audit line naming the member (the erasure's: what
 * was done per plugin and table, nothing else about them) and tells the log channel without naming them.
 */
export function forgetOnConfirm(logger: Logger) {
	return async ({ args, locale, interaction }: ConfirmRequest<ForgetArgs>): Promise<ConfirmOutcome> => {
		const actorId = interaction.user.id;
		const report = await eraseMemberData(args);
		await recordAudit({ kind: 'action_admin', guildId: args.guildId, actorId, action: 'member.erase', target: args.userId, details: { results: report.results, failed: report.failed } });
		logger.info({ guildId: args.guildId, actorId, results: report.results, failed: report.failed }, 'Member data erased');
		const staffLocale = guildSettings(args.guildId).locale;
		const staff = text(staffLocale);
		await postToLogChannel(args.guildId, {
			kind: report.failed.length > 0 ? 'warning' : 'info',
			title: staff('logForgetTitle'),
			description: [staff('logForgetBody', { actor: `<@${actorId}>`, lines: erasureLines(report.results, staff('forgetNothing'), staffLocale) }), ...failedLine(staff, report.failed)].join('\n'),
			source: 'member.erase'
		});
		return answer(locale, report.results, report.failed);
	};
}

function failedLine(t: ReturnType<typeof text>, failed: string[]): string[] {
	return failed.length > 0 ? [t('forgetFailed', { plugins: failed.join(', ') })] : [];
}

function answer(locale: Locale, results: Record<string, Record<string, number>>, failed: string[]): ConfirmOutcome {
	const t = text(locale);
	const description = [t('forgetDoneBody', { lines: erasureLines(results, t('forgetNothing'), locale) }), ...failedLine(t, failed)].join('\n');
	return failed.length > 0 ? { kind: 'warning', title: t('forgetFailedTitle'), description } : { kind: 'success', title: t('forgetDoneTitle'), description };
}

/** The Discord user behind an id, when Discord knows it (a member who left is still a user). */
export async function userOf(userId: string): Promise<User | null> {
	return container.client.users.cache.get(userId) ?? (await container.client.users.fetch(userId).catch(() => null));
}
