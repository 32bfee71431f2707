import { Command, type Args } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction, type Message, type SlashCommandSubcommandBuilder } from 'discord.js';
import { recordAudit } from '#core/audit.ts';
import { isChannelSetting, isSecretSetting, settingField, settingKeys, SettingsError, shownSettingValue } from '#core/host/settings.ts';
import { buildEmbed, findTextChannel, guildSettings, inEnglish, localeOf, pluginLogger, postToLogChannel, respond, type EmbedKind, type Locale } from '#core/plugin-kit.ts';
import { currentValues, findOwner, parseSettingValue, settingsOwners, showValue, valueSuggestions, type SettingsOwner } from '../config-values.ts';
import { speaksForAll } from '../owners.ts';
import { text } from '../text.ts';

type Action = 'voir' | 'définir' | 'réinitialiser';
type Scope = 'guild' | 'global';

interface Request {
	action: Action;
	plugin: string | null;
	key: string | null;
	value: string | null;
	scope: Scope;
}

const en = (key: Parameters<ReturnType<typeof text>>[0]) => inEnglish(text('en')(key));

/** Words a prefix user may type for each action, French first. */
const actionWords: Record<string, Action> = {
	voir: 'voir',
	view: 'voir',
	définir: 'définir',
	definir: 'définir',
	set: 'définir',
	réinitialiser: 'réinitialiser',
	reinitialiser: 'réinitialiser',
	reset: 'réinitialiser'
};

/**
 * `/config voir|définir|réinitialiser plugin clé [valeur]`: a plugin's settings (or the core's:
 * time zone, language, log and alerts channels) for this server, or bot-wide for the bot's owners.
 * Values are checked by the owner's own schema; a change reaches every instance without a restart.
 */
