import { PermissionFlagsBits } from 'discord.js';
import { z } from 'zod';
import type { Locale } from '../i18n.ts';
import type { PluginContext, PluginDispose } from './context.ts';
import { coreSettingsOwner } from './settings.ts';

/** The name is the folder name: lowercase, digits and dashes, so it can prefix piece names and metric labels. */
export const pluginNamePattern = /^[a-z][a-z0-9-]{1,31}$/;

const descriptionText = z.string().min(1).max(200);

const manifestSchema = z.object({
	name: z
		.string()
		.regex(pluginNamePattern, 'lowercase letters, digits and dashes, 2 to 32 characters')
		.refine((name) => name !== coreSettingsOwner, 'the name "core" is the host\'s own'),
	version: z.string().regex(/^\d+\.\d+\.\d+([-+][\w.-]+)?$/, 'a semantic version such as 1.0.0'),
	/** One sentence for every language, or one per language (`{ fr, en }`), shown in `/plugins list`. */
	description: z.union([descriptionText, z.object({ fr: descriptionText, en: descriptionText })]),
	dependencies: z.array(z.string().regex(pluginNamePattern)).default([]),
	enabledByDefault: z.boolean().default(true),
	/** Core plugins (such as the one that toggles plugins) cannot be switched off. */
	required: z.boolean().default(false),
	/** Discord permissions the bot needs for this plugin's work; the invite URL asks for all plugins' (npm run docs). */
	discordPermissions: z.array(z.enum(Object.keys(PermissionFlagsBits) as [keyof typeof PermissionFlagsBits])).default([]),
	settings: z.custom<z.ZodType>((value) => value instanceof z.ZodType, 'a zod schema').optional()
});

export type PluginManifest<Settings extends z.ZodType = z.ZodType> = Omit<z.output<typeof manifestSchema>, 'settings'> & {
	settings?: Settings;
	/**
	 * Called before the plugin's new pieces go live (on a reload, while the previous version still
	 * serves); may return a function that undoes it (timers, connections), as `ctx.onDispose` does.
	 * That function learns whether a new version follows at once (`reload`: what `ctx.keep` handed over
	 * must stay) or the plugin stops (`unload`).
	 */
	onLoad?: (context: PluginContext<z.output<Settings>>) => void | PluginDispose | Promise<void | PluginDispose>;
};

export type { PluginContext, PluginDispose };

export type PluginDefinition<Settings extends z.ZodType> = z.input<typeof manifestSchema> & {
	settings?: Settings;
	onLoad?: PluginManifest<Settings>['onLoad'];
};

/**
 * Declares a plugin in `plugins/<name>/plugin.ts`:
 * `export default definePlugin({ name: 'tasks', version: '1.0.0', description: { fr: '…', en: '…' }, dependencies: ['team'] })`.
 */
export function definePlugin<Settings extends z.ZodType = z.ZodObject<Record<string, never>>>(
	definition: PluginDefinition<Settings>
): PluginDefinition<Settings> {
	return definition;
}

/** What `/plugins list` says of a plugin, in the reader's language: a plain string serves every language. */
export function pluginDescription(manifest: Pick<PluginManifest, 'description'>, locale: Locale): string {
	return typeof manifest.description === 'string' ? manifest.description : manifest.description[locale];
}

export function parseManifest(value: unknown, folderName: string): PluginManifest {
	const result = manifestSchema.safeParse(value);
	if (!result.success) {
		const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'manifest'}: ${issue.message}`);
		throw new Error(`invalid manifest: ${problems.join('; ')}`);
	}
	if (result.data.name !== folderName) {
		throw new Error(`manifest name "${result.data.name}" must equal its folder name "${folderName}"`);
	}
	const { onLoad } = value as { onLoad?: PluginManifest['onLoad'] };
	return { ...result.data, onLoad };
}
