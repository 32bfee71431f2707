import { container } from '@sapphire/framework';
import { definePlugin } from '#core/plugin-kit.ts';
import { metricsRegistry } from '#core/metrics.ts';
import { memberStats, summarySections } from '../team/extension-points.ts';
import { memberActivity, messagesSection } from './contributions.ts';
import { forgetWriter, keepWriter } from './message-log/live.ts';
import { messageLogMetrics } from './message-log/metrics.ts';
import { MessageLogWriter } from './message-log/writer.ts';
import { registerSearchPager } from './search.ts';
import { monitoringSettings } from './settings.ts';

export default definePlugin({
	name: 'monitoring',
	version: '1.0.0',
	description: 'Historique des messages (recherche, statistiques d’activité), résumé du jour, santé du bot.',
	dependencies: ['team'],
	settings: monitoringSettings,
	onLoad({ settings, contribute }) {
		const policy = {
			includeBots: settings.logBots,
			includeDMs: settings.logDirectMessages,
			contentExcludedChannelIds: new Set(settings.contentOffChannelIds)
		};
		const writer = keepWriter(
			() =>
				new MessageLogWriter({
					db: container.db,
					logger: container.pino.child({ plugin: 'monitoring', component: 'message-log' }),
					...messageLogMetrics(metricsRegistry)
				})
		);
		writer.setPolicy(policy);
		contribute(summarySections, messagesSection);
		contribute(memberStats, memberActivity);
		const unregisterPager = registerSearchPager();
		return async (reason) => {
			unregisterPager();
			// A reload keeps the writer and its buffer for the next version; stopping writes what is buffered.
			if (reason === 'reload') return;
			forgetWriter();
			await writer.close();
			container.pino.child({ plugin: 'monitoring' }).info(writer.stats, 'Message log closed');
		};
	}
});
