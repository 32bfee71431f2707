/**
 * What `/config` reads and writes: the owners of settings (the core, and every plugin whose manifest
 * declares a schema), their keys, where a value comes from, and typed values from what an admin types.
 */
import { container } from '@sapphire/framework';
import type { z } from 'zod';
import { coreSettingsOwner, settingKeys } from '#core/host/settings.ts';

export interface SettingsOwner {
	name: string;
	schema: z.ZodType;
}

/** Where the value that applies comes from: the schema, the bot-wide override or the server's. */
export type ValueSource = 'default' | 'bot' | 'server';

export interface CurrentValue {
	key: string;
	value: unknown;
	source: ValueSource;
}

/** The core first, then the loaded plugins with at least one setting, by name. */
export function settingsOwners(): SettingsOwner[] {
	const plugins = container.plugins
		.list()
		.flatMap((record) => (record.manifest?.settings && settingKeys(record.manifest.settings).length > 0 ? [{ name: record.name, schema: record.manifest.settings }] : []))
		.sort((a, b) => a.name.localeCompare(b.name));
	return [{ name: coreSettingsOwner, schema: container.coreSettings }, ...plugins];
}

export function findOwner(name: string): SettingsOwner | undefined {
	const wanted = name.trim().toLowerCase();
	return settingsOwners().find((owner) => owner.name === wanted);
}

/** Every key of an owner with the value that applies at that level (a server, or bot-wide without one). */
export function currentValues(owner: SettingsOwner, guildId: string | null): CurrentValue[] {
	const resolved = container.settings.resolve(owner.name, owner.schema, guildId) as Record<string, unknown>;
	const { global, guilds } = container.settings.overrides(owner.name);
	const forGuild = guildId ? (guilds[guildId] ?? {}) : {};
	return settingKeys(owner.schema).map((key) => ({
		key,
		value: resolved[key],
		source: Object.hasOwn(forGuild, key) ? 'server' : Object.hasOwn(global, key) ? 'bot' : 'default'
	}));
}

const yes = new Set(['oui', 'vrai', 'true', 'yes', 'on', '1']);
const no = new Set(['non', 'faux', 'false', 'no', 'off', '0']);

/** The schema under `.default()`, `.optional()`, `.nullable()`, a transform's input…: what the value must be. */
function baseOf(field: z.ZodType): z.ZodType {
	const def = (field as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
	const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
	return inner ? baseOf(inner) : field;
}

/**
 * Turns what an admin typed into the value the key's schema expects: numbers (`7`, `7,5`), yes/no,
 * lists separated by commas (or JSON), channel and role mentions as ids, JSON for objects. What
 * cannot be read is passed on as typed, so the schema's own message says what was expected.
 */
export function parseSettingValue(field: z.ZodType, raw: string): unknown {
	const text = raw.trim();
	const base = baseOf(field);
	const def = (base as unknown as { def: { type: string; element?: z.ZodType } }).def;
	switch (def.type) {
		case 'number': {
			const number = Number(text.replace(',', '.'));
			return text !== '' && Number.isFinite(number) ? number : text;
		}
		case 'boolean':
			return yes.has(text.toLowerCase()) ? true : no.has(text.toLowerCase()) ? false : text;
		case 'array':
			if (text.startsWith('[')) return jsonOr(text);
			return text === '' ? [] : text.split(',').map((part) => parseSettingValue(def.element!, part));
		case 'string':
		case 'enum':
		case 'literal':
			// `""` sets an empty text; a mention stands for the channel or role it names.
			if (/^".*"$/s.test(text)) return jsonOr(text);
			return /^<(?:#|@&)(\d+)>$/.exec(text)?.[1] ?? text;
		default:
			return jsonOr(text);
	}
}

/**
 * What `/config définir … valeur` offers while the admin types: the choices of an enum, yes and no,
 * else the value that applies now (to edit it); what is typed first. Discord takes values of 100
 * characters at most: longer ones are left out.
 */
export function valueSuggestions(field: z.ZodType, current: unknown, typed: string): string[] {
	const def = (baseOf(field) as unknown as { def: { type: string; entries?: Record<string, string> } }).def;
	const known = def.type === 'enum' ? Object.values(def.entries ?? {}) : def.type === 'boolean' ? ['oui', 'non'] : current === undefined ? [] : [showValue(current)];
	const wanted = typed.trim().toLowerCase();
	const matching = known.filter((value) => value.toLowerCase().includes(wanted));
	return [...new Set([...(typed.trim() && !matching.includes(typed.trim()) ? [typed.trim()] : []), ...matching])].filter((value) => value.length <= 100).slice(0, 25);
}

function jsonOr(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** A value as an admin reads it: text as is, the rest as JSON, nothing as a dash. */
export function showValue(value: unknown): string {
	if (value === undefined) return '—';
	return typeof value === 'string' ? (value === '' ? '""' : value) : JSON.stringify(value);
}
