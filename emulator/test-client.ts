import { Client, GatewayIntentBits } from 'discord.js';
import type { ClientOptions } from 'discord.js';
import type { DiscordServer } from './server.ts';

export const TEST_INTENTS = [
	GatewayIntentBits.Guilds,
	GatewayIntentBits.GuildMessages,
	GatewayIntentBits.MessageContent,
	GatewayIntentBits.GuildMembers,
	GatewayIntentBits.GuildPresences,
	GatewayIntentBits.GuildModeration
];

/** A real discord.js client pointed at the test server, without REST throttling. */
export function createTestClient(server: DiscordServer, options: Partial<ClientOptions> = {}): Client {
	const clientOptions = {
		...options,
		intents: options.intents ?? TEST_INTENTS,
		rest: { api: server.apiUrl, globalRequestsPerSecond: 10_000, ...options.rest }
	};
	// Plugins may augment ClientOptions with required keys (e.g. `tasks`); tests rarely need them.
	return new Client(clientOptions as ClientOptions);
}

/** Logs the client in and waits for `clientReady` (the seeded guild is cached by then). */
export async function loginTestClient(client: Client, server: DiscordServer): Promise<void> {
	const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
	await client.login(server.token);
	await ready;
}
