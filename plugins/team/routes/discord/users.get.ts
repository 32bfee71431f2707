import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import type { Collection, GuildMember } from 'discord.js';
import { inputOf } from '#core/plugin-kit.ts';
import { listedGuild, usersSchema } from '../../api.ts';

/** Members read through REST when this process does not hold the server's shard (Discord's page size). */
const memberPage = 1000;

/**
 * `GET /api/discord/users?guild=`: the server's members (the previous bot's path): the bot's cache when
 * this process holds the server's shard; otherwise Discord's REST API, which has no presence: `status`
 * is then `unknown`.
 */
export class DiscordUsersRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema: usersSchema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const guild = await listedGuild(request, inputOf(request, usersSchema).query.guild, response);
		if (!guild) return;
		const held = this.container.client.guilds.cache.get(guild.id) === guild;
		const members = held ? [...guild.members.cache.values()] : await everyMember(guild.members.list.bind(guild.members));
		const users = members
			.map((member) => ({
				id: member.id,
				username: member.user.username,
				displayName: member.displayName,
				bot: member.user.bot,
				roles: member.roles.cache.filter((role) => role.id !== guild.id).map((role) => role.name),
				status: held ? (member.presence?.status ?? 'offline') : 'unknown'
			}))
			.sort((a, b) => a.displayName.localeCompare(b.displayName));
		response.json({ users });
	}
}

async function everyMember(list: (options: { limit: number; after?: string; cache: boolean }) => Promise<Collection<string, GuildMember>>): Promise<GuildMember[]> {
	const members: GuildMember[] = [];
	let after: string | undefined;
	for (;;) {
		const page = await list({ limit: memberPage, cache: false, ...(after ? { after } : {}) });
		members.push(...page.values());
		if (page.size < memberPage) return members;
		after = page.lastKey();
	}
}