export class ConfigCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'config',
			aliases: ['réglages', 'reglages'],
			description: text('en')('configDescription'),
			prefixUsage: { fr: text('fr')('usageConfig'), en: text('en')('usageConfig') },
			requiredUserPermissions: [PermissionFlagsBits.Administrator],
			runIn: ['GUILD_ANY'],
			flags: ['global']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const subcommand = (sub: SlashCommandSubcommandBuilder, name: Action, english: string, description: 'configViewDescription' | 'configSetDescription' | 'configResetDescription') =>
			sub.setName(name).setNameLocalizations(inEnglish(english)).setDescription(text('fr')(description)).setDescriptionLocalizations(en(description));
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('config')
				.setDescription(text('fr')('configDescription'))
				.setDescriptionLocalizations(en('configDescription'))
				.setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
				.setContexts(0)
				.addSubcommand((sub) => this.scopeOption(this.keyOption(this.pluginOption(subcommand(sub, 'voir', 'view', 'configViewDescription')), false)))
				.addSubcommand((sub) =>
					this.scopeOption(
						this.keyOption(this.pluginOption(subcommand(sub, 'définir', 'set', 'configSetDescription')), true).addStringOption((option) =>
							option
								.setName('valeur')
								.setNameLocalizations(inEnglish('value'))
								.setDescription(text('fr')('configValueOption'))
								.setDescriptionLocalizations(en('configValueOption'))
								.setRequired(true)
								.setMaxLength(4000)
								.setAutocomplete(true)
						)
					)
				)
				.addSubcommand((sub) => this.scopeOption(this.keyOption(this.pluginOption(subcommand(sub, 'réinitialiser', 'reset', 'configResetDescription')), true)))
		);
	}

	public override async autocompleteRun(interaction: Command.AutocompleteInteraction) {
		const focused = interaction.options.getFocused(true);
		const typed = focused.value.trim().toLowerCase();
		if (focused.name === 'plugin') {
			const owners = settingsOwners().filter((owner) => owner.name.includes(typed));
			return interaction.respond(owners.slice(0, 25).map((owner) => ({ name: owner.name, value: owner.name })));
		}
		const owner = findOwner(interaction.options.getString('plugin') ?? '');
		if (!owner) return interaction.respond([]);
		const scope = (interaction.options.getString('portee') as Scope | null) ?? 'guild';
		if (focused.name === 'valeur') {
			const key = interaction.options.getString('clé') ?? '';
			const field = settingField(owner.schema, key);
			if (!field) return interaction.respond([]);
			// A secret is never offered back: suggesting "••••••" would store the mark as the value.
			const current = isSecretSetting(owner.schema, key) ? undefined : this.settingValue(owner, scope === 'guild' ? interaction.guildId : null, key);
			return interaction.respond(valueSuggestions(field, current, focused.value).map((value) => ({ name: value, value })));
		}
		const values = currentValues(owner, scope === 'guild' ? interaction.guildId : null).filter(({ key }) => key.toLowerCase().includes(typed));
		return interaction.respond(values.slice(0, 25).map(({ key, value }) => ({ name: `${key} = ${showValue(shownSettingValue(owner.schema, key, value))}`.slice(0, 100), value: key })));
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.run(interaction, {
			action: interaction.options.getSubcommand() as Action,
			plugin: interaction.options.getString('plugin'),
			key: interaction.options.getString('clé'),
			value: interaction.options.getString('valeur'),
			scope: (interaction.options.getString('portee') as Scope | null) ?? 'guild'
		});
	}

	public override async messageRun(message: Message, args: Args) {
		const action = actionWords[(await args.pick('string').catch(() => 'voir')).toLowerCase()];
		if (!action) return this.answer(message, 'warning', text(localeOf(message))('refusedTitle'), text(localeOf(message))('configUsage'));
		return this.run(message, {
			action,
			plugin: await args.pick('string').catch(() => null),
			key: await args.pick('string').catch(() => null),
			value: await args.rest('string').catch(() => null),
			scope: args.getFlags('global') ? 'global' : 'guild'
		});
	}

	private async run(target: ChatInputCommandInteraction | Message, request: Request) {
		const locale = localeOf(target as { locale?: string });
		const t = text(locale);
		// A refused input or request is a warning (⚠️), as in the other commands; ❌ is for the bot failing.
		const refuse = (description: string) => this.answer(target, 'warning', t('refusedTitle'), description);
		const actor = 'author' in target ? target.author.id : target.user.id;
		const owners = settingsOwners().map((owner) => `\`${owner.name}\``).join(', ');
		if (!request.plugin) return refuse(`${t('configMissingPlugin', { plugins: owners })}\n${t('configUsage')}`);
		const owner = findOwner(request.plugin);
		if (!owner) return refuse(t('configUnknownPlugin', { plugin: request.plugin, plugins: owners }));
		const keys = settingKeys(owner.schema).map((key) => `\`${key}\``).join(', ');
		if (request.scope === 'global' && request.action !== 'voir' && !speaksForAll(actor)) return refuse(t('configOwnersOnly'));
		const guildId = request.scope === 'guild' ? target.guildId : null;
		const scopeText = request.scope === 'global' ? t('scopeGlobal') : t('scopeGuild');

		if (request.action === 'voir') {
			if (request.key && !settingField(owner.schema, request.key)) return refuse(t('configUnknownKey', { plugin: owner.name, key: request.key, keys }));
			return this.answer(target, 'info', t('configTitle', { plugin: owner.name, scope: scopeText }), this.describeValues(owner, guildId, request.key, locale));
		}
		if (!request.key) return refuse(t('configMissingKey', { keys }));
		const field = settingField(owner.schema, request.key);
		if (!field) return refuse(t('configUnknownKey', { plugin: owner.name, key: request.key, keys }));
		const key = request.key;
		const before = this.settingValue(owner, guildId, key);
		try {
			if (request.action === 'définir') {
				if (request.value === null) return refuse(t('configMissingValue', { key }));
				await this.container.settings.set(owner.name, owner.schema, key, parseSettingValue(field, request.value), { guildId, actor, locale });
			} else {
				await this.container.settings.reset(owner.name, owner.schema, key, { guildId, actor });
			}
		} catch (error) {
			if (!(error instanceof SettingsError)) throw error;
			pluginLogger(this).info({ owner: owner.name, key, scope: request.scope, guildId: target.guildId, actor, issues: error.issues }, 'Setting refused');
			const lines = error.issues.map((issue) => t('configInvalid', { key: issue.key || key, message: issue.message }));
			return this.answer(target, 'warning', t('configInvalidTitle'), lines.join('\n'));
		}
		// A secret (a webhook URL and its token) is never shown, logged or audited: only whether it is set.
		const shownBefore = shownSettingValue(owner.schema, key, before);
		const after = shownSettingValue(owner.schema, key, this.settingValue(owner, guildId, key));
		const change = { plugin: owner.name, key, before: showValue(shownBefore), after: showValue(after), scope: scopeText };
		pluginLogger(this).info({ owner: owner.name, key, scope: request.scope, guildId: target.guildId, actor, value: after }, 'Setting changed by an admin');
		await recordAudit({
			kind: 'changement_config',
			guildId: target.guildId,
			actorId: actor,
			action: request.action === 'définir' ? 'config.set' : 'config.reset',
			target: `${owner.name}.${key}`,
			details: { scope: request.scope, before: shownBefore ?? null, after: after ?? null }
		});
		if (request.action === 'définir') {
			const value = this.settingValue(owner, guildId, key);
			// Saved all the same: the channel may be created next; until then what goes there is posted nowhere.
			const missing = isChannelSetting(owner.schema, key) && target.guild && typeof value === 'string' && value && !findTextChannel(target.guild, value);
			const body = t('configSetBody', change);
			await this.answer(target, missing ? 'warning' : 'success', t('configSetTitle'), missing ? `${body}\n${t('configChannelMissing', { channel: value })}` : body);
		}
		else await this.answer(target, 'success', t('configResetTitle'), t('configResetBody', change));
		if (!target.guildId) return;
		// In the server's own language: the staff reads the log channel, not only the admin who typed.
		const staff = text(guildSettings(target.guildId).locale);
		const logged = { ...change, scope: request.scope === 'global' ? staff('scopeGlobal') : staff('scopeGuild'), actor: `<@${actor}>` };
		await postToLogChannel(target.guildId, { kind: 'info', title: staff('configLogTitle'), description: staff('configLogBody', logged), source: 'config' });
	}

	private settingValue(owner: SettingsOwner, guildId: string | null, key: string): unknown {
		return (this.container.settings.resolve(owner.name, owner.schema, guildId) as Record<string, unknown>)[key];
	}

	private describeValues(owner: SettingsOwner, guildId: string | null, key: string | null, locale: Locale): string {
		const t = text(locale);
		const sources = { default: t('sourceDefault'), bot: t('sourceBot'), server: t('sourceServer') };
		return currentValues(owner, guildId)
			.filter((value) => !key || value.key === key)
			.map(({ key: name, value, source }) => `**${name}** = \`${showValue(shownSettingValue(owner.schema, name, value)).slice(0, 300)}\` · ${sources[source]}`)
			.join('\n');
	}

	private answer(target: ChatInputCommandInteraction | Message, kind: EmbedKind, title: string, description: string) {
		return respond(target, { embeds: [buildEmbed({ kind, title, description })], ephemeral: true });
	}

	private pluginOption(sub: SlashCommandSubcommandBuilder) {
		return sub.addStringOption((option) =>
			option.setName('plugin').setDescription(text('fr')('configPluginOption')).setDescriptionLocalizations(en('configPluginOption')).setRequired(true).setAutocomplete(true)
		);
	}

	private keyOption(sub: SlashCommandSubcommandBuilder, required: boolean) {
		return sub.addStringOption((option) =>
			option
				.setName('clé')
				.setNameLocalizations(inEnglish('key'))
				.setDescription(text('fr')('configKeyOption'))
				.setDescriptionLocalizations(en('configKeyOption'))
				.setRequired(required)
				.setAutocomplete(true)
		);
	}

	private scopeOption(sub: SlashCommandSubcommandBuilder) {
		return sub.addStringOption((option) =>
			option
				.setName('portee')
				.setNameLocalizations(inEnglish('scope'))
				.setDescription(text('fr')('configScopeOption'))
				.setDescriptionLocalizations(en('configScopeOption'))
				.addChoices(
					{ name: text('fr')('scopeGuild'), name_localizations: en('scopeGuild'), value: 'guild' },
					{ name: text('fr')('scopeGlobal'), name_localizations: en('scopeGlobal'), value: 'global' }
				)
		);
	}
}
