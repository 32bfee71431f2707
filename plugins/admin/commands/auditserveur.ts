// `/auditserveur`: the server's whole structure as a JSON file, with a summary of the problems found.
import { Command } from '@sapphire/framework';
import { AttachmentBuilder, MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { recordAudit } from '#core/audit.ts';
import { buildEmbed, escapeUserText, localeOf, pluginLogger, respond, type Locale } from '#core/plugin-kit.ts';
import { permissionsEnglish, permissionsText } from '../permissions-text.ts';
import { auditServer, type ServerAudit } from '../server-audit.ts';

const shownPerProblem = 10;

export class AuditServeurCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'auditserveur',
			aliases: ['serveraudit'],
			description: permissionsText('en')('auditDescription'),
			prefixUsage: { fr: permissionsText('fr')('usageAudit'), en: permissionsText('en')('usageAudit') },
			requiredUserPermissions: [PermissionFlagsBits.Administrator],
			requiredClientPermissions: [PermissionFlagsBits.AttachFiles],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('auditserveur')
				.setNameLocalizations({ 'en-US': 'serveraudit', 'en-GB': 'serveraudit' })
				.setDescription(permissionsText('fr')('auditDescription'))
				.setDescriptionLocalizations(permissionsEnglish('auditDescription'))
				.setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
				.setContexts(0)
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		// Fetching every member may take longer than Discord's 3 seconds.
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		return this.run(interaction);
	}

	public override messageRun(message: Message) {
		return this.run(message);
	}

	private async run(target: ChatInputCommandInteraction | Message) {
		const locale = localeOf(target as { locale?: string });
		const guild = target.guild!;
		const now = new Date();
		const audit = await auditServer(guild, now);
		const file = new AttachmentBuilder(Buffer.from(JSON.stringify(audit, null, 2)), { name: `audit-${guild.id}-${now.toISOString().slice(0, 10)}.json` });
		const embed = summary(audit, locale);
		const actorId = 'author' in target ? target.author.id : target.user.id;
		pluginLogger(this).info({ guildId: guild.id, problems: counts(audit) }, 'Server audited');
		await recordAudit({ kind: 'action_admin', guildId: guild.id, actorId, action: 'server.audit', details: { problems: counts(audit) } });
		if ('editReply' in target) await target.editReply({ embeds: [embed], files: [file], allowedMentions: { parse: [] } });
		else await respond(target, { embeds: [embed], files: [file] });
	}
}

const counts = (audit: ServerAudit) => Object.fromEntries(Object.entries(audit.problems).map(([kind, list]) => [kind, list.length]));

function summary(audit: ServerAudit, locale: Locale) {
	const t = permissionsText(locale);
	const { problems } = audit;
	const channelCount = audit.channelsOutsideCategory.length + audit.categories.reduce((sum, category) => sum + category.channels.length, 0);
	const field = (title: string, lines: string[]) => {
		const shown = lines.slice(0, shownPerProblem);
		if (lines.length > shownPerProblem) shown.push(t('problemMore', { count: lines.length - shownPerProblem }));
		return { name: title, value: shown.join('\n').slice(0, 1024) };
	};
	const fields = [
		...(problems.channelsOutsideCategory.length > 0
			? [field(t('problemOutsideCategory', { count: problems.channelsOutsideCategory.length }), problems.channelsOutsideCategory.map((channel) => `<#${channel.id}>`))]
			: []),
		...(problems.administratorRoles.length > 0
			? [field(t('problemAdministrator', { count: problems.administratorRoles.length }), problems.administratorRoles.map((role) => escapeUserText(role.name)))]
			: []),
		...(problems.overwritesDifferFromMatrix.length > 0
			? [
					field(
						t('problemOverwrites', { count: problems.overwritesDifferFromMatrix.length }),
						problems.overwritesDifferFromMatrix.map((entry) => `<#${entry.channelId}> · ${escapeUserText(entry.roles.join(', '))}`)
					)
				]
			: []),
		...(problems.chantiersWithChannelsGone.length > 0
			? [
					field(
						t('problemChantierGone', { count: problems.chantiersWithChannelsGone.length }),
						problems.chantiersWithChannelsGone.map((chantier) => `**${escapeUserText(chantier.code)}** — ${escapeUserText(chantier.name)}`)
					)
				]
			: []),
		...(problems.channelSettingsMissing.length > 0
			? [
					field(
						t('problemChannelSettings', { count: problems.channelSettingsMissing.length }),
						problems.channelSettingsMissing.map((setting) => `\`${setting.owner}\` · **${setting.key}** → ${escapeUserText(setting.value)}`)
					)
				]
			: [])
	];
	const description = [
		t('auditSummary', { categories: audit.categories.length, channels: channelCount, roles: audit.roles.length, members: audit.guild.memberCount }),
		...(fields.length === 0 ? [t('auditNoProblem')] : [])
	].join('\n');
	return buildEmbed({ kind: fields.length === 0 ? 'success' : 'warning', title: t('auditTitle'), description, fields });
}
