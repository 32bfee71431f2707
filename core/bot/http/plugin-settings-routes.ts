// GET/PUT /api/plugins/[name]/settings: a plugin's settings described from its zod schema (JSON Schema per key, for a generated form) and written through the settings store, checked by the same schema, as /config does.
import { container } from '@sapphire/framework';
import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { recordAudit } from '../../audit.ts';
import { getDefaultLocale } from '../../i18n.ts';
import { isSecretSetting, settingField, settingKeys, SettingsError, shownSettingValue, zodMessages } from '../../host/settings.ts';
import { coreText } from '../text.ts';
import { callerOf } from './api-callers.ts';
import { outOfReachError, outOfReachResponse, refusedUnknownServer } from './plugins-routes.ts';
import { inputOf, type RouteSchema } from './route-spec.ts';
import { callerMayActOn } from './session.ts';

const guildId = z.string().regex(/^\d{17,20}$/, 'a Discord id').optional();
const issue = z.object({ key: z.string().describe('The setting (a nested value: `key.path`); empty for the whole object'), message: z.string() });

const settingDescription = z.object({
	key: z.string(),
	schema: z.record(z.string(), z.unknown()).describe('The JSON Schema of the value the key takes (zod\'s `toJSONSchema`, input side: defaults included)'),
	required: z.boolean().describe('No default: a value must be set'),
	secret: z.boolean().describe('A secret (secretSetting): its value is never sent, only whether it is set'),
	value: z.unknown().optional().describe('The value that applies (`••••••` for a set secret); absent when unset'),
	source: z.enum(['default', 'bot', 'server']).describe('Where the value comes from: the schema, the bot-wide value, the server\'s')
});
const settingsAnswer = z.object({ plugin: z.string(), guildId: z.string().optional(), settings: z.array(settingDescription) });

const readSchema = {
	summary: 'A plugin\'s settings, each with its JSON Schema and the value that applies',
	description: 'Bot-wide, or for `guildId`. Secrets are masked. An empty list for a plugin without settings.',
	tags: ['core'],
	params: z.object({ name: z.string().min(1).max(100) }),
	query: z.object({ guildId: guildId.describe('The values that apply in this server (bot-wide by default)') }),
	responses: { 200: { description: 'The settings', schema: settingsAnswer }, 404: { description: 'No such plugin', schema: z.object({ error: z.string() }) } }
} satisfies RouteSchema;

const writeSchema = {
	summary: 'Set or reset some of a plugin\'s settings, checked by its own zod schema',
	description:
		'The new values are checked together with those already set, by the plugin\'s schema (as `/config définir`), before anything is written: a refusal lists each wrong key with its message (in `locale`). `reset` removes a key\'s value at that level (the server falls back to the bot\'s value, the bot to the default). Audited; secrets are never logged.',
	tags: ['core'],
	params: z.object({ name: z.string().min(1).max(100) }),
	body: z.object({
		guildId: guildId.describe('Only for this server (bot-wide by default)'),
		values: z.record(z.string(), z.unknown()).default({}),
		reset: z.array(z.string()).max(100).default([]),
		locale: z.enum(['fr', 'en']).optional().describe('Language of the refusal messages; the bot\'s default when absent')
	}),
	responses: {
		200: { description: 'The settings after the change', schema: settingsAnswer },
		400: {
			description: 'A value does not fit the schema, or a key is unknown (`Invalid settings`, issues by key); or `guildId` is none of the bot\'s servers (`Invalid request`)',
			schema: z.object({ error: z.string(), issues: z.array(z.union([issue, z.object({ in: z.literal('body'), path: z.string(), message: z.string() })])) })
		},
		403: outOfReachResponse,
		404: { description: 'No such plugin', schema: z.object({ error: z.string() }) }
	}
} satisfies RouteSchema;

function schemaOf(name: string): z.ZodType | null | undefined {
	const record = container.plugins.get(name);
	if (!record) return undefined;
	return record.manifest?.settings ?? null;
}

