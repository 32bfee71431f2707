/** The baseline: a bare discord.js bot that answers `!ping` with an embed, run in its own process by bench/footprint.ts. */
import { Client, EmbedBuilder, GatewayIntentBits } from 'discord.js';
import { serveBench } from '../support/child.ts';

await serveBench(async () => {
	const client = new Client({
		intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
		// The same REST allowance as Monster gets in the bench: the local server answers in well under 1 ms.
		rest: { api: process.env.BENCH_API_URL!, globalRequestsPerSecond: 10_000 },
		// Required by the project's type augmentation from plugin-scheduled-tasks, which this bot does not use.
		tasks: undefined as never
	});
	client.on('messageCreate', (message) => {
		if (message.author.bot || message.content !== '!ping') return;
		const embed = new EmbedBuilder()
			.setColor(0x2ecc71)
			.setTitle('Pong !')
			.setDescription(`Passerelle : ${Math.max(0, client.ws.ping)} ms · aller-retour : ${Math.max(0, Date.now() - message.createdTimestamp)} ms`);
		message.reply({ embeds: [embed] }).catch((error: unknown) => console.error(error));
	});
	const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
	await client.login(process.env.BENCH_TOKEN);
	await ready;
	return { botUserId: client.user!.id, stop: () => client.destroy() };
});
