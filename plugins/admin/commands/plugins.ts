import { Command, type Args } from '@sapphire/framework';
import {
	MessageFlags,
	PermissionFlagsBits,
	type ChatInputCommandInteraction,
	type Message,
	type SlashCommandStringOption,
	type SlashCommandSubcommandBuilder
} from 'discord.js';
import { buildEmbed, inEnglish, localeOf, pluginDescription, pluginLogger, respond, type EmbedKind, type Locale } from '#core/plugin-kit.ts';
import { recordAudit } from '#core/audit.ts';
import { PluginSwitchError, type PluginRecord } from '#core/host/host.ts';
import { speaksForAll } from '../owners.ts';
import { text } from '../text.ts';

type Action = 'list' | 'enable' | 'disable' | 'reload';
type Scope = 'guild' | 'global';

/** `commands/ping`, `listeners/team.welcome`…: what a reload added or removed, in words an admin reads. */
const pieceNames = (record: PluginRecord) => record.pieces.map(({ store, piece }) => `${store}/${piece.name}`);

/** An error message as logged, kept whole inside a code span (a backtick in it would end the span). */
const codeSpan = (message: string) => message.replace(/`/g, "'").slice(0, 300);

const en = (key: Parameters<ReturnType<typeof text>>[0]) => inEnglish(text('en')(key));

/** `/plugins list|enable|disable|reload` and `!plugins …`: admins switch plugins at runtime, per guild or bot-wide. */
export class PluginsCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'plugins',
			aliases: ['modules'],
			description: text('en')('pluginsDescription'),
			prefixUsage: { fr: text('fr')('usagePlugins'), en: text('en')('usagePlugins') },
			requiredUserPermissions: [PermissionFlagsBits.Administrator],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('plugins')
				.setDescription(text('fr')('pluginsDescription'))
				.setDescriptionLocalizations(en('pluginsDescription'))
				.setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
				.setContexts(0)
				.addSubcommand((sub) => sub.setName('list').setDescription(text('fr')('listDescription')).setDescriptionLocalizations(en('listDescription')))
				.addSubcommand((sub) =>
					this.pluginOption(sub.setName('enable').setDescription(text('fr')('enableDescription')).setDescriptionLocalizations(en('enableDescription'))).addStringOption(
						(option) => this.scopeOption(option)
					)
				)
				.addSubcommand((sub) =>
					this.pluginOption(sub.setName('disable').setDescription(text('fr')('disableDescription')).setDescriptionLocalizations(en('disableDescription'))).addStringOption(
						(option) => this.scopeOption(option)
					)
				)
				.addSubcommand((sub) =>
					this.pluginOption(sub.setName('reload').setDescription(text('fr')('reloadDescription')).setDescriptionLocalizations(en('reloadDescription')))
				)
		);
	}

	public override async autocompleteRun(interaction: Command.AutocompleteInteraction) {
		const typed = interaction.options.getFocused().toLowerCase();
		await interaction.respond(
			this.container.plugins
				.list()
				.filter((record) => record.name.includes(typed))
				.slice(0, 25)
				.map((record) => ({ name: record.name, value: record.name }))
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		const action = interaction.options.getSubcommand() as Action;
		const scope = (interaction.options.getString('portee') as Scope | null) ?? 'guild';
		return this.run(interaction, action, interaction.options.getString('plugin'), scope);
	}

	public override async messageRun(message: Message, args: Args) {
		const action = await args.pick('string').catch(() => 'list');
		const plugin = await args.pick('string').catch(() => null);
		const scope = (await args.pick('string').catch(() => 'guild')) === 'global' ? 'global' : 'guild';
		if (!['list', 'enable', 'disable', 'reload'].includes(action)) {
			await respond(message, { embeds: [buildEmbed({ kind: 'warning', title: text(localeOf(message))('refusedTitle'), description: text(localeOf(message))('usage') })] });
			return;
		}
		await this.run(message, action as Action, plugin, scope);
	}

	private async run(target: ChatInputCommandInteraction | Message, action: Action, plugin: string | null, scope: Scope) {
		const t = text(localeOf(target as { locale?: string }));
		const answer = (kind: EmbedKind, title: string, description: string) => respond(target, { embeds: [buildEmbed({ kind, title, description })], ephemeral: true });
		if (action === 'list') return respond(target, { embeds: [this.listEmbed(target.guildId, localeOf(target as { locale?: string }))], ephemeral: true });
		if (!plugin) return answer('warning', t('refusedTitle'), t('missingPlugin'));
		const { plugins } = this.container;
		const actor = 'author' in target ? target.author.id : target.user.id;
		if ((scope === 'global' || action === 'reload') && !speaksForAll(actor)) return answer('warning', t('refusedTitle'), t('ownersOnly'));
		const scopeText = scope === 'global' ? t('scopeGlobal') : t('scopeGuild');
		try {
			if (action === 'reload') {
				// A reload re-imports the plugin and its dependents: it can take longer than Discord's 3 seconds.
				if ('deferReply' in target) await target.deferReply({ flags: MessageFlags.Ephemeral });
				const before = plugins.get(plugin);
				if (!before) throw new PluginSwitchError('unknown', plugin);
				const piecesBefore = pieceNames(before);
				const { outcome, record: after } = await plugins.reload(plugin);
				await recordAudit({ kind: 'action_admin', guildId: target.guildId, actorId: actor, action: 'plugin.reload', target: plugin, details: { outcome } });
				if (!after) return answer('error', t('reloadFailedTitle'), t('folderRemoved', { plugin }));
				if (outcome === 'unchanged') return answer('info', t('unchangedTitle'), t('unchangedBody', { plugin }));
				if (after.status !== 'active' || outcome === 'refused') return answer('error', t('reloadFailedTitle'), t('reloadFailedBody', { plugin, error: codeSpan(after.error ?? '') }));
				const piecesAfter = pieceNames(after);
				const added = piecesAfter.filter((name) => !piecesBefore.includes(name));
				const removed = piecesBefore.filter((name) => !piecesAfter.includes(name));
				const changes = [added.length > 0 && t('reloadAdded', { pieces: added.join(', ') }), removed.length > 0 && t('reloadRemoved', { pieces: removed.join(', ') })];
				return answer('success', t('reloadedTitle'), [
					t('reloadedBody', {
						plugin,
						from: before.manifest?.version ?? '?',
						to: after.manifest?.version ?? '?',
						pieces: after.pieces.length,
						reloads: after.reloads
					}),
					...changes.filter(Boolean)
				].join('\n'));
			}
			const enabled = action === 'enable';
			await plugins.setEnabled(plugin, enabled, { guildId: scope === 'guild' ? (target.guildId ?? undefined) : undefined, actor });
			pluginLogger(this).info({ target: plugin, enabled, scope, guildId: target.guildId, actor }, 'Plugin switched by an admin');
			if (enabled) return answer('success', t('enabledTitle'), t('enabledBody', { plugin, scope: scopeText }));
			const dependents = plugins.dependentsOf(plugin);
			const note = dependents.length > 0 ? `\n${t('disabledDependents', { plugins: dependents.join(', ') })}` : '';
			return answer('success', t('disabledTitle'), t('disabledBody', { plugin, scope: scopeText }) + note);
		} catch (error) {
			if (!(error instanceof PluginSwitchError)) throw error;
			const reason = { unknown: 'refusedUnknown', required: 'refusedRequired', dependencies: 'refusedDependencies' } as const;
			return answer('warning', t('refusedTitle'), t(reason[error.reason], { plugin: error.plugin, plugins: error.dependencies.map((name) => `« ${name} »`).join(', '), count: error.dependencies.length }));
		}
	}

	private listEmbed(guildId: string | null, locale: Locale) {
		const t = text(locale);
		const { plugins } = this.container;
		const lines = plugins.list().map((record) => {
			const current = plugins.stateOf(record.name, guildId)!;
			const state = {
				failed: () => `🔴 ${t('failedBecause', { error: codeSpan(record.error ?? '') })}`,
				skipped: () => `⏭️ ${t('skipped')}`,
				waiting: () => `🟡 ${t('waiting', { plugins: (current.waitingFor ?? []).join(', ') })}`,
				active: () => `🟢 ${t('active')}`,
				off: () => `⚪ ${t('off')}`
			}[current.state]();
			const required = record.manifest?.required ? ` · ${t('requiredPlugin')}` : '';
			const dependencies = record.manifest?.dependencies.length ? ` · ${t('dependsOn')} ${record.manifest.dependencies.join(', ')}` : '';
			const warning = record.status === 'active' && record.error ? `\n   ⚠️ ${t('lastReloadRefused', { error: codeSpan(record.error) })}` : '';
			return `**${record.name}** ${record.manifest?.version ?? ''} — ${state}${required}${dependencies}${warning}\n   ${record.manifest ? pluginDescription(record.manifest, locale) : ''}`;
		});
		return buildEmbed({ kind: 'info', title: t('listTitle'), description: lines.join('\n').slice(0, 4096) });
	}

	private pluginOption(sub: SlashCommandSubcommandBuilder) {
		return sub.addStringOption((option) =>
			option.setName('plugin').setDescription(text('fr')('pluginOption')).setDescriptionLocalizations(en('pluginOption')).setRequired(true).setAutocomplete(true)
		);
	}

	private scopeOption(option: SlashCommandStringOption) {
		return option
			.setName('portee')
			.setNameLocalizations(inEnglish('scope'))
			.setDescription(text('fr')('scopeOption'))
			.setDescriptionLocalizations(en('scopeOption'))
			.addChoices(
				{ name: text('fr')('scopeGuild'), name_localizations: en('scopeGuild'), value: 'guild' },
				{ name: text('fr')('scopeGlobal'), name_localizations: en('scopeGlobal'), value: 'global' }
			);
	}
}
