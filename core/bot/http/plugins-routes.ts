// GET /api/plugins, PUT /api/plugins/[name] and POST /api/plugins/[name]/reload: each plugin's state, switching one on or off bot-wide or for a server, and reloading one, through the host as /plugins does.
import { container } from '@sapphire/framework';
import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { botGuildIds, everyGuild } from '../../bot-guilds.ts';
import { recordAudit } from '../../audit.ts';
import { getDefaultLocale, locales, type Locale } from '../../i18n.ts';
import { PluginSwitchError } from '../../host/host.ts';
import { pluginDescription } from '../../host/manifest.ts';
import { settingKeys } from '../../host/settings.ts';
import { callerOf } from './api-callers.ts';
import { inputOf, type RouteSchema } from './route-spec.ts';
import { callerMayActOn, sessionOf } from './session.ts';

const outOfReach = z.object({ error: z.string() });
/** A dashboard session limited to some servers (an admin of one of several servers) asking for a change elsewhere or bot-wide. */
export const outOfReachResponse = { description: 'A dashboard session limited to some servers: not this one, or bot-wide', schema: outOfReach };
/**
 * A `guildId` that is none of the bot's servers (a typo, a server that removed the bot): answered 400 naming the
 * field, rather than a state or settings written for a server nobody will read them in. True once answered.
 */
export async function refusedUnknownServer(response: ApiResponse, guildId: string | undefined): Promise<boolean> {
	if (guildId === undefined || (await botGuildIds()).includes(guildId)) return false;
	response.status(400).json({ error: 'Invalid request', issues: [{ in: 'body', path: 'guildId', message: 'a server of the bot' }] });
	return true;
}

export const unknownServerResponse = { description: 'Invalid request: `guildId` is none of the bot\'s servers', schema: z.object({ error: z.string() }).loose() };

export const outOfReachError = (guildId: string | undefined) =>
	({ error: guildId ? `Forbidden: you are not an admin of server ${guildId}` : 'Forbidden: only the bot\'s owners change things bot-wide; choose a server' }) as const;

const pluginState = z.object({
	name: z.string(),
	version: z.string().optional(),
	description: z.string().optional(),
	required: z.boolean(),
	dependencies: z.array(z.string()),
	state: z.enum(['active', 'off', 'waiting', 'failed', 'skipped']).describe('Bot-wide, or for `guildId` when given'),
	waitingFor: z.array(z.string()).optional(),
	error: z.string().optional(),
	loadedAt: z.string().optional(),
	reloads: z.number(),
	settings: z.boolean().describe('Whether it has settings (`GET /api/plugins/{name}/settings`)')
});

const listSchema = {
	summary: 'Every plugin\'s state',
	tags: ['core'],
	query: z.object({
		guildId: z.string().regex(/^\d{17,20}$/, 'a Discord id').optional().describe('The state for this server (bot-wide by default)'),
		locale: z.enum(locales as [Locale, ...Locale[]]).optional().describe('The language of the descriptions (LOCALE_DEFAULT by default)')
	}),
	responses: {
		200: {
			description: 'Plugins in load order, and the servers the caller may act on (for per-server states)',
			schema: z.object({
				plugins: z.array(pluginState),
				servers: z.array(z.object({ id: z.string(), name: z.string() })),
				botWide: z.boolean().describe('Whether the caller may change things bot-wide (false for a session limited to some servers)')
			})
		}
	}
} satisfies RouteSchema;

const switchSchema = {
	summary: 'Switch a plugin on or off, bot-wide or for one server',
	description: 'The same host logic and refusals as `/plugins enable|disable`: a required plugin cannot be switched off, nor one switched on while a dependency is off. Audited.',
	tags: ['core'],
	params: z.object({ name: z.string().min(1).max(100) }),
	body: z.object({ enabled: z.boolean(), guildId: z.string().regex(/^\d{17,20}$/, 'a Discord id').optional().describe('Only for this server (bot-wide by default)') }),
	responses: {
		200: { description: 'The plugin\'s state after the switch', schema: pluginState },
		400: unknownServerResponse,
		403: outOfReachResponse,
		404: { description: 'No such plugin', schema: z.object({ error: z.string() }) },
		409: {
			description: 'Refused: required plugin, or dependencies off',
			schema: z.object({
				error: z.string().describe('The refusal in English'),
				reason: z.enum(['required', 'dependencies']).describe('Why, for a client to word it: `required` (cannot be switched off), `dependencies` (some it depends on are off)'),
				dependencies: z.array(z.string()).describe('With `dependencies`: the plugins it depends on that are off')
			})
		}
	}
} satisfies RouteSchema;

