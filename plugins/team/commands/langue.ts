import { Command, type Args } from '@sapphire/framework';
import type { ChatInputCommandInteraction, Message } from 'discord.js';
import { buildEmbed, inEnglish, localeOf, respond, type Locale } from '#core/plugin-kit.ts';
import { english } from '../localized.ts';
import { text } from '../text.ts';

type Choice = Locale | 'auto';

const choices: Record<string, Choice> = { fr: 'fr', francais: 'fr', français: 'fr', en: 'en', english: 'en', anglais: 'en', auto: 'auto' };

/** `/langue fr|en|auto`: the member's language for every answer, prefix commands and private messages included. */
export class LanguageCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'langue',
			aliases: ['language', 'lang'],
			description: text('en')('languageDescription'),
			prefixUsage: { fr: text('fr')('usageLanguage'), en: text('en')('usageLanguage') }
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('langue')
				.setNameLocalizations(inEnglish('language'))
				.setDescription(text('fr')('languageDescription'))
				.setDescriptionLocalizations(english('languageDescription'))
				.addStringOption((option) =>
					option
						.setName('langue')
						.setNameLocalizations(inEnglish('language'))
						.setDescription(text('fr')('languageOption'))
						.setDescriptionLocalizations(english('languageOption'))
						.setRequired(true)
						.addChoices({ name: 'français', value: 'fr' }, { name: 'English', value: 'en' }, { name: 'auto', value: 'auto' })
				)
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.choose(interaction, interaction.options.getString('langue', true));
	}

	public override async messageRun(message: Message, args: Args) {
		return this.choose(message, (await args.pick('string').catch(() => '')).toLowerCase());
	}

	private async choose(target: ChatInputCommandInteraction | Message, typed: string) {
		const choice = choices[typed];
		if (!choice) {
			const t = text(localeOf(target));
			return respond(target, { embeds: [buildEmbed({ kind: 'warning', title: t('languageTitle'), description: t('usage', { usage: t('usageLanguage') }) })], ephemeral: true });
		}
		const userId = 'author' in target ? target.author.id : target.user.id;
		await this.container.memberLocales.set(userId, choice === 'auto' ? null : choice);
		const t = text(localeOf(target));
		return respond(target, { embeds: [buildEmbed({ kind: 'success', title: t('languageTitle'), description: choice === 'auto' ? t('languageAuto') : t('languageSet') })], ephemeral: true });
	}
}
