import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { inputOf } from '#core/plugin-kit.ts';
import { listedGuild, usersSchema } from '../../api.ts';

/** `GET /api/discord/users?guild=`: the server's members as the bot's cache holds them (the previous bot's path). */
export class DiscordUsersRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema: usersSchema });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const guild = listedGuild(inputOf(request, usersSchema).query.guild, response);
		if (!guild) return;
		const users = guild.members.cache
			.map((member) => ({
				id: member.id,
				username: member.user.username,
				displayName: member.displayName,
				bot: member.user.bot,
				roles: member.roles.cache.filter((role) => role.id !== guild.id).map((role) => role.name),
				status: member.presence?.status ?? 'offline'
			}))
			.sort((a, b) => a.displayName.localeCompare(b.displayName));
		response.json({ users });
	}
}
