import { definePlugin } from '#core/plugin-kit.ts';

export default definePlugin({
	name: 'team',
	version: '1.0.0',
	description: 'Team basics: ping, help, bot information; owns the work sites (chantiers).',
	required: true
});
