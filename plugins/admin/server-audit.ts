/**
 * `/auditserveur`'s report: the server's whole structure (categories, channels and their overwrites,
 * roles with their permissions and member counts, plugin switches and settings) and the problems
 * found in it (channels outside a category, roles holding Administrator, channels whose overwrites
 * differ from the permission matrix, chantiers whose channels are gone, settings naming a channel the server
 * does not have).
 */
import { container } from '@sapphire/framework';
import { ChannelType, OverwriteType, PermissionsBitField, type Guild } from 'discord.js';
import { coreSettingsOwner, isChannelSetting, settingKeys, shownSettings } from '#core/host/settings.ts';
import { everyMember, findTextChannel, guildSettings } from '#core/plugin-kit.ts';
import type { z } from 'zod';
import { listChantiers } from '../team/public.ts';
import { categoryKinds, diffOf, liveChannels, type LiveChannel, type LiveOverwrite } from './server-permissions.ts';

interface AuditOverwrite {
	id: string;
	type: 'role' | 'member';
	name: string;
	allow: string[];
	deny: string[];
}

interface AuditChannel {
	id: string;
	name: string;
	type: string;
	position: number;
	overwrites: AuditOverwrite[];
}

export interface ServerProblems {
	channelsOutsideCategory: { id: string; name: string }[];
	administratorRoles: { id: string; name: string; managed: boolean }[];
	overwritesDifferFromMatrix: { channelId: string; channelName: string; roles: string[] }[];
	chantiersWithChannelsGone: { code: string; name: string; missing: ('category' | 'channel')[] }[];
	/** `owner`: a plugin, or `core`. What the plugin posts there goes nowhere. */
	channelSettingsMissing: { owner: string; key: string; value: string }[];
}

export interface ServerAudit {
	generatedAt: string;
	guild: { id: string; name: string; ownerId: string; memberCount: number };
	roles: { id: string; name: string; position: number; managed: boolean; permissions: string[]; members: number }[];
	categories: (AuditChannel & { kind: string | null; channels: AuditChannel[] })[];
	channelsOutsideCategory: AuditChannel[];
	plugins: { name: string; version: string | null; status: string; activeHere: boolean; settings: unknown }[];
	coreSettings: unknown;
	problems: ServerProblems;
}

const names = (bits: bigint) => new PermissionsBitField(bits).toArray();

/** Builds the report from the bot's cache (members fetched first, for the counts) and the chantiers. */
export async function auditServer(guild: Guild, now: Date): Promise<ServerAudit> {
	const members = await everyMember(guild).catch(() => guild.members.cache);
	const matrix = guildSettings(guild.id).permissions;
	const channels = liveChannels(guild);
	const kinds = await categoryKinds(guild, matrix);
	const roleName = (id: string) => (id === guild.id ? '@everyone' : (guild.roles.cache.get(id)?.name ?? id));
	const overwrite = (live: LiveOverwrite): AuditOverwrite => ({
		id: live.id,
		type: live.type === OverwriteType.Member ? 'member' : 'role',
		name: live.type === OverwriteType.Member ? (members.get(live.id)?.user.username ?? live.id) : roleName(live.id),
		allow: names(live.allow),
		deny: names(live.deny)
	});
	const describe = (channel: LiveChannel): AuditChannel => {
		const cached = guild.channels.cache.get(channel.id);
		return {
			id: channel.id,
			name: channel.name,
			type: cached ? ChannelType[cached.type] : 'unknown',
			position: cached && 'rawPosition' in cached ? cached.rawPosition : 0,
			overwrites: channel.overwrites.map(overwrite)
		};
	};
	const byPosition = <T extends { position: number }>(list: T[]) => list.sort((a, b) => a.position - b.position);
	const categories = byPosition(
		channels
			.filter((channel) => channel.isCategory)
			.map((category) => ({
				...describe(category),
				kind: kinds.get(category.id) ?? null,
				channels: byPosition(channels.filter((channel) => channel.parentId === category.id).map(describe))
			}))
	);
	const outside = byPosition(channels.filter((channel) => !channel.isCategory && !channel.parentId).map(describe));
	const roles = [...guild.roles.cache.values()]
		.sort((a, b) => b.position - a.position)
		.map((role) => ({
			id: role.id,
			name: role.name,
			position: role.position,
			managed: role.managed,
			permissions: names(role.permissions.bitfield),
			members: role.id === guild.id ? members.size : members.filter((member) => member.roles.cache.has(role.id)).size
		}));
	const plugins = container.plugins.list().map((record) => ({
		name: record.name,
		version: record.manifest?.version ?? null,
		status: record.status,
		activeHere: container.plugins.isActive(record.name, guild.id),
		settings: record.manifest?.settings ? shownSettings(record.manifest.settings, container.settings.resolve(record.name, record.manifest.settings, guild.id) as Record<string, unknown>) : {}
	}));
	return {
		generatedAt: now.toISOString(),
		guild: { id: guild.id, name: guild.name, ownerId: guild.ownerId, memberCount: members.size },
		roles,
		categories,
		channelsOutsideCategory: outside,
		plugins,
		coreSettings: shownSettings(container.coreSettings, container.settings.resolve(coreSettingsOwner, container.coreSettings, guild.id) as Record<string, unknown>),
		problems: await problemsOf(guild, outside, roles)
	};
}

