import { definePlugin, memberData } from '#core/plugin-kit.ts';
import { webhooksMemberData } from './member-data.ts';
import { webhooksSettings } from './settings.ts';

export default definePlugin({
	name: 'webhooks',
	version: '1.0.0',
	description: {
		fr: 'Webhooks entrants : réponses Tally, actions n8n (messages, tâches, planning), agendas Google vers le planning, journal des livraisons.',
		en: 'Incoming webhooks: Tally answers, n8n actions (messages, tasks, planning), Google calendars into the planning, delivery log.'
	},
	// Deliveries create tasks and planning entries through those plugins' public.ts.
	dependencies: ['tasks', 'planning'],
	// n8n's message and embed actions, and Tally responses that cannot be used, told in the log channel.
	discordPermissions: ['ViewChannel', 'SendMessages', 'EmbedLinks'],
	settings: webhooksSettings,
	onLoad(ctx) {
		ctx.contribute(memberData, webhooksMemberData);
	}
});