/** A key's JSON Schema; a part zod cannot express (a refine, a transform) is left open, and the server still checks it. */
function jsonSchemaOf(field: z.ZodType): Record<string, unknown> {
	return z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function describeSettings(plugin: string, schema: z.ZodType | null, forGuild?: string): z.infer<typeof settingsAnswer> {
	if (!schema) return { plugin, guildId: forGuild, settings: [] };
	const { settings } = container;
	const resolved = settings.resolve(plugin, schema, forGuild) as Record<string, unknown>;
	const { global, guilds } = settings.overrides(plugin);
	const ofGuild = forGuild ? (guilds[forGuild] ?? {}) : {};
	return {
		plugin,
		guildId: forGuild,
		settings: settingKeys(schema).map((key) => {
			const field = settingField(schema, key)!;
			return {
				key,
				schema: jsonSchemaOf(field),
				required: !field.safeParse(undefined).success,
				secret: isSecretSetting(schema, key),
				value: shownSettingValue(schema, key, resolved[key]),
				source: Object.hasOwn(ofGuild, key) ? 'server' : Object.hasOwn(global, key) ? 'bot' : 'default'
			};
		})
	};
}

export class PluginSettingsReadRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'plugins/[name]/settings', methods: ['GET'], scope: 'admin', schema: readSchema });
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const { params, query } = inputOf(request, readSchema);
		const schema = schemaOf(params.name);
		if (schema === undefined) {
			response.status(404).json({ error: `No plugin named "${params.name}"` });
			return;
		}
		response.json(describeSettings(params.name, schema, query.guildId));
	}
}

export class PluginSettingsWriteRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'plugins/[name]/settings', methods: ['PUT'], scope: 'admin', schema: writeSchema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const { params, body } = inputOf(request, writeSchema);
		const schema = schemaOf(params.name);
		if (schema === undefined) {
			response.status(404).json({ error: `No plugin named "${params.name}"` });
			return;
		}
		if (!callerMayActOn(request, body.guildId)) {
			response.status(403).json(outOfReachError(body.guildId));
			return;
		}
		if (await refusedUnknownServer(response, body.guildId)) return;
		const locale = body.locale ?? getDefaultLocale();
		const keys = schema ? settingKeys(schema) : [];
		const unknown = [...Object.keys(body.values), ...body.reset].filter((key) => !keys.includes(key));
		const refuse = (issues: z.infer<typeof issue>[]) => response.status(400).json({ error: 'Invalid settings', issues });
		if (!schema || unknown.length > 0) return refuse(unknown.map((key) => ({ key, message: coreText(locale)('unknownSetting', { keys: keys.join(', ') || '—' }) })));

		// Everything is checked at once, as it will be once written, before the first write.
		const { global, guilds } = this.container.settings.overrides(params.name);
		// The level written (bot-wide, or the server's) without the keys reset, then the new values; a server's level falls back on the bot's.
		const written = { ...(body.guildId ? guilds[body.guildId] : global) };
		for (const key of body.reset) delete written[key];
		const checked = schema.safeParse({ ...(body.guildId ? global : {}), ...written, ...body.values }, { error: zodMessages[locale] });
		if (!checked.success) return refuse(checked.error.issues.map((problem) => ({ key: problem.path.join('.'), message: problem.message })));

		const actor = callerOf(request) ?? 'api';
		const before = describeSettings(params.name, schema, body.guildId);
		try {
			for (const [key, value] of Object.entries(body.values)) await this.container.settings.set(params.name, schema, key, value, { guildId: body.guildId, actor, locale });
			for (const key of body.reset) await this.container.settings.reset(params.name, schema, key, { guildId: body.guildId, actor });
		} catch (error) {
			if (!(error instanceof SettingsError)) throw error;
			return refuse(error.issues);
		}
		const after = describeSettings(params.name, schema, body.guildId);
		const shown = (answer: typeof before, key: string) => answer.settings.find((setting) => setting.key === key)?.value ?? null;
		for (const key of [...Object.keys(body.values), ...body.reset]) {
			await recordAudit({
				kind: 'changement_config',
				guildId: body.guildId ?? null,
				actorId: actor,
				action: body.reset.includes(key) ? 'config.reset' : 'config.set',
				target: `${params.name}.${key}`,
				details: { scope: body.guildId ? 'guild' : 'global', before: shown(before, key), after: shown(after, key), via: 'api' }
			});
		}
		this.container.pino.info({ owner: params.name, keys: Object.keys(body.values), reset: body.reset, guildId: body.guildId, actor }, 'Settings changed through the API');
		response.json(after);
	}
}
