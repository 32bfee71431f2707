import { Command, type Args } from '@sapphire/framework';
import { MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { escapeUserText, guildTimeZone, inEnglish, localeOf, pluginLogger, pluginOf } from '#core/plugin-kit.ts';
import { actorOf, answer, answerUsage, refusalText, traceChantierAction } from '../chantier-flows.ts';
import { limits, type ChantierInput } from '../chantier-template.ts';
import { createChantier } from '../chantiers.ts';
import type { AdminSettings } from '../settings.ts';
import { text } from '../text.ts';

const en = (key: Parameters<ReturnType<typeof text>>[0]) => inEnglish(text('en')(key));

/**
 * `/creerchantier code nom [client] [adresse] [début] [fin]`: the chantier's category and channels
 * from the server's template, and its record, in one step; all or nothing.
 */
export class CreerChantierCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'creerchantier',
			aliases: ['créerchantier', 'newsite'],
			description: text('en')('creerDescription'),
			prefixUsage: { fr: text('fr')('usageCreate'), en: text('en')('usageCreate') },
			requiredUserPermissions: [PermissionFlagsBits.ManageChannels],
			requiredClientPermissions: [PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageRoles],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('creerchantier')
				.setNameLocalizations(inEnglish('newsite'))
				.setDescription(fr('creerDescription'))
				.setDescriptionLocalizations(en('creerDescription'))
				.setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
				.setContexts(0)
				.addStringOption((option) => option.setName('code').setDescription(fr('codeOption')).setDescriptionLocalizations(en('codeOption')).setRequired(true).setMaxLength(32))
				.addStringOption((option) =>
					option.setName('nom').setNameLocalizations(inEnglish('name')).setDescription(fr('nameOption')).setDescriptionLocalizations(en('nameOption')).setRequired(true).setMaxLength(limits.name)
				)
				.addStringOption((option) => option.setName('client').setDescription(fr('clientOption')).setDescriptionLocalizations(en('clientOption')).setMaxLength(limits.client))
				.addStringOption((option) =>
					option.setName('adresse').setNameLocalizations(inEnglish('address')).setDescription(fr('addressOption')).setDescriptionLocalizations(en('addressOption')).setMaxLength(limits.address)
				)
				.addStringOption((option) => option.setName('début').setNameLocalizations(inEnglish('start')).setDescription(fr('startOption')).setDescriptionLocalizations(en('startOption')))
				.addStringOption((option) => option.setName('fin').setNameLocalizations(inEnglish('end')).setDescription(fr('endOption')).setDescriptionLocalizations(en('endOption')))
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		// Several Discord calls: more than Discord's 3 seconds on a slow day. The member sees one answer.
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const option = (name: string) => interaction.options.getString(name);
		return this.create(interaction, {
			code: option('code') ?? '',
			name: option('nom') ?? '',
			client: option('client'),
			address: option('adresse'),
			startsOn: option('début'),
			endsOn: option('fin')
		});
	}

	public override async messageRun(message: Message, args: Args) {
		const code = await args.pick('string').catch(() => '');
		const name = await args.rest('string').catch(() => '');
		if (!code || !name) return answerUsage(message);
		return this.create(message, { code, name });
	}

	private async create(target: ChatInputCommandInteraction | Message, input: ChantierInput) {
		const locale = localeOf(target as { locale?: string });
		const t = text(locale);
		const guild = target.guild!;
		const actorId = actorOf(target);
		const logger = pluginLogger(this);
		const settings = pluginOf<AdminSettings>(this).settings(guild.id);
		const outcome = await createChantier(guild, input, settings, { actorId, timeZone: guildTimeZone(guild.id), now: new Date(), logger });
		if (!outcome.ok) {
			logger.info({ guildId: guild.id, actorId, code: input.code, refusal: outcome.refusal }, 'Chantier creation refused');
			return answer(target, outcome.refusal.reason === 'discord' ? 'error' : 'warning', t('refusedTitle'), refusalText(locale, outcome.refusal));
		}
		const { chantier, channels } = outcome.value;
		const mentions = channels.map((channel) => `<#${channel.id}>`).join(', ');
		await traceChantierAction(guild.id, actorId, 'chantier.create', chantier, { channels: mentions, categoryId: chantier.discordCategoryId });
		return answer(
			target,
			'success',
			t('createdTitle'),
			t('createdBody', { code: escapeUserText(chantier.code), name: escapeUserText(chantier.name), category: `<#${chantier.discordCategoryId}>`, channels: mentions })
		);
	}
}
