import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { inputOf } from '#core/plugin-kit.ts';
import { answerCreateTask, createTaskSchema } from '../api.ts';

/** `POST /api/tasks` (JSON): creates a task for an HTTP integration, with the same checks as `/tache`. */
export class TasksCreateRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, schema: createTaskSchema });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		return answerCreateTask(request, inputOf(request, createTaskSchema).body, response);
	}
}
