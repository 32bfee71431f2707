import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { inputOf } from '#core/plugin-kit.ts';
import { answerPost, embedSchema } from '../../api.ts';

/** `POST /api/discord/embed`: posts an embed to a channel (the previous bot's path). */
export class DiscordEmbedRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema: embedSchema });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		return answerPost(request, inputOf(request, embedSchema).body, response);
	}
}
