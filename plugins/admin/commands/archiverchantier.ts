import { Command, type Args } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { confirm, escapeUserText, guildTimeZone, inEnglish, localeOf, pluginLogger } from '#core/plugin-kit.ts';
import { answer, answerUsage, archiveAction, autocompleteChantier, chantierNamed } from '../chantier-flows.ts';
import { archivedName } from '../chantier-template.ts';
import { channelsOf } from '../chantiers.ts';
import { text } from '../text.ts';

const en = (key: Parameters<ReturnType<typeof text>>[0]) => inEnglish(text('en')(key));

/** `/archiverchantier chantier`: asks, then makes the chantier's channels read-only and files its category at the bottom. */
export class ArchiverChantierCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'archiverchantier',
			aliases: ['archivesite'],
			description: text('en')('archiverDescription'),
			prefixUsage: { fr: text('fr')('usageArchive'), en: text('en')('usageArchive') },
			requiredUserPermissions: [PermissionFlagsBits.ManageChannels],
			requiredClientPermissions: [PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageRoles],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('archiverchantier')
				.setNameLocalizations(inEnglish('archivesite'))
				.setDescription(fr('archiverDescription'))
				.setDescriptionLocalizations(en('archiverDescription'))
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
		return autocompleteChantier(interaction, 'open');
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.ask(interaction, interaction.options.getString('chantier', true));
	}

	public override async messageRun(message: Message, args: Args) {
		const reference = await args.rest('string').catch(() => '');
		if (!reference) return answerUsage(message);
		return this.ask(message, reference);
	}

	private async ask(target: ChatInputCommandInteraction | Message, reference: string) {
		const locale = localeOf(target as { locale?: string });
		const t = text(locale);
		const guild = target.guild!;
		const chantier = reference ? await chantierNamed(guild.id, reference) : undefined;
		const refuse = (description: string) => {
			pluginLogger(this).info({ guildId: guild.id, reference, description }, 'Chantier archive refused');
			return answer(target, 'warning', t('refusedTitle'), description);
		};
		if (!chantier) return refuse(t('unknownChantier', { chantier: escapeUserText(reference) }));
		const code = escapeUserText(chantier.code);
		if (chantier.status === 'archive') return refuse(t('alreadyArchived', { code }));
		const { category, channels } = await channelsOf(guild, chantier);
		const description = category
			? t('archiveQuestionBody', { category: escapeUserText(category.name), archived: escapeUserText(archivedName(chantier, guildTimeZone(guild.id), new Date())), count: channels.length })
			: t('archiveQuestionNoCategory');
		return confirm(target, { action: archiveAction, args: { chantierId: chantier.id }, title: t('archiveQuestionTitle', { code }), description, confirmLabel: t('archiveConfirm'), ephemeral: true });
	}
}
