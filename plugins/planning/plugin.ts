import { definePlugin, memberData } from '#core/plugin-kit.ts';
import { chantierSections, memberStats, summarySections } from '../team/public.ts';
import { registerPlanningUi } from './actions.ts';
import { plannedHours, plannedOnChantier, whereToday } from './contributions.ts';
import { planningMemberData } from './member-data.ts';
import { planningSettingsSchema } from './settings.ts';

export default definePlugin({
	name: 'planning',
	version: '1.0.0',
	description: {
		fr: 'Planning des équipes : semaine et mois, entrées répétées, calendrier pour téléphone, publication du lundi.',
		en: 'Team planning: week and month, repeated entries, phone calendar, Monday publication.'
	},
	discordPermissions: ['ViewChannel', 'SendMessages', 'EmbedLinks'],
	dependencies: ['team'],
	settings: planningSettingsSchema,
	onLoad(ctx) {
		ctx.contribute(summarySections, whereToday);
		ctx.contribute(memberStats, plannedHours);
		ctx.contribute(chantierSections, plannedOnChantier);
		ctx.contribute(memberData, planningMemberData);
		for (const unregister of registerPlanningUi()) ctx.onDispose(unregister);
	}
});
