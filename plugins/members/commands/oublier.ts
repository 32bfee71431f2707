import { Command, type Args } from '@sapphire/framework';
import { PermissionFlagsBits, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { isMemberId } from '#core/member-data.ts';
import { buildEmbed, confirm, escapeUserText, inEnglish, localeOf, pluginLogger, respond } from '#core/plugin-kit.ts';
import { forgetAction, userOf, type ForgetArgs } from '../flows.ts';
import { english, text } from '../text.ts';

/** `/oublier membre` (administrators): asks, then erases the member's data in every plugin (RGPD). */
export class ForgetCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'oublier',
			aliases: ['forget'],
			description: text('en')('forgetDescription'),
			prefixUsage: { fr: text('fr')('usageForget'), en: text('en')('usageForget') },
			requiredUserPermissions: [PermissionFlagsBits.Administrator],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('oublier')
				.setNameLocalizations(inEnglish('forget'))
				.setDescription(text('fr')('forgetDescription'))
				.setDescriptionLocalizations(english('forgetDescription'))
				.setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
				.setContexts(0)
				.addUserOption((option) =>
					option
						.setName('membre')
						.setNameLocalizations(inEnglish('member'))
						.setDescription(text('fr')('forgetMemberOption'))
						.setDescriptionLocalizations(english('forgetMemberOption'))
						.setRequired(true)
				)
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.ask(interaction, interaction.options.getUser('membre', true).id);
	}

	/** `!oublier @membre` or `!oublier <id>`: a member who left can only be named by id. */
	public override async messageRun(message: Message, args: Args) {
		const typed = (await args.pick('string').catch(() => '')).trim();
		return this.ask(message, typed.replace(/^<@!?(\d+)>$/, '$1'));
	}

	private async ask(target: ChatInputCommandInteraction | Message, userId: string) {
		const t = text(localeOf(target as { locale?: string }));
		const refuse = (description: string) => {
			pluginLogger(this).info({ guildId: target.guildId, userId, description }, 'Member data erasure refused');
			return respond(target, { embeds: [buildEmbed({ kind: 'warning', title: t('forgetRefusedTitle'), description })], ephemeral: true });
		};
		if (userId === '') return refuse(t('forgetUsage', { usage: t('usageForget') }));
		if (!isMemberId(userId)) return refuse(t('forgetUnknown', { value: escapeUserText(userId.slice(0, 100)) }));
		const user = await userOf(userId);
		if (user?.bot) return refuse(t('forgetBot'));
		return confirm<ForgetArgs>(target, {
			action: forgetAction,
			args: { guildId: target.guildId!, userId },
			title: t('forgetQuestionTitle', { member: user ? user.username : userId }),
			description: `<@${userId}>\n${t('forgetQuestionBody')}`,
			confirmLabel: t('forgetConfirm'),
			ephemeral: true
		});
	}
}
