/** Which application commands Discord's client offers a member in a channel: those it hides are refused when sent. */
import { ApplicationCommandPermissionType, ApplicationCommandType, PermissionFlagsBits } from 'discord.js';
import type { APIApplicationCommand } from 'discord.js';
import { CommandRefused } from './refusals.ts';
import type { DiscordState } from './state.ts';

/** Each permission bit by its first name (discord.js keeps renamed permissions under both names). */
const PERMISSION_NAMES = new Map(Object.entries(PermissionFlagsBits).reverse().map(([name, bit]) => [bit, name]));

/**
 * Why Discord does not offer the command to this user here, or undefined when it does. Someone who is
 * not a member of the channel's guild is offered none. A member: the owner and administrators always;
 * else the server's overrides (Integrations settings: a channel turned off, then the member, their roles,
 * @everyone), else the command's `default_member_permissions` held in the channel ("0": administrators
 * only). `shown` is the command as the member's client shows it (`/aide`, `« Archive »`).
 */
export function hiddenCommand(state: DiscordState, command: APIApplicationCommand, channelId: string, userId: string, shown: string): CommandRefused | undefined {
	const guildId = state.channels.get(channelId)?.guild_id;
	if (!guildId) return undefined;
	const user = state.users.get(userId)?.username ?? userId;
	const member = state.members(guildId).get(userId);
	if (!member) {
		const guild = state.guilds.get(guildId)?.name ?? guildId;
		return new CommandRefused({ reason: 'notAMember', user, guild }, `${user} is not a member of ${guild}: Discord offers them none of its commands`);
	}
	const permissions = state.permissionsOf(guildId, userId, channelId);
	if ((permissions & PermissionFlagsBits.Administrator) !== 0n) return undefined;
	const why = `: Discord does not offer it to ${user}`;

	const overrides = state.commandPermissions.get(`${guildId}:${command.id}`) ?? [];
	const rule = (type: ApplicationCommandPermissionType, id: string) => overrides.find((override) => override.type === type && override.id === id);
	// Discord names "every channel" by the guild's id minus one.
	const channelRule = rule(ApplicationCommandPermissionType.Channel, channelId) ?? rule(ApplicationCommandPermissionType.Channel, String(BigInt(guildId) - 1n));
	if (channelRule?.permission === false) {
		const channel = state.channels.get(channelId)?.name ?? channelId;
		return new CommandRefused({ reason: 'turnedOffInChannel', command: shown, user, channel }, `${shown} is turned off in #${channel} in the server’s settings${why}`);
	}
	// The most specific override decides: the member's own, else their roles' (one allowing is enough), else @everyone's.
	const roleRules = member.roles.flatMap((roleId) => rule(ApplicationCommandPermissionType.Role, roleId) ?? []);
	const allowed =
		rule(ApplicationCommandPermissionType.User, userId)?.permission ??
		(roleRules.length > 0 ? roleRules.some((override) => override.permission) : rule(ApplicationCommandPermissionType.Role, guildId)?.permission);
	if (allowed === true) return undefined;
	if (allowed === false) return new CommandRefused({ reason: 'deniedInSettings', command: shown, user }, `${shown} is denied to them in the server’s settings${why}`);

	const needed = command.default_member_permissions;
	if (needed === null || needed === undefined) return undefined;
	if (needed === '0') return new CommandRefused({ reason: 'administratorsOnly', command: shown, user }, `${shown} is for administrators only (default_member_permissions)${why}`);
	const missing = BigInt(needed) & ~permissions;
	if (missing === 0n) return undefined;
	const names = [...PERMISSION_NAMES].filter(([bit]) => (missing & bit) !== 0n).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, name]) => name);
	return new CommandRefused({ reason: 'missingPermissions', command: shown, user, permissions: names }, `${shown} needs ${names.join(', ')} (default_member_permissions)${why}`);
}

/** The slash commands Discord's client lists for this user in this channel: the guild's, then the global ones. */
export function offeredCommands(state: DiscordState, channelId: string, userId: string): APIApplicationCommand[] {
	const guildId = state.channels.get(channelId)?.guild_id;
	const scopes = guildId ? [guildId, 'global'] : ['global'];
	return scopes
		.flatMap((scope) => [...state.commandScope(scope).values()])
		.filter((command) => (command.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput && !hiddenCommand(state, command, channelId, userId, command.name));
}
