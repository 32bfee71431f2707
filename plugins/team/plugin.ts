import { definePlugin } from '#core/plugin-kit.ts';

export default definePlugin({
	name: 'team',
	version: '1.0.0',
	description: 'Les bases de l’équipe : ping, aide, informations sur le bot ; gère les chantiers.',
	required: true
});