async function problemsOf(guild: Guild, outside: AuditChannel[], roles: ServerAudit['roles']): Promise<ServerProblems> {
	const diff = await diffOf(guild, guildSettings(guild.id).permissions);
	const differing = new Map<string, { channelId: string; channelName: string; roles: string[] }>();
	for (const change of diff.changes) {
		const entry = differing.get(change.channel.id) ?? { channelId: change.channel.id, channelName: change.channel.name, roles: [] };
		entry.roles.push(change.role.name);
		differing.set(change.channel.id, entry);
	}
	const { chantiers } = await listChantiers(container.db, guild.id, { offset: 0, limit: 10_000 });
	const gone = chantiers.flatMap((chantier) => {
		const missing = [
			...(chantier.discordCategoryId && !guild.channels.cache.has(chantier.discordCategoryId) ? (['category'] as const) : []),
			...(chantier.discordChannelId && !guild.channels.cache.has(chantier.discordChannelId) ? (['channel'] as const) : [])
		];
		return missing.length > 0 ? [{ code: chantier.code, name: chantier.name, missing }] : [];
	});
	return {
		channelsOutsideCategory: outside.map(({ id, name }) => ({ id, name })),
		administratorRoles: roles
			.filter((role) => role.permissions.includes('Administrator'))
			.map(({ id, name, managed }) => ({ id, name, managed })),
		overwritesDifferFromMatrix: [...differing.values()],
		chantiersWithChannelsGone: gone,
		channelSettingsMissing: channelSettingsMissing(guild)
	};
}

/** Channel settings (see channelSetting) of the core and the plugins running here that name no text channel of the server. */
function channelSettingsMissing(guild: Guild): ServerProblems['channelSettingsMissing'] {
	const owners: { owner: string; schema: z.ZodType }[] = [
		{ owner: coreSettingsOwner, schema: container.coreSettings },
		...container.plugins
			.list()
			.filter((record) => record.manifest?.settings && container.plugins.isActive(record.name, guild.id))
			.map((record) => ({ owner: record.name, schema: record.manifest!.settings! }))
	];
	return owners.flatMap(({ owner, schema }) => {
		const values = container.settings.resolve(owner, schema, guild.id) as Record<string, unknown>;
		return settingKeys(schema)
			.filter((key) => isChannelSetting(schema, key))
			.flatMap((key) => {
				const value = values[key];
				return typeof value === 'string' && value && !findTextChannel(guild, value) ? [{ owner, key, value }] : [];
			});
	});
}

