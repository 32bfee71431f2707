import { DiscordServer } from './server.ts';
import type { DiscordServerOptions } from './types.ts';

/** Starts a local Discord on a free port (by default) and resolves once it listens. */
export async function startDiscordServer(options: DiscordServerOptions = {}): Promise<DiscordServer> {
	const server = new DiscordServer(options);
	await server.listen(options.port ?? 0);
	return server;
}

export { DiscordServer } from './server.ts';
export { createTestClient, loginTestClient, TEST_INTENTS } from './test-client.ts';
export { defaultSeed, DEFAULT_EVERYONE_PERMISSIONS, SHARDED_GUILD_COUNT } from './seed.ts';
export type { PresenceStatus, SeedCategory, SeedChannel, SeedMember, SeedOptions, SeedRole } from './seed.ts';
export type { DiscordState, SeededGuild, StoredChannel, StoredMessage } from './state.ts';
export type { FaultOptions } from './faults.ts';
export { CommandRefused, refusalOf } from './refusals.ts';
export type { Refusal } from './refusals.ts';
export type * from './types.ts';
export { shardOfGuild } from './gateway.ts';
