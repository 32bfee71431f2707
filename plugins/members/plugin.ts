import { definePlugin } from '#core/plugin-kit.ts';
import { forgetAction, forgetOnConfirm, type ForgetArgs } from './flows.ts';
import { membersSettings } from './settings.ts';

export default definePlugin({
	name: 'members',
	version: '1.0.0',
	description: {
		fr: 'Membres : accueil des arrivants et rôle par défaut, départs journalisés, accès à ses données et effacement (RGPD).',
		en: 'Members: welcome and default role for newcomers, departures logged, access to one’s data and erasure (GDPR).'
	},
	// The company owes access and erasure whatever plugins are on: this one cannot be switched off.
	required: true,
	discordPermissions: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'AttachFiles', 'ManageRoles'],
	settings: membersSettings,
	onLoad(ctx) {
		ctx.registerConfirmAction<ForgetArgs>(forgetAction, forgetOnConfirm(ctx.logger));
	}
});
