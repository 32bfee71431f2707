import { Command } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { recordAudit } from '#core/audit.ts';
import { escapeUserText, inEnglish, localeOf, pluginLogger, pluginOf } from '#core/plugin-kit.ts';
import { answer, describe, reasonOption, refuse } from '../command-kit.ts';
import { caseLines, caseTitle, guildLocale, postModLog } from '../moderation.ts';
import { caseByNumber, updateReason } from '../queries.ts';
import type { ModerationSettings } from '../settings.ts';
import { english, text } from '../text.ts';

/** The largest number `moderation_cases.case_number` (a PostgreSQL integer) holds: Discord refuses a larger one before the query could fail. */
const largestCaseNumber = 2_147_483_647;

/** `/case numéro [raison]`: shows a case; with a reason, replaces it (audited and posted to the mod log). */
export class CaseCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'case',
			description: text('en')('caseDescription'),
			requiredUserPermissions: [PermissionFlagsBits.ModerateMembers],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			describe(builder, 'case', 'case', 'caseDescription', PermissionFlagsBits.ModerateMembers)
				.addIntegerOption((option) =>
					option
						.setName('numéro')
						.setNameLocalizations(inEnglish('number'))
						.setDescription(text('fr')('caseNumberOption'))
						.setDescriptionLocalizations(english('caseNumberOption'))
						.setMinValue(1)
						.setMaxValue(largestCaseNumber)
						.setRequired(true)
				)
				.addStringOption((option) => reasonOption(false)(option).setDescription(text('fr')('caseReasonOption')).setDescriptionLocalizations(english('caseReasonOption')))
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const locale = localeOf(interaction);
		const t = text(locale);
		const logger = pluginLogger(this);
		const guild = interaction.guild!;
		const number = interaction.options.getInteger('numéro', true);
		const reason = interaction.options.getString('raison');
		if (reason === null) {
			const found = await caseByNumber(this.container.db, guild.id, number);
			if (!found) return refuse(interaction, locale, { key: 'unknownCase', vars: { number } }, logger);
			return answer(interaction, 'info', caseTitle(found, locale), caseLines(found, locale));
		}
		const edited = await updateReason(this.container.db, guild.id, number, reason);
		if (!edited) return refuse(interaction, locale, { key: 'unknownCase', vars: { number } }, logger);
		await recordAudit({
			kind: 'action_admin',
			guildId: guild.id,
			actorId: interaction.user.id,
			action: 'moderation.case.reason',
			target: edited.after.targetId,
			details: { case: number, before: edited.before.reason, after: reason }
		});
		const staff = text(guildLocale(guild.id));
		const change = (say: typeof t) => say('reasonEditedBody', { moderator: `<@${interaction.user.id}>`, before: escapeUserText(edited.before.reason ?? say('noReason')), after: escapeUserText(reason) });
		await postModLog(guild, pluginOf<ModerationSettings>(this).settings(guild.id), { kind: 'info', title: staff('reasonEditedTitle', { number }), description: change(staff), source: 'moderation.case.reason' });
		return answer(interaction, 'success', t('reasonEditedTitle', { number }), `${change(t)}\n\n${caseLines(edited.after, locale)}`);
	}
}
