import { Command } from '@sapphire/framework';
import type { ChatInputCommandInteraction, Message } from 'discord.js';
import { buildEmbed, localeOf, respond } from '#core/plugin-kit.ts';
import { english } from '../localized.ts';
import { text } from '../text.ts';

export class PingCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'ping',
			description: text('en')('pingDescription'),
			prefixUsage: { fr: text('fr')('usagePing'), en: text('en')('usagePing') }
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('ping')
				.setDescription(text('fr')('pingDescription'))
				.setDescriptionLocalizations(english('pingDescription'))
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.pong(interaction, interaction.createdTimestamp);
	}

	public override messageRun(message: Message) {
		return this.pong(message, message.createdTimestamp);
	}

	private async pong(target: ChatInputCommandInteraction | Message, sentAt: number) {
		const t = text(localeOf(target as { locale?: string }));
		const embed = buildEmbed({
			kind: 'success',
			title: t('pongTitle'),
			description: t('pongBody', { gateway: Math.max(0, Math.round(this.container.client.ws.ping)), roundTrip: Math.max(0, Date.now() - sentAt) })
		});
		await respond(target, { embeds: [embed] });
	}
}
