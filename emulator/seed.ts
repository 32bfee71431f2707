import { PermissionFlagsBits } from 'discord.js';

export type PresenceStatus = 'online' | 'idle' | 'dnd' | 'offline';

export interface SeedRole {
	/** Name tests use to reach the role's id: `server.guild.roles[key]`. */
	key: string;
	name: string;
	permissions: bigint;
	color?: number;
	hoist?: boolean;
	mentionable?: boolean;
}

export interface SeedChannel {
	key: string;
	name: string;
	type?: 'text' | 'voice' | 'announcement';
	topic?: string;
	/** Adds an overwrite denying VIEW_CHANNEL to @everyone and allowing it to these role keys. */
	privateTo?: string[];
}

export interface SeedCategory {
	key: string;
	name: string;
	channels: SeedChannel[];
}

export interface SeedMember {
	key: string;
	username: string;
	globalName?: string;
	nick?: string;
	/** Role keys. */
	roles: string[];
	status?: PresenceStatus;
	/** The guild owner; the first member when none is marked. */
	owner?: boolean;
}

export interface SeedOptions {
	guildName: string;
	preferredLocale: string;
	botUsername: string;
	everyonePermissions: bigint;
	/** Permissions of the bot's managed role. */
	botPermissions: bigint;
	roles: SeedRole[];
	categories: SeedCategory[];
	members: SeedMember[];
	/**
	 * How many guilds to seed, all alike (roles, channels, members of their own): the first is
	 * `server.guild`, the others are named `<guildName> 2`, `<guildName> 3`… and spread evenly over
	 * 1 to 6 gateway shards (guild n on the shard n - 1 after the first guild's, modulo the count).
	 * One by default; sharded tests use `SHARDED_GUILD_COUNT`.
	 */
	guildCount: number;
}

/** Enough guilds for 1, 2 and 3 shards to hold the same number each. */
export const SHARDED_GUILD_COUNT = 6;

const P = PermissionFlagsBits;

/** Roughly what Discord grants @everyone in a new guild. */
export const DEFAULT_EVERYONE_PERMISSIONS =
	P.ViewChannel |
	P.CreateInstantInvite |
	P.ChangeNickname |
	P.SendMessages |
	P.SendMessagesInThreads |
	P.CreatePublicThreads |
	P.EmbedLinks |
	P.AttachFiles |
	P.AddReactions |
	P.UseExternalEmojis |
	P.UseExternalStickers |
	P.ReadMessageHistory |
	P.UseApplicationCommands |
	P.Connect |
	P.Speak |
	P.Stream |
	P.UseVAD;

export function defaultSeed(): SeedOptions {
	return {
		guildName: 'Monster Sandbox',
		guildCount: 1,
		preferredLocale: 'fr',
		botUsername: 'Monster',
		everyonePermissions: DEFAULT_EVERYONE_PERMISSIONS,
		botPermissions: P.Administrator,
		roles: [
			{ key: 'admin', name: 'Admin', permissions: P.Administrator, color: 0xe74c3c, hoist: true },
			{
				key: 'foreman',
				name: 'Chef de chantier',
				permissions: P.ManageMessages | P.ModerateMembers | P.ManageThreads | P.MentionEveryone,
				color: 0xf1c40f,
				hoist: true,
				mentionable: true
			},
			{ key: 'member', name: 'Membre', permissions: 0n, color: 0x3498db }
		],
		categories: [
			{
				key: 'generalCategory',
				name: 'Général',
				channels: [
					{ key: 'general', name: 'général', topic: 'Discussions de l’équipe' },
					{ key: 'planning', name: 'planning-hebdo', topic: 'Planning de la semaine' }
				]
			},
			{
				key: 'worksCategory',
				name: 'Chantiers',
				channels: [
					{ key: 'site', name: 'chantier-centre' },
					{ key: 'meeting', name: 'Réunion chantier', type: 'voice' }
				]
			},
			{
				key: 'adminCategory',
				name: 'Administration',
				channels: [
					{ key: 'logs', name: 'logs' },
					{ key: 'adminOnly', name: 'admin-only', privateTo: ['admin'] }
				]
			}
		],
		members: [
			{ key: 'admin', username: 'camille', globalName: 'Camille (admin)', roles: ['admin', 'member'], status: 'online', owner: true },
			{ key: 'alice', username: 'alice', globalName: 'Alice Martin', roles: ['member'], status: 'online' },
			{ key: 'bob', username: 'bob', globalName: 'Bob Durand', roles: ['member', 'foreman'], status: 'idle' },
			{ key: 'chloe', username: 'chloe', globalName: 'Chloé Petit', nick: 'Chloé', roles: ['member'], status: 'offline' }
		]
	};
}
