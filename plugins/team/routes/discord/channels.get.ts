import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { ChannelType } from 'discord.js';
import { inputOf } from '#core/plugin-kit.ts';
import { channelsSchema, listedGuild } from '../../api.ts';

/** `GET /api/discord/channels?guild=`: the server's channels, in Discord's order (the previous bot's path). */
export class DiscordChannelsRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema: channelsSchema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const guild = await listedGuild(request, inputOf(request, channelsSchema).query.guild, response);
		if (!guild) return;
		const channels = [...guild.channels.cache.values()]
			.sort((a, b) => ('position' in a && 'position' in b ? a.position - b.position : 0))
			.map((channel) => ({ id: channel.id, name: channel.name, type: ChannelType[channel.type], parentId: channel.parentId }));
		response.json({ channels });
	}
}
