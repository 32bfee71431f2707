import { Command } from '@sapphire/framework';
import { time, TimestampStyles, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { botFigures, buildEmbed, localeOf, monsterVersion, respond } from '#core/plugin-kit.ts';
import { english } from '../localized.ts';
import { text } from '../text.ts';

export class InfoCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'info',
			description: text('en')('infoDescription'),
			prefixUsage: { fr: text('fr')('usageInfo'), en: text('en')('usageInfo') }
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('info')
				.setDescription(text('fr')('infoDescription'))
				.setDescriptionLocalizations(english('infoDescription'))
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.answer(interaction);
	}

	public override messageRun(message: Message) {
		return this.answer(message);
	}

	private async answer(target: ChatInputCommandInteraction | Message) {
		const t = text(localeOf(target as { locale?: string }));
		const { plugins, database, cache } = this.container;
		// Every shard's figures, whichever process holds it: this process may hold only some of the servers.
		const [databaseUp, cacheUp, bot] = await Promise.all([database.ping(), cache.ping(), botFigures()]);
		const records = plugins.list();
		const active = records.filter((record) => plugins.isActive(record.name, target.guildId));
		const failed = records.filter((record) => record.status === 'failed');
		const status = (up: boolean) => (up ? `🟢 ${t('up')}` : `🔴 ${t('down')}`);
		const startedAt = new Date(Date.now() - process.uptime() * 1000);
		const embed = buildEmbed({
			kind: 'info',
			title: t('infoTitle'),
			fields: [
				{ name: t('infoVersion'), value: `Monster ${monsterVersion} · Node ${process.versions.node}`, inline: true },
				{ name: t('infoUptime'), value: time(startedAt, TimestampStyles.RelativeTime), inline: true },
				{
					name: t('infoPlugins'),
					value: `${t('infoPluginsSummary', { active: active.length, failed: failed.length, off: records.length - active.length - failed.length })}\n${records
						.map((record) => `${active.includes(record) ? '🟢' : record.status === 'failed' ? '🔴' : '⚪'} ${record.name} ${record.manifest?.version ?? ''}`)
						.join('\n')}`.slice(0, 1024)
				},
				{
					name: t('infoServices'),
					value: [
						t('serviceLine', { service: 'Discord', status: `${status(bot.ready === bot.shardCount)} (${Math.max(0, bot.pingMs)} ms)` }),
						t('infoGateway', { ready: bot.ready, shards: bot.shardCount, guilds: bot.guilds, members: bot.members }),
						t('serviceLine', { service: database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite', status: status(databaseUp) }),
						t('serviceLine', { service: cache.kind === 'redis' ? 'Redis' : 'Cache', status: status(cacheUp) })
					].join('\n')
				}
			]
		});
		await respond(target, { embeds: [embed] });
	}
}
