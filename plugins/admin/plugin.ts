import { definePlugin } from '#core/plugin-kit.ts';

export default definePlugin({
	name: 'admin',
	version: '1.0.0',
	description: 'Administration: switch plugins on and off, reload them, per guild or bot-wide.',
	required: true
});
