import { ApplicationCommandType } from 'discord.js';
import type { APIApplicationCommand } from 'discord.js';
import { bodyObject, requireGuild } from '../context.ts';
import type { ServerContext } from '../context.ts';
import { commandErrors, commandListErrors } from '../command-rules.ts';
import { DiscordApiError, errors } from '../http.ts';
import { param } from '../router.ts';
import type { RouteRequest, Router } from '../router.ts';

/** Application commands, global (`/applications/:id/commands`) and per guild. */
export function registerCommandRoutes(router: Router, context: ServerContext): void {
	const { state, ids, applicationId } = context;

	const scopeOf = (request: RouteRequest) => {
		if (param(request, 'applicationId') !== applicationId) throw errors.unknownCommand();
		const guildId = request.params.guildId;
		if (guildId) requireGuild(context, guildId);
		return { scope: guildId ?? 'global', guildId };
	};

	/** Fills what Discord adds to a definition; keeps the id and bumps the version. */
	const complete = (definition: Record<string, unknown>, guildId: string | undefined, id: string): APIApplicationCommand => {
		if (typeof definition.name !== 'string' || definition.name === '') {
			throw errors.invalidFormBody('name', 'BASE_TYPE_REQUIRED', 'This field is required');
		}
		return {
			description: '',
			options: [],
			default_member_permissions: null,
			nsfw: false,
			...definition,
			type: (definition.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput,
			id,
			application_id: applicationId,
			...(guildId ? { guild_id: guildId } : {}),
			version: ids.next()
		} as unknown as APIApplicationCommand;
	};

	const sameCommand = (a: { name: unknown; type?: unknown }, b: APIApplicationCommand) =>
		a.name === b.name && ((a.type as number | undefined) ?? 1) === (b.type ?? 1);

	const commandOf = (request: RouteRequest) => {
		const { scope } = scopeOf(request);
		const command = state.commandScope(scope).get(param(request, 'commandId'));
		if (!command) throw errors.unknownCommand();
		return command;
	};

	for (const base of ['/applications/:applicationId/commands', '/applications/:applicationId/guilds/:guildId/commands']) {
		router.add('GET', base, (request) => [...state.commandScope(scopeOf(request).scope).values()]);

		router.add('PUT', base, (request) => {
			const { scope, guildId } = scopeOf(request);
			if (!Array.isArray(request.body)) throw errors.invalidFormBody('_', 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
			const refused = commandListErrors(request.body as Record<string, unknown>[]);
			if (refused) throw new DiscordApiError(400, 50035, 'Invalid Form Body', refused);
			const previous = [...state.commandScope(scope).values()];
			const next = (request.body as Record<string, unknown>[]).map((definition) => {
				const kept = previous.find((command) => sameCommand(definition as { name: unknown }, command));
				return complete(definition, guildId, kept?.id ?? ids.next());
			});
			state.commands.set(scope, new Map(next.map((command) => [command.id, command])));
			return next;
		});

		router.add('POST', base, (request) => {
			const { scope, guildId } = scopeOf(request);
			const definition = bodyObject(request.body);
			const refused = commandErrors(definition);
			if (refused) throw new DiscordApiError(400, 50035, 'Invalid Form Body', refused);
			const existing = [...state.commandScope(scope).values()].find((command) => sameCommand(definition as { name: unknown }, command));
			const command = complete(definition, guildId, existing?.id ?? ids.next());
			state.commandScope(scope).set(command.id, command);
			return command;
		});

		router.add('GET', `${base}/:commandId`, (request) => commandOf(request));

		router.add('PATCH', `${base}/:commandId`, (request) => {
			const current = commandOf(request);
			const changed = { ...current, ...bodyObject(request.body) };
			const refused = commandErrors(changed as Record<string, unknown>);
			if (refused) throw new DiscordApiError(400, 50035, 'Invalid Form Body', refused);
			const command = complete(changed, current.guild_id, current.id);
			state.commandScope(scopeOf(request).scope).set(command.id, command);
			return command;
		});

		router.add('DELETE', `${base}/:commandId`, (request) => {
			state.commandScope(scopeOf(request).scope).delete(commandOf(request).id);
			return undefined;
		});
	}
}
