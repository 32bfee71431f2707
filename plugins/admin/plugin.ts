import { definePlugin } from '#core/plugin-kit.ts';

export default definePlugin({
	name: 'admin',
	version: '1.0.0',
	description: 'Administration : modules (activer, désactiver, recharger) et leurs réglages, par serveur ou pour tout le bot.',
	required: true
});
