import { Command } from '@sapphire/framework';
import { AttachmentBuilder, MessageFlags, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { exportMemberData } from '#core/member-data.ts';
import { buildEmbed, inEnglish, localeOf, pluginLogger, respond, type Locale } from '#core/plugin-kit.ts';
import { exportFile } from '../members.ts';
import { english, text } from '../text.ts';

/** `/mesdonnees`: any member receives, privately, a JSON file of everything the bot keeps about them in this server. */
export class MyDataCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'mesdonnees',
			aliases: ['mydata'],
			description: text('en')('myDataDescription'),
			prefixUsage: { fr: text('fr')('usageMyData'), en: text('en')('usageMyData') },
			runIn: ['GUILD_ANY'],
			// Reads every plugin's tables: a few per hour are plenty.
			rateLimit: { limit: 3, windowMs: 10 * 60_000 }
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('mesdonnees')
				.setNameLocalizations(inEnglish('mydata'))
				.setDescription(text('fr')('myDataDescription'))
				.setDescriptionLocalizations(english('myDataDescription'))
				.setContexts(0)
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		// Every plugin answers in turn: more than Discord's 3 seconds for a member with a year of messages.
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const payload = await this.build(interaction.guildId!, interaction.user.id, localeOf(interaction));
		await interaction.editReply({ ...payload, allowedMentions: { parse: [] } });
	}

	/** A prefix reply is public: the file goes by direct message, the channel only hears that it was sent. */
	public override async messageRun(message: Message) {
		const locale = localeOf(message as { locale?: string });
		const t = text(locale);
		const payload = await this.build(message.guildId!, message.author.id, locale);
		const sent = await message.author.send({ ...payload, allowedMentions: { parse: [] } }).catch(() => null);
		const embed = sent ? buildEmbed({ kind: 'success', title: t('myDataTitle'), description: t('myDataDm') }) : buildEmbed({ kind: 'warning', title: t('myDataTitle'), description: t('myDataDmClosed') });
		await respond(message, { embeds: [embed] });
	}

	private async build(guildId: string, userId: string, locale: Locale) {
		const t = text(locale);
		const report = await exportMemberData({ guildId, userId });
		const file = exportFile({ guildId, userId }, report, new Date());
		pluginLogger(this).info({ guildId, userId, bytes: file.data.length, failed: report.failed }, 'Member data exported');
		const description = [t('myDataBody', { plugins: Object.keys(report.results).join(', ') }), ...(report.failed.length > 0 ? [t('myDataFailed', { plugins: report.failed.join(', ') })] : [])].join('\n\n');
		return {
			embeds: [buildEmbed({ kind: report.failed.length > 0 ? 'warning' : 'info', title: t('myDataTitle'), description, locale })],
			files: [new AttachmentBuilder(file.data, { name: file.name })]
		};
	}
}
