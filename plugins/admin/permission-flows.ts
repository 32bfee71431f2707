// /configurerpermissions's shared parts: the difference shown in words, and the confirmation's action that applies it, audited and told.
import type { ButtonInteraction, Guild } from 'discord.js';
import { recordAudit } from '#core/audit.ts';
import type { Logger } from '#core/log.ts';
import { guildSettings, postToLogChannel, type ConfirmOutcome, type Locale } from '#core/plugin-kit.ts';
import { permissionsText } from './permissions-text.ts';
import { applyChanges, describeChange, diffOf, type OverwriteChange } from './server-permissions.ts';

export const applyPermissionsAction = 'admin.apply-permissions';
const shownLines = 25;

export interface ApplyArgs {
	categoryId: string | null;
}

/** The changes as lines, at most 25, then how many more. */
export function changeLines(changes: readonly OverwriteChange[], locale: Locale): string {
	const lines = changes.slice(0, shownLines).map((change) => describeChange(change, locale));
	if (changes.length > shownLines) lines.push(permissionsText(locale)('diffMore', { count: changes.length - shownLines }));
	return lines.join('\n');
}

/** The confirmation's action: the difference computed again (it may have changed), applied, audited and told. */
export function applyOnConfirm(logger: Logger) {
	return async ({ args, locale, interaction }: { args: ApplyArgs; locale: Locale; interaction: ButtonInteraction }): Promise<ConfirmOutcome> => {
		const t = permissionsText(locale);
		const guild = interaction.guild as Guild;
		const matrix = guildSettings(guild.id).permissions;
		const { changes } = await diffOf(guild, matrix, args.categoryId ?? undefined);
		if (changes.length === 0) return { kind: 'info', title: t('upToDateTitle'), description: t('noLongerNeeded') };
		const actorId = interaction.user.id;
		const outcome = await applyChanges(guild, changes, `/configurerpermissions (${interaction.user.username})`);
		const done = changes.slice(0, outcome.applied);
		logger.info({ guildId: guild.id, applied: outcome.applied, total: changes.length, error: outcome.error }, 'Permission matrix applied');
		await recordAudit({
			kind: 'action_admin',
			guildId: guild.id,
			actorId,
			action: 'permissions.apply',
			target: args.categoryId,
			details: {
				applied: done.map((change) => ({
					channelId: change.channel.id,
					roleId: change.role.id,
					before: change.before ? { allow: String(change.before.allow), deny: String(change.before.deny) } : null,
					after: { allow: String(change.after.allow), deny: String(change.after.deny) }
				})),
				...(outcome.error ? { error: outcome.error, total: changes.length } : {})
			}
		});
		const staff = permissionsText(guildSettings(guild.id).locale);
		await postToLogChannel(guild.id, { kind: 'info', title: staff('logTitle'), description: staff('logApplied', { actor: actorId, count: done.length }), source: 'permissions.apply' });
		const applied = t('applied', { count: done.length, lines: changeLines(done, locale) });
		if (outcome.error) return { kind: 'error', title: t('appliedTitle'), description: `${t('appliedPartly', { applied: done.length, total: changes.length, error: outcome.error })}\n${applied}` };
		return { title: t('appliedTitle'), description: applied };
	};
}
