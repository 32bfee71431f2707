import { Command } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { recordAudit } from '#core/audit.ts';
import { createStoredKey, listStoredKeys, revokeStoredKey } from '#core/bot/http/keyring.ts';
import { buildEmbed, inEnglish, localeOf, pluginLogger, respond, scopes, type EmbedKind, type Scope } from '#core/plugin-kit.ts';
import { text } from '../text.ts';

const en = (key: Parameters<ReturnType<typeof text>>[0]) => inEnglish(text('en')(key));
const keyName = /^[a-z][a-z0-9-]{1,31}$/;
/** The choices offered for a new key's scopes, widest first. */
const scopeChoices = ['read,write,admin', 'read,write', 'read', 'admin'] as const;

/**
 * `/apikey list|create|revoke`: the bot's owners (BOT_OWNER_IDS, or the server's owner) manage HTTP API
 * keys beside API_KEYS. A new key is shown once, to its creator only; only its SHA-256 is stored.
 */
export class ApiKeyCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'apikey',
			description: text('en')('apikeyDescription'),
			prefixUsage: { fr: text('fr')('usageApikey'), en: text('en')('usageApikey') },
			requiredUserPermissions: [PermissionFlagsBits.Administrator],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('apikey')
				.setDescription(fr('apikeyDescription'))
				.setDescriptionLocalizations(en('apikeyDescription'))
				.setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
				.setContexts(0)
				.addSubcommand((sub) => sub.setName('list').setDescription(fr('apikeyListDescription')).setDescriptionLocalizations(en('apikeyListDescription')))
				.addSubcommand((sub) =>
					sub
						.setName('create')
						.setDescription(fr('apikeyCreateDescription'))
						.setDescriptionLocalizations(en('apikeyCreateDescription'))
						.addStringOption((option) =>
							option.setName('name').setDescription(fr('apikeyNameOption')).setDescriptionLocalizations(en('apikeyNameOption')).setRequired(true).setMaxLength(32)
						)
						.addStringOption((option) =>
							option
								.setName('scopes')
								.setDescription(fr('apikeyScopesOption'))
								.setDescriptionLocalizations(en('apikeyScopesOption'))
								.addChoices(...scopeChoices.map((choice) => ({ name: choice, value: choice })))
						)
				)
				.addSubcommand((sub) =>
					sub
						.setName('revoke')
						.setDescription(fr('apikeyRevokeDescription'))
						.setDescriptionLocalizations(en('apikeyRevokeDescription'))
						.addStringOption((option) =>
							option.setName('name').setDescription(fr('apikeyNameOption')).setDescriptionLocalizations(en('apikeyNameOption')).setRequired(true).setMaxLength(32)
						)
				)
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const t = text(localeOf(interaction));
		const answer = (kind: EmbedKind, title: string, description: string) => respond(interaction, { embeds: [buildEmbed({ kind, title, description })], ephemeral: true });
		if (!this.isOwner(interaction.user.id, interaction.guild?.ownerId)) return answer('error', t('refusedTitle'), t('apikeyOwnersOnly'));
		const action = interaction.options.getSubcommand();
		if (action === 'list') return answer('info', t('apikeyListTitle'), await this.listing(localeOf(interaction)));
		const name = interaction.options.getString('name', true).trim().toLowerCase();
		if (!keyName.test(name)) return answer('warning', t('refusedTitle'), t('apikeyBadName', { name: name.slice(0, 40) }));
		if (action === 'revoke') {
			if (!(await revokeStoredKey(name))) return answer('warning', t('refusedTitle'), t('apikeyUnknown', { name }));
			await this.audit(interaction, 'apikey.revoke', name);
			return answer('success', t('apikeyRevokedTitle', { name }), t('apikeyRevokedBody'));
		}
		const granted = (interaction.options.getString('scopes') ?? 'read,write,admin').split(',').filter((scope): scope is Scope => (scopes as readonly string[]).includes(scope));
		const secret = await createStoredKey(name, granted, interaction.user.id);
		if (!secret) return answer('warning', t('refusedTitle'), t('apikeyTaken', { name }));
		await this.audit(interaction, 'apikey.create', name, { scopes: granted });
		return answer('success', t('apikeyCreatedTitle', { name }), t('apikeyCreatedBody', { scopes: granted.join(', '), secret }));
	}

	/** `!apikey` lists; creating or revoking in a channel would show the key to everyone there. */
	public override async messageRun(message: Message) {
		const t = text(localeOf(message));
		if (!this.isOwner(message.author.id, message.guild?.ownerId)) {
			return respond(message, { embeds: [buildEmbed({ kind: 'error', title: t('refusedTitle'), description: t('apikeyOwnersOnly') })] });
		}
		const words = message.content.trim().split(/\s+/);
		if (words[1] && words[1] !== 'list') return respond(message, { embeds: [buildEmbed({ kind: 'warning', title: t('refusedTitle'), description: t('apikeySlashOnly') })] });
		return respond(message, { embeds: [buildEmbed({ kind: 'info', title: t('apikeyListTitle'), description: await this.listing(localeOf(message)) })] });
	}

	/** A key reaches every server the bot serves: only the bot's owners, or the owner of its only server, decide. */
	private isOwner(userId: string, guildOwnerId: string | undefined): boolean {
		const { config } = this.container;
		return config.BOT_OWNER_IDS.includes(userId) || (config.DISCORD_GUILD_IDS.length <= 1 && userId === guildOwnerId);
	}

	private async listing(locale: ReturnType<typeof localeOf>): Promise<string> {
		const t = text(locale);
		const day = (date: Date) => `<t:${Math.floor(date.getTime() / 1000)}:d>`;
		const stored = await listStoredKeys();
		const lines = stored.map((key) =>
			t('apikeyLine', { name: key.name, scopes: key.scopes.join(', '), createdBy: key.createdBy, created: day(key.createdAt), revoked: key.revokedAt ? day(key.revokedAt) : 'none' })
		);
		return [t('apikeyFromEnvironment', { count: this.container.config.API_KEYS.length }), ...(lines.length > 0 ? lines : [t('apikeyNone')])].join('\n');
	}

	private async audit(interaction: ChatInputCommandInteraction, action: string, name: string, details: Record<string, unknown> = {}) {
		pluginLogger(this).info({ actor: interaction.user.id, action, key: `api-key-${name}` }, 'API key changed');
		await recordAudit({ kind: 'action_admin', guildId: interaction.guildId, actorId: interaction.user.id, action, target: name, details });
	}
}
