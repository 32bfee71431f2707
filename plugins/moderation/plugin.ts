import { container } from '@sapphire/framework';
import { definePlugin, memberData } from '#core/plugin-kit.ts';
import { eraseMemberCases, memberCases } from './queries.ts';
import { recordPager, renderRecordPage, type RecordData } from './record.ts';
import { removalActions, removalOnConfirm, type RemovalArgs } from './removals.ts';
import { moderationSettings } from './settings.ts';

export default definePlugin({
	name: 'moderation',
	version: '1.0.0',
	description: {
		fr: 'Modération : avertissements, exclusions, expulsions et bannissements en cas numérotés, casier, signalements.',
		en: 'Moderation: warnings, timeouts, kicks and bans as numbered cases, records, reports.'
	},
	discordPermissions: ['ModerateMembers', 'KickMembers', 'BanMembers', 'ManageMessages', 'SendMessages', 'EmbedLinks'],
	settings: moderationSettings,
	onLoad(ctx) {
		ctx.registerPager<RecordData>(recordPager, renderRecordPage);
		ctx.registerConfirmAction<RemovalArgs>(removalActions.expulsion, removalOnConfirm(ctx, 'expulsion'));
		ctx.registerConfirmAction<RemovalArgs>(removalActions.bannissement, removalOnConfirm(ctx, 'bannissement'));
		// RGPD: a member's cases (as target, as moderator) are exported, and anonymised on erasure.
		ctx.contribute(memberData, {
			export: (member) => memberCases(container.db, member.guildId, member.userId),
			erase: (member) => eraseMemberCases(container.db, member.guildId, member.userId)
		});
	}
});
