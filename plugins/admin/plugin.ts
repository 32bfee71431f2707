import { definePlugin, memberData } from '#core/plugin-kit.ts';
import { deleteAnnouncementAction, deleteOnConfirm } from './announcement-flows.ts';
import { archiveAction, archiveOnConfirm, listPager, renderChantiersPage, type ListData } from './chantier-flows.ts';
import { adminMemberData } from './member-data.ts';
import { applyOnConfirm, applyPermissionsAction } from './permission-flows.ts';
import { adminSettings } from './settings.ts';

export default definePlugin({
	name: 'admin',
	version: '1.1.0',
	description: {
		fr: 'Administration : modules et leurs réglages, chantiers de la création à l’archive, audit du serveur, permissions et annonces planifiées.',
		en: 'Administration: plugins and their settings, work sites from creation to archive, server audit, permissions and scheduled announcements.'
	},
	discordPermissions: ['ViewChannel', 'ManageChannels', 'ManageRoles', 'SendMessages'],
	required: true,
	dependencies: ['team'],
	settings: adminSettings,
	onLoad(ctx) {
		ctx.registerPager<ListData>(listPager, renderChantiersPage);
		ctx.registerConfirmAction(archiveAction, archiveOnConfirm(ctx.logger));
		ctx.registerConfirmAction(applyPermissionsAction, applyOnConfirm(ctx.logger));
		ctx.registerConfirmAction(deleteAnnouncementAction, deleteOnConfirm(ctx.logger));
		ctx.contribute(memberData, adminMemberData);
	}
});
