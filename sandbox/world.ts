/** The sandbox's Discord world is made once per data folder, so what was stored under its ids is found again. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiscordServer, StoredChannel } from '../emulator/index.ts';

const WORLD_FILE = 'sandbox-discord.json';

export interface SandboxWorld {
	/** When this data folder's world was first made: the local Discord server derives its ids from it. */
	createdAt: number;
	/** The example chantiers were created (once per data folder). */
	chantiersSeeded: boolean;
	/** The guild's channels as last seen, with those created, changed or deleted while the sandbox ran. */
	channels?: StoredChannel[];
}

/** This data folder's sandbox world, read from the folder, or a new one (kept there). */
export function sandboxWorld(dataDir: string): SandboxWorld {
	const file = join(dataDir, WORLD_FILE);
	try {
		const { createdAt, chantiersSeeded, channels } = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<keyof SandboxWorld, unknown>>;
		if (typeof createdAt === 'number' && Number.isSafeInteger(createdAt)) {
			return { createdAt, chantiersSeeded: chantiersSeeded === true, ...(Array.isArray(channels) ? { channels: channels as StoredChannel[] } : {}) };
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	const world = { createdAt: Date.now(), chantiersSeeded: false };
	saveSandboxWorld(dataDir, world);
	return world;
}

export function saveSandboxWorld(dataDir: string, world: SandboxWorld): void {
	mkdirSync(dataDir, { recursive: true });
	writeFileSync(join(dataDir, WORLD_FILE), `${JSON.stringify(world)}\n`);
}

/**
 * Gives the guild back the channels kept in the world (a chantier's category and channels, made by
 * the bot in an earlier run), then keeps them there as they change. Call before the bot connects.
 */
export function keepChannels(server: DiscordServer, dataDir: string, world: SandboxWorld): void {
	const guildId = server.guild.id;
	if (world.channels) {
		for (const channel of server.state.guildChannels(guildId)) server.state.channels.delete(channel.id);
		for (const channel of world.channels) server.state.channels.set(channel.id, channel);
	}
	server.on('dispatch', ({ event }: { event: string }) => {
		if (!event.startsWith('CHANNEL_')) return;
		world.channels = server.state.guildChannels(guildId);
		saveSandboxWorld(dataDir, world);
	});
}

/** Example chantiers, so that every chantier option of a newcomer's first commands has something to pick. */
const exampleChantiers = [
	{ code: 'CH-001', nom: 'Rénovation de la mairie', client: 'Commune de Saint-Aubin', adresse: '1 place de la Mairie' },
	{ code: 'CH-002', nom: 'Maison Dupont', client: 'M. et Mme Dupont', adresse: '12 rue des Lilas' },
	{ code: 'CH-003', nom: 'Entrepôt Nord', client: 'Logistique Nord', adresse: 'ZI Nord, lot 4' }
];

/**
 * Creates the example chantiers as the seeded admin does, with `/creerchantier` (the admin plugin's
 * own path: category, channels and record). Resolves with their codes; with none when that command is absent.
 */
export async function seedExampleChantiers(server: DiscordServer): Promise<string[]> {
	if (!server.state.findCommand('creerchantier', server.guild.id)) return [];
	for (const options of exampleChantiers) {
		const handle = await server.sendSlashCommand({ name: 'creerchantier', options, userId: server.guild.members.admin });
		// A deferral, then the outcome.
		await handle.waitForResponses(2, 30_000);
	}
	return exampleChantiers.map(({ code }) => code);
}
