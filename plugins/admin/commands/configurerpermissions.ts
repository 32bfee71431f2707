// `/configurerpermissions [catégorie]`: the difference between the permission matrix and the live overwrites, applied after a confirmation.
import { Command, type Args } from '@sapphire/framework';
import { ChannelType, PermissionFlagsBits, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { confirm, escapeUserText, guildSettings, inEnglish, localeOf, pluginLogger } from '#core/plugin-kit.ts';
import { answer } from '../chantier-flows.ts';
import { applyPermissionsAction, changeLines } from '../permission-flows.ts';
import { permissionsEnglish, permissionsText } from '../permissions-text.ts';
import { diffOf } from '../server-permissions.ts';

export class ConfigurerPermissionsCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'configurerpermissions',
			aliases: ['setuppermissions'],
			description: permissionsText('en')('configurerDescription'),
			prefixUsage: { fr: permissionsText('fr')('usageConfigurer'), en: permissionsText('en')('usageConfigurer') },
			requiredUserPermissions: [PermissionFlagsBits.Administrator],
			requiredClientPermissions: [PermissionFlagsBits.ManageRoles],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = permissionsText('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('configurerpermissions')
				.setNameLocalizations(inEnglish('setuppermissions'))
				.setDescription(fr('configurerDescription'))
				.setDescriptionLocalizations(permissionsEnglish('configurerDescription'))
				.setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
				.setContexts(0)
				.addChannelOption((option) =>
					option
						.setName('catégorie')
						.setNameLocalizations(inEnglish('category'))
						.setDescription(fr('categoryOption'))
						.setDescriptionLocalizations(permissionsEnglish('categoryOption'))
						.addChannelTypes(ChannelType.GuildCategory)
						.setRequired(false)
				)
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.show(interaction, interaction.options.getChannel('catégorie')?.id ?? null);
	}

	public override async messageRun(message: Message, args: Args) {
		const typed = await args.rest('string').catch(() => '');
		const wanted = typed.replace(/^<#(\d+)>$/, '$1').trim().toLowerCase();
		const found = wanted ? message.guild!.channels.cache.find((channel) => channel.id === wanted || channel.name.toLowerCase() === wanted) : undefined;
		return this.show(message, wanted ? (found?.id ?? typed) : null);
	}

	private async show(target: ChatInputCommandInteraction | Message, categoryId: string | null) {
		const locale = localeOf(target as { locale?: string });
		const t = permissionsText(locale);
		const guild = target.guild!;
		const refuse = (description: string) => {
			pluginLogger(this).info({ guildId: guild.id, categoryId, description }, 'Permission matrix not applied');
			return answer(target, 'warning', t('logTitle'), description);
		};
		const category = categoryId ? guild.channels.cache.get(categoryId) : undefined;
		if (categoryId && category?.type !== ChannelType.GuildCategory) return refuse(t('notACategory', { name: escapeUserText(category?.name ?? categoryId) }));
		const diff = await diffOf(guild, guildSettings(guild.id).permissions, categoryId ?? undefined);
		if (diff.categories.length === 0) return refuse(category ? t('notManaged', { name: escapeUserText(category.name) }) : t('nothingManaged'));
		const unknown = diff.unknownRoles.length > 0 ? `\n\n${t('unknownRoles', { roles: escapeUserText(diff.unknownRoles.join(', ')) })}` : '';
		if (diff.changes.length === 0) return answer(target, 'success', t('upToDateTitle'), t('upToDate', { count: diff.categories.length }) + unknown);
		return confirm(target, {
			action: applyPermissionsAction,
			args: { categoryId },
			title: t('diffTitle', { count: diff.changes.length }),
			description: changeLines(diff.changes, locale) + unknown,
			confirmLabel: t('applyConfirm'),
			ephemeral: true
		});
	}
}
