import { definePlugin } from '#core/plugin-kit.ts';
import { registerPlanningUi } from './actions.ts';
import { rememberedSettings } from './settings.ts';

export default definePlugin({
	name: 'planning',
	version: '1.0.0',
	description: 'Planning des équipes : semaine et mois, entrées répétées, calendrier pour téléphone, publication du lundi.',
	dependencies: ['team'],
	settings: rememberedSettings,
	onLoad() {
		const unregister = registerPlanningUi();
		return () => unregister.forEach((undo) => undo());
	}
});
