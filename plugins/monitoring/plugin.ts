import { container } from '@sapphire/framework';
import { definePlugin } from '#core/plugin-kit.ts';
import { metricsRegistry } from '#core/metrics.ts';
import { memberStats, summarySections } from '../team/extension-points.ts';
import { memberActivity, messagesSection } from './contributions.ts';
import { setWriter } from './message-log/live.ts';
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
		const writer = new MessageLogWriter({
			db: container.db,
			logger: container.pino.child({ plugin: 'monitoring', component: 'message-log' }),
			policy: {
				includeBots: settings.logBots,
				includeDMs: settings.logDirectMessages,
				contentExcludedChannelIds: new Set(settings.contentOffChannelIds)
			},
			...messageLogMetrics(metricsRegistry)
		});
		setWriter(writer);
		contribute(summarySections, messagesSection);
		contribute(memberStats, memberActivity);
		const unregisterPager = registerSearchPager();
		// On reload and shutdown: write what is buffered before this version goes away.
		return async () => {
			unregisterPager();
			setWriter(undefined);
			await writer.close();
			container.pino.child({ plugin: 'monitoring' }).info(writer.stats, 'Message log closed');
		};
	}
});
