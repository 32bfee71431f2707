import { ChannelType, OverwriteType, PermissionFlagsBits } from 'discord.js';
import type {
	APIApplicationCommand,
	APIApplicationCommandPermission,
	APIChannel,
	APIGuildMember,
	APIMessage,
	APIOverwrite,
	APIRole,
	APIUser,
	GatewayPresenceUpdate,
	GuildMemberFlags,
	UserFlags
} from 'discord.js';
import { timestampOfSnowflake } from './ids.ts';
import type { SnowflakeGenerator } from './ids.ts';
import { isNamed } from './localized-names.ts';
import { computePermissions } from './permissions.ts';
import type { PresenceStatus, SeedOptions } from './seed.ts';

export type StoredMessage = APIMessage & { guild_id?: string };

export interface StoredGuild {
	id: string;
	name: string;
	ownerId: string;
	preferredLocale: string;
	createdAt: string;
}

export interface StoredChannel {
	id: string;
	type: ChannelType;
	guild_id?: string;
	name?: string;
	topic?: string | null;
	parent_id?: string | null;
	position?: number;
	permission_overwrites?: APIOverwrite[];
	nsfw?: boolean;
	rate_limit_per_user?: number;
	bitrate?: number;
	user_limit?: number;
	last_message_id?: string | null;
	/** User ids of a DM channel. */
	recipients?: string[];
}

export interface StoredMember {
	userId: string;
	nick: string | null;
	roles: string[];
	joinedAt: string;
	communicationDisabledUntil: string | null;
	mute: boolean;
	deaf: boolean;
}

export interface StoredBan {
	userId: string;
	reason: string | null;
}

export interface StoredWebhook {
	id: string;
	token: string;
	channelId: string;
	guildId?: string;
	name: string;
}

export interface StoredFile {
	data: Buffer;
	contentType: string;
}

/** Role, member and ban tables of one guild. */
interface GuildTables {
	roles: Map<string, APIRole>;
	members: Map<string, StoredMember>;
	bans: Map<string, StoredBan>;
	presences: Map<string, PresenceStatus>;
}

/** Ids of everything seeded, by the keys of the seed, so tests can write `server.guild.channels.general`. */
export interface SeededGuild {
	id: string;
	name: string;
	channels: Record<string, string>;
	roles: Record<string, string>;
	members: Record<string, string>;
}

/** The whole in-memory Discord: REST handlers mutate it, gateway payloads are read from it. */
export class DiscordState {
	readonly users = new Map<string, APIUser>();
	readonly guilds = new Map<string, StoredGuild>();
	readonly channels = new Map<string, StoredChannel>();
	readonly messages = new Map<string, StoredMessage>();
	readonly webhooks = new Map<string, StoredWebhook>();
	readonly files = new Map<string, StoredFile>();
	/** Application commands by scope: `global` or a guild id. */
	readonly commands = new Map<string, Map<string, APIApplicationCommand>>();
	/** Who may use a command beyond its default permissions (Server Settings › Integrations), by `guildId:commandId`. */
	readonly commandPermissions = new Map<string, APIApplicationCommandPermission[]>();
	/** Users whose privacy settings refuse DMs from the bot (Discord answers 50007). */
	readonly closedDms = new Set<string>();
	readonly #tables = new Map<string, GuildTables>();

	readonly ids: SnowflakeGenerator;

	constructor(ids: SnowflakeGenerator) {
		this.ids = ids;
	}

	// ---- lookups -------------------------------------------------------

	guildTables(guildId: string): GuildTables | undefined {
		return this.#tables.get(guildId);
	}

	roles(guildId: string): Map<string, APIRole> {
		return this.#tables.get(guildId)?.roles ?? new Map();
	}

	members(guildId: string): Map<string, StoredMember> {
		return this.#tables.get(guildId)?.members ?? new Map();
	}

	bans(guildId: string): Map<string, StoredBan> {
		return this.#tables.get(guildId)?.bans ?? new Map();
	}

	guildChannels(guildId: string): StoredChannel[] {
		return [...this.channels.values()].filter((channel) => channel.guild_id === guildId);
	}

	channelMessages(channelId: string): StoredMessage[] {
		return [...this.messages.values()].filter((message) => message.channel_id === channelId);
	}

	commandScope(scope: string): Map<string, APIApplicationCommand> {
		let commands = this.commands.get(scope);
		if (!commands) {
			commands = new Map();
			this.commands.set(scope, commands);
		}
		return commands;
	}

