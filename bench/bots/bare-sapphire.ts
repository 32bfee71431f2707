/** A second baseline: a bare Sapphire bot with one `ping` message command answering with an embed (bench/footprint.ts). */
import { Command, container, LogLevel, SapphireClient } from '@sapphire/framework';
import { EmbedBuilder, GatewayIntentBits, type Message } from 'discord.js';
import { serveBench } from '../support/child.ts';

class PingCommand extends Command {
	public override async messageRun(message: Message) {
		const embed = new EmbedBuilder()
			.setColor(0x2ecc71)
			.setTitle('Pong !')
			.setDescription(`Passerelle : ${Math.max(0, this.container.client.ws.ping)} ms · aller-retour : ${Math.max(0, Date.now() - message.createdTimestamp)} ms`);
		await message.reply({ embeds: [embed] });
	}
}

await serveBench(async () => {
	const client = new SapphireClient({
		intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
		rest: { api: process.env.BENCH_API_URL!, globalRequestsPerSecond: 10_000 },
		defaultPrefix: '!',
		loadMessageCommandListeners: true,
		logger: { level: LogLevel.Warn },
		// No folder of pieces: the one command is registered below.
		baseUserDirectory: null,
		// Required by the project's type augmentation from plugin-scheduled-tasks, which this bot does not use.
		tasks: undefined as never
	});
	container.stores.loadPiece({ store: 'commands', name: 'ping', piece: PingCommand });
	const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
	await client.login(process.env.BENCH_TOKEN);
	await ready;
	return { botUserId: client.user!.id, stop: () => client.destroy() };
});
