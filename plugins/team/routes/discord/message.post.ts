import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { inputOf } from '#core/plugin-kit.ts';
import { answerPost, messageSchema } from '../../api.ts';

/** `POST /api/discord/message`: posts text to a channel (the previous bot's path, n8n workflows call it). */
export class DiscordMessageRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema: messageSchema });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		return answerPost(request, inputOf(request, messageSchema).body, response);
	}
}