function describePlugin(name: string, guildId?: string, locale: Locale = getDefaultLocale()): z.infer<typeof pluginState> | undefined {
	const { plugins } = container;
	const record = plugins.get(name);
	const state = plugins.stateOf(name, guildId);
	if (!record || !state) return undefined;
	return {
		name,
		version: record.manifest?.version,
		description: record.manifest && pluginDescription(record.manifest, locale),
		required: record.manifest?.required ?? false,
		dependencies: record.manifest?.dependencies ?? [],
		state: state.state,
		waitingFor: state.waitingFor,
		error: state.error,
		loadedAt: record.loadedAt?.toISOString(),
		reloads: record.reloads,
		settings: record.manifest?.settings !== undefined && settingKeys(record.manifest.settings).length > 0
	};
}

export class PluginsListRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'plugins', methods: ['GET'], schema: listSchema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { guildId, locale } = inputOf(request, listSchema).query;
		const session = request.headers.authorization || request.headers['x-api-key'] ? undefined : sessionOf(request);
		// Every server of the bot, whichever process holds its shard (or none here: PROCESS_ROLE=api).
		const servers: { id: string; name: string }[] = [];
		for await (const guild of everyGuild()) {
			if (!session?.guildIds || session.guildIds.includes(guild.id)) servers.push({ id: guild.id, name: guild.name });
		}
		response.json({ plugins: this.container.plugins.list().map((record) => describePlugin(record.name, guildId, locale)!), servers, botWide: !session?.guildIds });
	}
}

export class PluginSwitchRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'plugins/[name]', methods: ['PUT'], scope: 'admin', schema: switchSchema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { params, body } = inputOf(request, switchSchema);
		if (!callerMayActOn(request, body.guildId)) {
			response.status(403).json(outOfReachError(body.guildId));
			return;
		}
		if (await refusedUnknownServer(response, body.guildId)) return;
		const actor = callerOf(request) ?? 'api';
		try {
			await this.container.plugins.setEnabled(params.name, body.enabled, { guildId: body.guildId, actor });
		} catch (error) {
			if (!(error instanceof PluginSwitchError)) throw error;
			this.container.pino.warn({ plugin: params.name, enabled: body.enabled, reason: error.reason, actor }, 'API: plugin switch refused');
			if (error.reason === 'unknown') response.status(404).json({ error: `No plugin named "${params.name}"` });
			else response.status(409).json({ error: error.message, reason: error.reason, dependencies: error.dependencies });
			return;
		}
		this.container.pino.info({ target: params.name, enabled: body.enabled, guildId: body.guildId, actor }, 'Plugin switched through the API');
		response.json(describePlugin(params.name, body.guildId)!);
	}
}

const reloadSchema = {
	summary: 'Reload a plugin from its folder (and the plugins depending on it), as `/plugins reload`',
	description: '`unchanged` when its files did not change; `refused` or `failed` with the error in the plugin\'s state. A bot-wide change: not for a session limited to some servers. Audited.',
	tags: ['core'],
	params: z.object({ name: z.string().min(1).max(100) }),
	body: z.object({}).optional(),
	responses: {
		200: {
			description: 'What the reload did, and the plugin\'s state after it',
			schema: z.object({ outcome: z.enum(['loaded', 'reloaded', 'unchanged', 'refused', 'failed', 'waiting', 'skipped', 'removed']), plugin: pluginState.optional() })
		},
		403: outOfReachResponse,
		404: { description: 'No such plugin', schema: z.object({ error: z.string() }) }
	}
} satisfies RouteSchema;

export class PluginReloadRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'plugins/[name]/reload', methods: ['POST'], scope: 'admin', schema: reloadSchema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { name } = inputOf(request, reloadSchema).params;
		const { plugins } = this.container;
		if (!callerMayActOn(request, undefined)) {
			response.status(403).json(outOfReachError(undefined));
			return;
		}
		if (!plugins.get(name)) {
			response.status(404).json({ error: `No plugin named "${name}"` });
			return;
		}
		const actor = callerOf(request) ?? 'api';
		const { outcome } = await plugins.reload(name);
		await recordAudit({ kind: 'action_admin', guildId: null, actorId: actor, action: 'plugin.reload', target: name, details: { outcome, via: 'api' } });
		this.container.pino.info({ target: name, outcome, actor }, 'Plugin reloaded through the API');
		response.json({ outcome, plugin: describePlugin(name) });
	}
}
