/**
 * The rules of a chantier's Discord space, without Discord: what an admin typed checked, names from
 * the template, the template's overwrites resolved to role ids, and the read-only overwrites of an
 * archived chantier.
 */
import { OverwriteType, PermissionFlagsBits } from 'discord.js';
import { DateTime } from 'luxon';
import { parseDay } from '#core/plugin-kit.ts';
import type { ChannelTemplate } from './settings.ts';

export interface ChantierInput {
	code: string;
	name: string;
	client?: string | null;
	address?: string | null;
	startsOn?: string | null;
	endsOn?: string | null;
}

export type InputProblem =
	| { field: 'code'; reason: 'format'; value: string }
	| { field: 'name' | 'client' | 'address'; reason: 'length'; max: number }
	| { field: 'startsOn' | 'endsOn'; reason: 'date'; value: string }
	| { field: 'endsOn'; reason: 'beforeStart' };

export interface CheckedInput {
	code: string;
	name: string;
	client: string | null;
	address: string | null;
	startsOn: string | null;
	endsOn: string | null;
}

export const limits = { name: 100, client: 200, address: 300 } as const;

/** Letters, digits, `-`, `_` and `.`, starting with a letter or digit: `CH-2026-017`, `LOT.A`. */
const codePattern = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,31}$/u;

/** Checks what an admin typed; dates as every command reads a day: `demain`, `lundi`, `25/12`, `2026-12-25` (core/days.ts). */
export function checkChantierInput(input: ChantierInput, timeZone: string, now: Date): { ok: true; value: CheckedInput } | { ok: false; problems: InputProblem[] } {
	const problems: InputProblem[] = [];
	const code = input.code.trim();
	const name = input.name.trim();
	if (!codePattern.test(code)) problems.push({ field: 'code', reason: 'format', value: code });
	if (name === '' || name.length > limits.name) problems.push({ field: 'name', reason: 'length', max: limits.name });
	const optional = (field: 'client' | 'address') => {
		const value = input[field]?.trim() || null;
		if (value && value.length > limits[field]) problems.push({ field, reason: 'length', max: limits[field] });
		return value;
	};
	const client = optional('client');
	const address = optional('address');
	const day = (field: 'startsOn' | 'endsOn') => {
		const typed = input[field]?.trim();
		if (!typed) return null;
		// A chantier often starts before it is entered: `01/12` typed on 2 December is yesterday, not next year.
		const parsed = parseDay(typed, timeZone, now, 'nearest');
		if (!parsed.ok) problems.push({ field, reason: 'date', value: typed });
		return parsed.ok ? parsed.date : null;
	};
	const startsOn = day('startsOn');
	const endsOn = day('endsOn');
	if (startsOn && endsOn && endsOn < startsOn) problems.push({ field: 'endsOn', reason: 'beforeStart' });
	return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { code, name, client, address, startsOn, endsOn } };
}

/** The category's name from the template: `{code} · {nom}` → `CH-017 · École Jaurès`. */
export function categoryName(template: string, chantier: { code: string; name: string }): string {
	return template.replace(/\{code\}/g, chantier.code).replace(/\{nom\}/g, chantier.name).slice(0, 100);
}

/** An archived chantier's category: `2026-École Jaurès`, the year it ends (or is archived). */
export function archivedName(chantier: { name: string; endsOn: string | null }, timeZone: string, now: Date): string {
	const year = chantier.endsOn ? chantier.endsOn.slice(0, 4) : String(DateTime.fromJSDate(now, { zone: timeZone }).year);
	return `${year}-${chantier.name}`.slice(0, 100);
}

export interface Overwrite {
	id: string;
	type: OverwriteType;
	allow: bigint;
	deny: bigint;
}

/** The template's overwrites with role ids; the first role the server does not have, if any. */
export function resolveOverwrites(
	template: ChannelTemplate,
	roles: readonly { id: string; name: string }[],
	everyoneId: string
): { ok: true; overwrites: Overwrite[] } | { ok: false; unknownRole: string } {
	const overwrites: Overwrite[] = [];
	for (const wanted of template.overwrites) {
		const reference = wanted.role.replace(/^<@&(\d+)>$/, '$1');
		const id = /^@?everyone$/i.test(reference)
			? everyoneId
			: roles.find((role) => role.id === reference || role.name.toLowerCase() === reference.toLowerCase())?.id;
		if (!id) return { ok: false, unknownRole: wanted.role };
		const bits = (names: readonly (keyof typeof PermissionFlagsBits)[]) => names.reduce((all, name) => all | PermissionFlagsBits[name], 0n);
		overwrites.push({ id, type: OverwriteType.Role, allow: bits(wanted.allow), deny: bits(wanted.deny) });
	}
	return { ok: true, overwrites };
}

/** What an archived chantier's channels refuse to everyone: writing, reacting, threads, joining a call. */
export const readOnlyDenied =
	PermissionFlagsBits.SendMessages |
	PermissionFlagsBits.SendMessagesInThreads |
	PermissionFlagsBits.CreatePublicThreads |
	PermissionFlagsBits.CreatePrivateThreads |
	PermissionFlagsBits.AddReactions |
	PermissionFlagsBits.Connect;

/** A channel's overwrites made read-only: no role or member keeps a write permission, @everyone is refused them. */
export function readOnlyOverwrites(overwrites: readonly Overwrite[], everyoneId: string): Overwrite[] {
	const everyone = overwrites.find((overwrite) => overwrite.id === everyoneId) ?? { id: everyoneId, type: OverwriteType.Role, allow: 0n, deny: 0n };
	const others = overwrites.filter((overwrite) => overwrite.id !== everyoneId).map((overwrite) => ({ ...overwrite, allow: overwrite.allow & ~readOnlyDenied }));
	return [{ ...everyone, allow: everyone.allow & ~readOnlyDenied, deny: everyone.deny | readOnlyDenied }, ...others];
}