	/**
	 * A guild command first (that is what a user sees in that guild), then a global one; slash by default,
	 * 2 user menu, 3 message menu. Found by its name or, with a locale, by the name shown in it (`aide` in `fr`).
	 */
	findCommand(name: string, guildId?: string, type = 1, locale?: string): APIApplicationCommand | undefined {
		const scopes = guildId ? [guildId, 'global'] : ['global'];
		for (const scope of scopes) {
			for (const command of this.commands.get(scope)?.values() ?? []) {
				if (isNamed(command, name, locale) && (command.type ?? 1) === type) return command;
			}
		}
		return undefined;
	}

	/** Finds a user by id, username, global name or guild nickname (case-insensitive). */
	findUser(reference: string, guildId?: string): APIUser | undefined {
		const byId = this.users.get(reference.replace(/^<@!?|>$/g, ''));
		if (byId) return byId;
		const wanted = reference.replace(/^@/, '').toLowerCase();
		for (const user of this.users.values()) {
			const nick = guildId ? this.members(guildId).get(user.id)?.nick : undefined;
			if ([user.username, user.global_name, nick].some((name) => name?.toLowerCase() === wanted)) return user;
		}
		return undefined;
	}

	/** By id, mention or name; of several channels so named (a category « Général » and its #général), one of `types` first. */
	findChannel(reference: string, guildId?: string, types?: readonly ChannelType[]): StoredChannel | undefined {
		const byId = this.channels.get(reference.replace(/^<#|>$/g, ''));
		if (byId) return byId;
		const wanted = reference.replace(/^#/, '').toLowerCase();
		const named = [...this.channels.values()].filter((channel) => channel.name?.toLowerCase() === wanted && (!guildId || channel.guild_id === guildId));
		return (types && named.find((channel) => types.includes(channel.type))) ?? named[0];
	}

	findRole(reference: string, guildId: string): APIRole | undefined {
		const roles = this.roles(guildId);
		const byId = roles.get(reference.replace(/^<@&|>$/g, ''));
		if (byId) return byId;
		const wanted = reference.replace(/^@/, '').toLowerCase();
		return [...roles.values()].find((role) => role.name.toLowerCase() === wanted);
	}

	permissionsOf(guildId: string, userId: string, channelId?: string): bigint {
		const guild = this.guilds.get(guildId);
		const member = this.members(guildId).get(userId);
		if (!guild || !member) return 0n;
		const rolePermissions = new Map([...this.roles(guildId)].map(([id, role]) => [id, BigInt(role.permissions)]));
		const overwrites = channelId ? this.channels.get(channelId)?.permission_overwrites : undefined;
		return computePermissions(
			{ guildId, ownerId: guild.ownerId, userId, memberRoleIds: member.roles, rolePermissions },
			overwrites
		);
	}

	/** A guild's channels are out of reach of whoever is not its member (Discord answers them 50001 Missing Access). */
	outOfReach(channelId: string, userId: string): boolean {
		const guildId = this.channels.get(channelId)?.guild_id;
		return guildId !== undefined && !this.members(guildId).has(userId);
	}

	/** Whether two users are members of a same guild: Discord delivers a bot's DM only then (50007 otherwise). */
	shareGuild(userId: string, otherId: string): boolean {
		return [...this.guilds.keys()].some((guildId) => this.members(guildId).has(userId) && this.members(guildId).has(otherId));
	}

	/** Position of the member's highest role (@everyone is 0); the owner outranks everyone. */
	highestRolePosition(guildId: string, userId: string): number {
		if (this.guilds.get(guildId)?.ownerId === userId) return Number.POSITIVE_INFINITY;
		const roles = this.roles(guildId);
		return Math.max(0, ...(this.members(guildId).get(userId)?.roles ?? []).map((id) => roles.get(id)?.position ?? 0));
	}

	// ---- payloads ------------------------------------------------------

	userPayload(userId: string): APIUser {
		const user = this.users.get(userId);
		if (!user) throw new Error(`Unknown user ${userId}`);
		return user;
	}

	memberPayload(guildId: string, userId: string): APIGuildMember {
		const member = this.members(guildId).get(userId);
		if (!member) throw new Error(`User ${userId} is not a member of guild ${guildId}`);
		return {
			user: this.userPayload(userId),
			nick: member.nick,
			avatar: null,
			banner: null,
			roles: [...member.roles],
			joined_at: member.joinedAt,
			premium_since: null,
			deaf: member.deaf,
			mute: member.mute,
			flags: 0 as GuildMemberFlags,
			pending: false,
			communication_disabled_until: member.communicationDisabledUntil
		};
	}

	presencePayload(guildId: string, userId: string): GatewayPresenceUpdate {
		const status = this.#tables.get(guildId)?.presences.get(userId) ?? 'offline';
		return {
			user: { id: userId },
			guild_id: guildId,
			status: status as GatewayPresenceUpdate['status'],
			activities: [],
			client_status: status === 'offline' ? {} : { desktop: status as GatewayPresenceUpdate['status'] }
		};
	}

	channelPayload(channel: StoredChannel): APIChannel {
		const { recipients, ...rest } = channel;
		const payload = recipients ? { ...rest, recipients: recipients.map((id) => this.userPayload(id)) } : rest;
		return payload as APIChannel;
	}

	/** `GET /guilds/:id`: the guild without channels or members. */
	guildPayload(guildId: string): Record<string, unknown> {
		const guild = this.guilds.get(guildId);
		if (!guild) throw new Error(`Unknown guild ${guildId}`);
		const systemChannel = this.guildChannels(guildId).find((channel) => channel.type === ChannelType.GuildText);
		return {
			id: guild.id,
			name: guild.name,
			icon: null,
			icon_hash: null,
			splash: null,
			discovery_splash: null,
			owner_id: guild.ownerId,
			afk_channel_id: null,
			afk_timeout: 300,
			widget_enabled: false,
			verification_level: 1,
			default_message_notifications: 1,
			explicit_content_filter: 0,
			roles: [...this.roles(guildId).values()],
			emojis: [],
			stickers: [],
			features: [],
			mfa_level: 0,
			application_id: null,
			system_channel_id: systemChannel?.id ?? null,
			system_channel_flags: 0,
			rules_channel_id: null,
			public_updates_channel_id: null,
			safety_alerts_channel_id: null,
			max_members: 500_000,
			vanity_url_code: null,
			description: null,
			banner: null,
			premium_tier: 0,
			premium_subscription_count: 0,
			preferred_locale: guild.preferredLocale,
			max_video_channel_users: 25,
			nsfw_level: 0,
			premium_progress_bar_enabled: false,
			approximate_member_count: this.members(guildId).size,
			approximate_presence_count: [...(this.#tables.get(guildId)?.presences.values() ?? [])].filter(
				(status) => status !== 'offline'
			).length
		};
	}

	/** The full guild the gateway sends after READY. */
	guildCreatePayload(guildId: string, withPresences: boolean): Record<string, unknown> {
		const guild = this.guilds.get(guildId);
		if (!guild) throw new Error(`Unknown guild ${guildId}`);
		const memberIds = [...this.members(guildId).keys()];
		return {
			...this.guildPayload(guildId),
			joined_at: guild.createdAt,
			large: false,
			unavailable: false,
			member_count: memberIds.length,
			voice_states: [],
			members: memberIds.map((id) => this.memberPayload(guildId, id)),
			channels: this.guildChannels(guildId).map((channel) => this.channelPayload(channel)),
			threads: [],
			presences: withPresences
				? memberIds
						.map((id) => this.presencePayload(guildId, id))
						.filter((presence) => presence.status !== 'offline')
				: [],
			stage_instances: [],
			guild_scheduled_events: [],
			soundboard_sounds: []
		};
	}

	// ---- seeding -------------------------------------------------------

	addUser(username: string, options: { globalName?: string; bot?: boolean } = {}): APIUser {
		const user: APIUser = {
			id: this.ids.next(),
			username,
			discriminator: '0',
			global_name: options.globalName ?? null,
			avatar: null,
			bot: options.bot ?? false,
			system: false,
			public_flags: 0 as UserFlags
		};
		this.users.set(user.id, user);
		return user;
	}

	addMember(guildId: string, userId: string, roles: string[], nick: string | null = null): StoredMember {
		const member: StoredMember = {
			userId,
			nick,
			roles,
			joinedAt: new Date().toISOString(),
			communicationDisabledUntil: null,
			mute: false,
			deaf: false
		};
		this.members(guildId).set(userId, member);
		return member;
	}

	/** Builds the seeded guild; the bot user must already exist. */
	seedGuild(seed: SeedOptions, botUser: APIUser, options: { name?: string; shardStep?: { after: string; step: number } } = {}): SeededGuild {
		// `step` shards after the `after` guild's, whatever the shard count (see SnowflakeGenerator.nextAfterGuild).
		const guildId = options.shardStep ? this.ids.nextAfterGuild(options.shardStep.after, options.shardStep.step) : this.ids.next();
		const guildName = options.name ?? seed.guildName;
		const tables: GuildTables = { roles: new Map(), members: new Map(), bans: new Map(), presences: new Map() };
		this.#tables.set(guildId, tables);
		const seeded: SeededGuild = { id: guildId, name: guildName, channels: {}, roles: {}, members: {} };

		const addRole = (key: string, role: Omit<APIRole, 'id' | 'position'> & { id?: string }) => {
			const id = role.id ?? this.ids.next();
			tables.roles.set(id, { ...role, id, position: tables.roles.size });
			seeded.roles[key] = id;
			return id;
		};
		const roleDefaults = { icon: null, unicode_emoji: null, managed: false, flags: 0 };
		const colorsOf = (color: number) => ({ color, colors: { primary_color: color, secondary_color: null, tertiary_color: null } });
		addRole('everyone', {
			...roleDefaults,
			...colorsOf(0),
			id: guildId,
			name: '@everyone',
			permissions: seed.everyonePermissions.toString(),
			hoist: false,
			mentionable: false
		});
		for (const role of seed.roles) {
			addRole(role.key, {
				...roleDefaults,
				...colorsOf(role.color ?? 0),
				name: role.name,
				permissions: role.permissions.toString(),
				hoist: role.hoist ?? false,
				mentionable: role.mentionable ?? false
			});
		}
		const botRoleId = addRole('bot', {
			...roleDefaults,
			...colorsOf(0x95a5a6),
			name: botUser.username,
			permissions: seed.botPermissions.toString(),
			hoist: false,
			mentionable: false,
			managed: true,
			tags: { bot_id: botUser.id }
		});

		const roleIdOf = (key: string) => {
			const id = seeded.roles[key];
			if (!id) throw new Error(`Seed refers to unknown role key "${key}"`);
			return id;
		};

		let ownerId = '';
		for (const member of seed.members) {
			const user = this.addUser(member.username, { globalName: member.globalName });
			this.addMember(guildId, user.id, member.roles.map(roleIdOf), member.nick ?? null);
			tables.presences.set(user.id, member.status ?? 'online');
			seeded.members[member.key] = user.id;
			if (member.owner || !ownerId) ownerId = user.id;
		}
		this.addMember(guildId, botUser.id, [botRoleId]);
		tables.presences.set(botUser.id, 'online');
		seeded.members.bot = botUser.id;

		const channelTypes = { text: ChannelType.GuildText, voice: ChannelType.GuildVoice, announcement: ChannelType.GuildAnnouncement };
		seed.categories.forEach((category, categoryIndex) => {
			const categoryId = this.ids.next();
			this.channels.set(categoryId, {
				id: categoryId,
				type: ChannelType.GuildCategory,
				guild_id: guildId,
				name: category.name,
				parent_id: null,
				position: categoryIndex,
				permission_overwrites: []
			});
			seeded.channels[category.key] = categoryId;
			category.channels.forEach((channel, channelIndex) => {
				const id = this.ids.next();
				const type = channelTypes[channel.type ?? 'text'];
				const overwrites: APIOverwrite[] = channel.privateTo
					? [
							{ id: guildId, type: OverwriteType.Role, allow: '0', deny: PermissionFlagsBits.ViewChannel.toString() },
							...channel.privateTo.map((key) => ({
								id: roleIdOf(key),
								type: OverwriteType.Role,
								allow: PermissionFlagsBits.ViewChannel.toString(),
								deny: '0'
							}))
						]
					: [];
				this.channels.set(id, {
					id,
					type,
					guild_id: guildId,
					name: channel.name,
					parent_id: categoryId,
					position: channelIndex,
					permission_overwrites: overwrites,
					nsfw: false,
					rate_limit_per_user: 0,
					...(type === ChannelType.GuildVoice
						? { bitrate: 64_000, user_limit: 0 }
						: { topic: channel.topic ?? null, last_message_id: null })
				});
				seeded.channels[channel.key] = id;
			});
		});

		this.guilds.set(guildId, {
			id: guildId,
			name: guildName,
			ownerId,
			preferredLocale: seed.preferredLocale,
			createdAt: timestampOfSnowflake(guildId)
		});
		return seeded;
	}
}
