import { Command, type Args } from '@sapphire/framework';
import { MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { escapeUserText, guildTimeZone, inEnglish, localeOf, pluginLogger, pluginOf } from '#core/plugin-kit.ts';
import { actorOf, answer, answerUsage, autocompleteChantier, chantierNamed, traceChantierAction } from '../chantier-flows.ts';
import { unarchiveChantier } from '../chantiers.ts';
import type { AdminSettings } from '../settings.ts';
import { text } from '../text.ts';

const en = (key: Parameters<ReturnType<typeof text>>[0]) => inEnglish(text('en')(key));

/** `/desarchiverchantier chantier`: the archived chantier's channels, name, place and status as they were. */
export class DesarchiverChantierCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'desarchiverchantier',
			aliases: ['désarchiverchantier', 'unarchivesite'],
			description: text('en')('desarchiverDescription'),
			prefixUsage: { fr: text('fr')('usageUnarchive'), en: text('en')('usageUnarchive') },
			requiredUserPermissions: [PermissionFlagsBits.ManageChannels],
			requiredClientPermissions: [PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageRoles],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('desarchiverchantier')
				.setNameLocalizations(inEnglish('unarchivesite'))
				.setDescription(fr('desarchiverDescription'))
				.setDescriptionLocalizations(en('desarchiverDescription'))
				.setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
				.setContexts(0)
				.addStringOption((option) =>
					option
						.setName('chantier')
						.setNameLocalizations(inEnglish('site'))
						.setDescription(fr('chantierOption'))
						.setDescriptionLocalizations(en('chantierOption'))
						.setRequired(true)
						.setAutocomplete(true)
				)
		);
	}

	public override autocompleteRun(interaction: Command.AutocompleteInteraction) {
		return autocompleteChantier(interaction, 'archived');
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		return this.unarchive(interaction, interaction.options.getString('chantier', true));
	}

	public override async messageRun(message: Message, args: Args) {
		const reference = await args.rest('string').catch(() => '');
		if (!reference) return answerUsage(message);
		return this.unarchive(message, reference);
	}

	private async unarchive(target: ChatInputCommandInteraction | Message, reference: string) {
		const locale = localeOf(target as { locale?: string });
		const t = text(locale);
		const guild = target.guild!;
		const logger = pluginLogger(this);
		const chantier = reference ? await chantierNamed(guild.id, reference) : undefined;
		const refuse = (kind: 'warning' | 'error', description: string) => {
			logger.info({ guildId: guild.id, reference, description }, 'Chantier unarchive refused');
			return answer(target, kind, t('refusedTitle'), description);
		};
		if (!chantier) return refuse('warning', t('unknownChantier', { chantier: escapeUserText(reference) }));
		const vars = { code: escapeUserText(chantier.code), name: escapeUserText(chantier.name) };
		if (chantier.status !== 'archive') return refuse('warning', t('notArchived', vars));
		const actorId = actorOf(target);
		const settings = pluginOf<AdminSettings>(this).settings(guild.id);
		const outcome = await unarchiveChantier(guild, chantier, settings, { actorId, timeZone: guildTimeZone(guild.id), now: new Date(), logger });
		if (!outcome.ok) return refuse('error', t('discordRefusedUnarchive', { message: outcome.refusal.reason === 'discord' ? outcome.refusal.message : outcome.refusal.reason }));
		await traceChantierAction(guild.id, actorId, 'chantier.unarchive', chantier, { to: outcome.value.status });
		return answer(target, 'success', t('unarchivedTitle'), t('unarchivedBody', { ...vars, status: t(`status_${outcome.value.status}`) }));
	}
}
