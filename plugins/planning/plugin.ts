import { definePlugin } from '#core/plugin-kit.ts';
import { memberStats, summarySections } from '../team/extension-points.ts';
import { registerPlanningUi } from './actions.ts';
import { plannedHours, whereToday } from './contributions.ts';
import { rememberedSettings } from './settings.ts';

export default definePlugin({
	name: 'planning',
	version: '1.0.0',
	description: 'Planning des équipes : semaine et mois, entrées répétées, calendrier pour téléphone, publication du lundi.',
	dependencies: ['team'],
	settings: rememberedSettings,
	onLoad({ contribute }) {
		contribute(summarySections, whereToday);
		contribute(memberStats, plannedHours);
		const unregister = registerPlanningUi();
		return () => unregister.forEach((undo) => undo());
	}
});
