import { container } from '@sapphire/framework';
import { definePlugin, healthChecks, memberData } from '#core/plugin-kit.ts';
import { metricsRegistry } from '#core/metrics.ts';
import { memberStats, summarySections } from '../team/public.ts';
import { memberActivity, messagesSection } from './contributions.ts';
import { monitoringMemberData } from './member-data.ts';
import { messageLogKey } from './message-log/live.ts';
import { messageLogBufferGauge, messageLogMetrics, type BufferSource } from './message-log/metrics.ts';
import { MessageLogWriter, type MessageLogPolicy, type MessageLogWriterOptions } from './message-log/writer.ts';
import { runTaskAction } from './jobs.ts';
import { registerSearchPager } from './search.ts';
import { monitoringSettings, type MonitoringSettings } from './settings.ts';
import { text } from './text.ts';

export default definePlugin({
	name: 'monitoring',
	version: '1.0.0',
	description: {
		fr: 'Historique des messages (recherche, statistiques d’activité), résumé du jour, santé du bot.',
		en: 'Message history (search, activity statistics), summary of the day, bot health.'
	},
	discordPermissions: ['ViewChannel', 'ReadMessageHistory'],
	dependencies: ['team'],
	settings: monitoringSettings,
	onLoad(ctx) {
		// What to log follows each server's settings; built once per server until the settings change.
		const policies = new Map<string | null, MessageLogPolicy>();
		ctx.onSettingsChange(() => policies.clear());
		const policyFor = (guildId: string | null) => {
			let policy = policies.get(guildId);
			if (!policy) {
				policy = toPolicy(ctx.settings(guildId));
				policies.set(guildId, policy);
			}
			return policy;
		};
		const options: MessageLogWriterOptions = {
			db: container.db,
			logger: ctx.logger.child({ component: 'message-log' }),
			policy: policyFor,
			...messageLogMetrics(metricsRegistry)
		};
		// A reload hands the previous writer's buffer to a writer of this version's code: nothing is lost.
		const writer = ctx.keep<MessageLogWriter>(messageLogKey, (previous) =>
			previous ? MessageLogWriter.takeOver(previous, options) : new MessageLogWriter(options)
		);
		const bufferSource = ctx.keep<BufferSource>('message-log-buffer-metric', (previous) => previous ?? { buffered: () => 0 });
		bufferSource.buffered = () => writer.stats.buffered;
		messageLogBufferGauge(metricsRegistry, bufferSource);
		ctx.contribute(healthChecks, {
			name: 'messageLog',
			// Failing once half the buffer is used: past the other half, messages start being dropped.
			check: () => ({ ok: writer.stats.buffered < 100_000, ...writer.stats })
		});
		ctx.registerConfirmAction<{ task: string }>(runTaskAction, async ({ args, locale }) => {
			await container.scheduler.runNow(args.task);
			return { kind: 'success', title: text(locale)('jobsRunDone', { task: args.task }), description: text(locale)('jobsRunDetail') };
		});
		ctx.contribute(summarySections, messagesSection);
		ctx.contribute(memberStats, memberActivity);
		ctx.contribute(memberData, monitoringMemberData(() => writer.flush()));
		ctx.onDispose(registerSearchPager());
		ctx.onDispose(async (reason) => {
			// On a reload the next version already holds the buffer; stopping for good writes what is buffered.
			if (reason === 'reload') return;
			await writer.close();
			ctx.logger.info(writer.stats, 'Message log closed');
		});
	}
});

function toPolicy(settings: MonitoringSettings): MessageLogPolicy {
	return {
		includeBots: settings.logBots,
		includeDMs: settings.logDirectMessages,
		contentExcludedChannelIds: new Set(settings.contentOffChannelIds)
	};
}
