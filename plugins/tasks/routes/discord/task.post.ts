import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { inputOf } from '#core/plugin-kit.ts';
import { answerCreateTask, createTaskSchema } from '../../api.ts';

/** `POST /api/discord/task`: the previous bot's path for creating a task (n8n workflows call it); the same as `POST /api/tasks`. */
export class DiscordTaskRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema: { ...createTaskSchema, summary: 'Create a task (the previous bot\'s path)' } });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		return answerCreateTask(request, inputOf(request, createTaskSchema).body, response);
	}
}
