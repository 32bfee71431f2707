import { Command } from '@sapphire/framework';
import { PermissionFlagsBits, type AutocompleteInteraction, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { buildEmbed, confirm, inEnglish, localeOf, respond } from '#core/plugin-kit.ts';
import { jobsEmbed, runTaskAction, taskNames } from '../jobs.ts';
import { text } from '../text.ts';

const en = (key: Parameters<ReturnType<typeof text>>[0]) => inEnglish(text('en')(key));

/** `/taches-planifiees [lancer]` and `!taches-planifiees` (admins): the scheduled tasks; run one now. */
export class ScheduledJobsCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'taches-planifiees',
			aliases: ['scheduled-tasks', 'jobs'],
			description: text('en')('jobsDescription'),
			prefixUsage: { fr: text('fr')('usageJobs'), en: text('en')('usageJobs') },
			requiredUserPermissions: [PermissionFlagsBits.Administrator],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('taches-planifiees')
				.setNameLocalizations(inEnglish('scheduled-tasks'))
				.setDescription(text('fr')('jobsDescription'))
				.setDescriptionLocalizations(en('jobsDescription'))
				.setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
				.setContexts(0)
				.addStringOption((option) =>
					option
						.setName('lancer')
						.setNameLocalizations(inEnglish('run'))
						.setDescription(text('fr')('jobsRunOption'))
						.setDescriptionLocalizations(en('jobsRunOption'))
						.setAutocomplete(true)
				)
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const locale = localeOf(interaction);
		const task = interaction.options.getString('lancer');
		if (!task) return respond(interaction, { embeds: [await jobsEmbed(locale)], ephemeral: true });
		const t = text(locale);
		if (!taskNames().includes(task)) {
			return respond(interaction, { embeds: [buildEmbed({ kind: 'warning', title: t('jobsUnknown', { task }), locale })], ephemeral: true });
		}
		return confirm(interaction, { action: runTaskAction, args: { task }, title: t('jobsRunQuestion', { task }), confirmLabel: t('jobsRunConfirm'), ephemeral: true });
	}

	public override async messageRun(message: Message) {
		return respond(message, { embeds: [await jobsEmbed(localeOf(message))] });
	}

	public override async autocompleteRun(interaction: AutocompleteInteraction) {
		const typed = interaction.options.getFocused().toLowerCase();
		const choices = taskNames()
			.filter((name) => name.toLowerCase().includes(typed))
			.slice(0, 25)
			.map((name) => ({ name, value: name }));
		return interaction.respond(choices);
	}
}
