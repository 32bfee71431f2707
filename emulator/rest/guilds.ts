import { PermissionFlagsBits, type APIRole, type RoleFlags } from 'discord.js';
import { bodyObject, requireGuild, requireMember } from '../context.ts';
import type { ServerContext } from '../context.ts';
import { errors } from '../http.ts';
import { param } from '../router.ts';
import type { RouteRequest, Router } from '../router.ts';

const maxTimeoutMs = 28 * 24 * 3600 * 1000;
/** Up to 7 days of a banned user's messages may be deleted with the ban. */
const maxBanDeleteSeconds = 7 * 24 * 3600;

export function registerGuildRoutes(router: Router, context: ServerContext): void {
	const { state, ids, gateway, botUser, messages } = context;

	const memberUpdate = (guildId: string, userId: string) =>
		gateway.dispatch('GUILD_MEMBER_UPDATE', { guild_id: guildId, ...state.memberPayload(guildId, userId) });

	const roleOf = (guildId: string, roleId: string): APIRole => {
		const role = state.roles(guildId).get(roleId);
		if (!role) throw errors.unknownRole();
		return role;
	};

	const removeMember = async (guildId: string, userId: string) => {
		state.members(guildId).delete(userId);
		await gateway.dispatch('GUILD_MEMBER_REMOVE', { guild_id: guildId, user: state.userPayload(userId) });
	};

	/**
	 * What Discord checks before the bot kicks, bans or times out someone: the bot's permission, then the
	 * hierarchy (the owner, and members whose highest role is at or above the bot's, are out of reach).
	 */
	const requireModeratable = (guildId: string, userId: string, permission: bigint) => {
		if ((state.permissionsOf(guildId, botUser.id) & permission) === 0n) throw errors.missingPermissions();
		if (!state.members(guildId).has(userId)) return;
		if (state.highestRolePosition(guildId, userId) >= state.highestRolePosition(guildId, botUser.id)) throw errors.missingPermissions();
	};

	/** A timeout ends within 28 days, and administrators cannot be timed out. */
	const checkTimeout = (guildId: string, userId: string, until: unknown) => {
		requireModeratable(guildId, userId, PermissionFlagsBits.ModerateMembers);
		if (until === null) return;
		const end = typeof until === 'string' ? Date.parse(until) : Number.NaN;
		if (Number.isNaN(end)) throw errors.invalidFormBody('communication_disabled_until', 'DATE_TIME_TYPE_PARSE', 'Could not parse the date and time.');
		if (end > Date.now() + maxTimeoutMs) throw errors.invalidFormBody('communication_disabled_until', 'BASE_TYPE_BAD_TIMESTAMP', 'The timeout may not end more than 28 days from now.');
		if ((state.permissionsOf(guildId, userId) & PermissionFlagsBits.Administrator) !== 0n) throw errors.missingPermissions();
	};

	router.add('GET', '/guilds/:guildId', (request) => state.guildPayload(requireGuild(context, param(request, 'guildId')).id));

	router.add('GET', '/users/@me/guilds', () =>
		[...state.guilds.values()].map((guild) => ({
			id: guild.id,
			name: guild.name,
			icon: null,
			owner: false,
			permissions: state.permissionsOf(guild.id, botUser.id).toString(),
			features: []
		}))
	);

	// ---- roles ---------------------------------------------------------

	router.add('GET', '/guilds/:guildId/roles', (request) => [...state.roles(requireGuild(context, param(request, 'guildId')).id).values()]);

	router.add('GET', '/guilds/:guildId/roles/:roleId', (request) => roleOf(requireGuild(context, param(request, 'guildId')).id, param(request, 'roleId')));

	router.add('POST', '/guilds/:guildId/roles', async (request) => {
		const guild = requireGuild(context, param(request, 'guildId'));
		const body = bodyObject(request.body);
		const color = Number(body.color ?? 0);
		const role: APIRole = {
			id: ids.next(),
			name: String(body.name ?? 'new role'),
			color,
			colors: { primary_color: color, secondary_color: null, tertiary_color: null },
			hoist: Boolean(body.hoist),
			icon: null,
			unicode_emoji: null,
			position: 1,
			permissions: String(body.permissions ?? state.roles(guild.id).get(guild.id)?.permissions ?? '0'),
			managed: false,
			mentionable: Boolean(body.mentionable),
			flags: 0 as RoleFlags
		};
		state.roles(guild.id).set(role.id, role);
		await gateway.dispatch('GUILD_ROLE_CREATE', { guild_id: guild.id, role });
		return role;
	});

	router.add('PATCH', '/guilds/:guildId/roles/:roleId', async (request) => {
		const guild = requireGuild(context, param(request, 'guildId'));
		const role = roleOf(guild.id, param(request, 'roleId'));
		const body = bodyObject(request.body);
		if (typeof body.name === 'string') role.name = body.name;
		if (body.permissions !== undefined && body.permissions !== null) role.permissions = String(body.permissions);
		if (typeof body.color === 'number') role.color = body.color;
		if (typeof body.hoist === 'boolean') role.hoist = body.hoist;
		if (typeof body.mentionable === 'boolean') role.mentionable = body.mentionable;
		await gateway.dispatch('GUILD_ROLE_UPDATE', { guild_id: guild.id, role });
		return role;
	});

	router.add('PATCH', '/guilds/:guildId/roles', async (request) => {
		const guild = requireGuild(context, param(request, 'guildId'));
		const moves = Array.isArray(request.body) ? (request.body as { id: string; position?: number }[]) : [];
		for (const move of moves) {
			const role = roleOf(guild.id, move.id);
			if (move.position !== undefined) role.position = move.position;
			await gateway.dispatch('GUILD_ROLE_UPDATE', { guild_id: guild.id, role });
		}
		return [...state.roles(guild.id).values()];
	});

	router.add('DELETE', '/guilds/:guildId/roles/:roleId', async (request) => {
		const guild = requireGuild(context, param(request, 'guildId'));
		const role = roleOf(guild.id, param(request, 'roleId'));
		state.roles(guild.id).delete(role.id);
		for (const member of state.members(guild.id).values()) member.roles = member.roles.filter((id) => id !== role.id);
		await gateway.dispatch('GUILD_ROLE_DELETE', { guild_id: guild.id, role_id: role.id });
		return undefined;
	});

	// ---- members -------------------------------------------------------

	router.add('GET', '/guilds/:guildId/members', (request) => {
		const guild = requireGuild(context, param(request, 'guildId'));
		const limit = Math.min(Number(request.query.get('limit') ?? 1) || 1, 1000);
		const after = BigInt(request.query.get('after') ?? '0');
		return [...state.members(guild.id).keys()]
			.filter((id) => BigInt(id) > after)
			.sort((a, b) => (BigInt(a) > BigInt(b) ? 1 : -1))
			.slice(0, limit)
			.map((id) => state.memberPayload(guild.id, id));
	});

	router.add('GET', '/guilds/:guildId/members/search', (request) => {
		const guild = requireGuild(context, param(request, 'guildId'));
		const query = (request.query.get('query') ?? '').toLowerCase();
		const limit = Math.min(Number(request.query.get('limit') ?? 1) || 1, 1000);
		return [...state.members(guild.id).values()]
			.filter((member) => {
				const user = state.userPayload(member.userId);
				return [user.username, user.global_name, member.nick].some((name) => name?.toLowerCase().startsWith(query));
			})
			.slice(0, limit)
			.map((member) => state.memberPayload(guild.id, member.userId));
	});

	router.add('GET', '/guilds/:guildId/members/:userId', (request) => {
		const member = requireMember(context, param(request, 'guildId'), param(request, 'userId'));
		return state.memberPayload(param(request, 'guildId'), member.userId);
	});

	router.add('PATCH', '/guilds/:guildId/members/:userId', async (request) => {
		const guildId = param(request, 'guildId');
		const member = requireMember(context, guildId, param(request, 'userId'));
		const body = bodyObject(request.body);
		if ('communication_disabled_until' in body) checkTimeout(guildId, member.userId, body.communication_disabled_until);
		if ('nick' in body) member.nick = (body.nick as string | null) || null;
		if (Array.isArray(body.roles)) member.roles = (body.roles as string[]).filter((id) => state.roles(guildId).has(id) && id !== guildId);
		if ('communication_disabled_until' in body) member.communicationDisabledUntil = (body.communication_disabled_until as string | null) ?? null;
		if (typeof body.mute === 'boolean') member.mute = body.mute;
		if (typeof body.deaf === 'boolean') member.deaf = body.deaf;
		await memberUpdate(guildId, member.userId);
		return state.memberPayload(guildId, member.userId);
	});

	router.add('PATCH', '/guilds/:guildId/members/@me/nick', async (request) => {
		const guildId = param(request, 'guildId');
		const member = requireMember(context, guildId, botUser.id);
		member.nick = (bodyObject(request.body).nick as string | null) || null;
		await memberUpdate(guildId, botUser.id);
		return { nick: member.nick };
	});

	router.add('DELETE', '/guilds/:guildId/members/:userId', async (request) => {
		const guildId = param(request, 'guildId');
		const member = requireMember(context, guildId, param(request, 'userId'));
		requireModeratable(guildId, member.userId, PermissionFlagsBits.KickMembers);
		await removeMember(guildId, member.userId);
		return undefined;
	});

	const changeRole = (add: boolean) => async (request: RouteRequest) => {
		const guildId = param(request, 'guildId');
		const member = requireMember(context, guildId, param(request, 'userId'));
		const roleId = roleOf(guildId, param(request, 'roleId')).id;
		member.roles = add ? [...new Set([...member.roles, roleId])] : member.roles.filter((id) => id !== roleId);
		await memberUpdate(guildId, member.userId);
		return undefined;
	};
	router.add('PUT', '/guilds/:guildId/members/:userId/roles/:roleId', changeRole(true));
	router.add('DELETE', '/guilds/:guildId/members/:userId/roles/:roleId', changeRole(false));

	// ---- bans ----------------------------------------------------------

	router.add('GET', '/guilds/:guildId/bans', (request) => {
		const guild = requireGuild(context, param(request, 'guildId'));
		return [...state.bans(guild.id).values()].map((ban) => ({ reason: ban.reason, user: state.userPayload(ban.userId) }));
	});

	router.add('GET', '/guilds/:guildId/bans/:userId', (request) => {
		const guild = requireGuild(context, param(request, 'guildId'));
		const ban = state.bans(guild.id).get(param(request, 'userId'));
		if (!ban) throw errors.unknownBan();
		return { reason: ban.reason, user: state.userPayload(ban.userId) };
	});

	router.add('PUT', '/guilds/:guildId/bans/:userId', async (request) => {
		const guild = requireGuild(context, param(request, 'guildId'));
		const userId = param(request, 'userId');
		if (!state.users.has(userId)) throw errors.unknownUser();
		requireModeratable(guild.id, userId, PermissionFlagsBits.BanMembers);
		const seconds = bodyObject(request.body).delete_message_seconds ?? 0;
		if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0 || seconds > maxBanDeleteSeconds) {
			throw errors.invalidFormBody('delete_message_seconds', 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${maxBanDeleteSeconds}.`);
		}
		// Their messages of the last `seconds` in the guild's channels go with them.
		const since = Date.now() - seconds * 1000;
		const removed = [...state.messages.values()].filter((message) => message.guild_id === guild.id && message.author.id === userId && Date.parse(message.timestamp) >= since);
		for (const message of seconds > 0 ? removed : []) await messages.delete(message);
		state.bans(guild.id).set(userId, { userId, reason: request.auditReason ?? null });
		if (state.members(guild.id).has(userId)) await removeMember(guild.id, userId);
		await gateway.dispatch('GUILD_BAN_ADD', { guild_id: guild.id, user: state.userPayload(userId) });
		return undefined;
	});

	router.add('DELETE', '/guilds/:guildId/bans/:userId', async (request) => {
		const guild = requireGuild(context, param(request, 'guildId'));
		const userId = param(request, 'userId');
		if (!state.bans(guild.id).delete(userId)) throw errors.unknownBan();
		await gateway.dispatch('GUILD_BAN_REMOVE', { guild_id: guild.id, user: state.userPayload(userId) });
		return undefined;
	});
}
