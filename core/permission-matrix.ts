/**
 * The permission matrix, a core setting per server (`/config définir core permissions {…}`): who may
 * run which command or plugin's commands, where, and which roles get which Discord permissions on
 * each kind of category. This file holds its schema and the pure decision; no Discord types.
 */
import { PermissionFlagsBits } from 'discord.js';
import { z } from 'zod';

/** A Discord permission by its name in discord.js: `SendMessages`, `ViewChannel`, `ManageMessages`… */
export const permissionNameSchema = z.enum(Object.keys(PermissionFlagsBits) as [keyof typeof PermissionFlagsBits, ...(keyof typeof PermissionFlagsBits)[]]);
export type PermissionName = z.output<typeof permissionNameSchema>;

/** A role, channel or category: its id, its mention (`<@&id>`, `<#id>`) or its name in any case; `@everyone`. */
const reference = z.string().trim().min(1).max(100);

/** Who may run a command (or a plugin's commands) and where. */
const commandRule = z.strictObject({
	/** Only members with one of these roles (`@everyone`: anyone); replaces the plugin's default level. */
	roles: z.array(reference).max(50).optional(),
	/** Only in these channels or categories. */
	channels: z.array(reference).max(50).optional(),
	/** Never in these channels or categories (beats every allowance). */
	deniedChannels: z.array(reference).max(50).optional()
});
export type CommandRule = z.output<typeof commandRule>;

/** What a role may or may not do on a category and its channels. */
const overwriteRule = z.strictObject({
	role: reference,
	allow: z.array(permissionNameSchema).default([]),
	deny: z.array(permissionNameSchema).default([])
});
export type OverwriteRule = z.output<typeof overwriteRule>;

export const categoryKinds = ['chantier', 'archive', 'direction', 'général'] as const;
export type CategoryKind = (typeof categoryKinds)[number];

const overwrites = z.array(overwriteRule).max(50).optional();

export const permissionMatrixSchema = z.strictObject({
	/** Rules per command, by its name or an alias, in any case (`creerchantier`, `aide`…). */
	commands: z.record(z.string().min(1).max(32), commandRule).default({}),
	/** Rules per group: a plugin's name (`tasks`, `admin`…) stands for all its commands. */
	groups: z.record(z.string().min(1).max(32), commandRule).default({}),
	/**
	 * The overwrites each kind of category should carry, on the category and each of its channels. A kind
	 * left out is not managed; chantier and archive categories are the chantiers', direction and général
	 * are found by name (`categoryNames`).
	 */
	categories: z.strictObject({ chantier: overwrites, archive: overwrites, direction: overwrites, général: overwrites }).prefault({}),
	/** The names (or ids) of the direction and général categories. */
	categoryNames: z
		.strictObject({ direction: z.array(reference).max(20).default(['Direction']), général: z.array(reference).max(20).default(['Général']) })
		.prefault({})
});
export type PermissionMatrix = z.output<typeof permissionMatrixSchema>;

export interface Named {
	id: string;
	name: string;
}

/** Whether a reference (`id`, `<#id>`, `<@&id>`, `#name`, `name`) designates this role or channel. */
export function refersTo(reference: string, target: Named): boolean {
	const trimmed = reference.trim();
	const id = /^<(?:#|@&)(\d+)>$/.exec(trimmed)?.[1] ?? trimmed;
	if (id === target.id) return true;
	return trimmed.replace(/^#/, '').toLowerCase() === target.name.toLowerCase();
}

/** Whether a reference is `@everyone` (or `everyone`). */
export const isEveryone = (reference: string) => /^@?everyone$/i.test(reference.trim());

/** One command run, as the matrix sees it. */
export interface Invocation {
	command: { name: string; aliases: readonly string[]; plugin: string | null };
	member: { isOwner: boolean; isAdministrator: boolean; roles: readonly Named[] };
	/** The channel, then its parent (category, or a thread's channel), then the parent's parent. */
	places: readonly Named[];
}

export type RuleLevel = 'command' | 'group';

export type MatrixDecision =
	/** The owner or an administrator: the matrix does not apply (nobody locks the admins out). */
	| { outcome: 'bypass' }
	/** No rule about roles: the command's default level (its required permissions) decides. */
	| { outcome: 'default' }
	| { outcome: 'allow'; level: RuleLevel }
	| { outcome: 'deny'; reason: 'channelDenied' | 'channelNotAllowed'; level: RuleLevel; place: string }
	| { outcome: 'deny'; reason: 'role'; level: RuleLevel; roles: string[] };

/** The rules about a command, most specific first: its own (by name or alias, any case), then its plugin's. */
export function rulesFor(matrix: PermissionMatrix, command: Invocation['command']): { level: RuleLevel; rule: CommandRule }[] {
	const ruleFor = (rules: Record<string, CommandRule>, wanted: readonly string[]) =>
		Object.entries(rules).find(([name]) => wanted.includes(name.trim().toLowerCase()))?.[1];
	const own = ruleFor(matrix.commands, [command.name, ...command.aliases].map((name) => name.toLowerCase()));
	const group = command.plugin ? ruleFor(matrix.groups, [command.plugin.toLowerCase()]) : undefined;
	return [...(own ? [{ level: 'command' as const, rule: own }] : []), ...(group ? [{ level: 'group' as const, rule: group }] : [])];
}

/** Whether the matrix says who may run the command (then its default level no longer applies). */
export function hasRoleRule(matrix: PermissionMatrix, command: Invocation['command']): boolean {
	return rulesFor(matrix, command).some(({ rule }) => rule.roles !== undefined);
}

/**
 * Decides a command run against the matrix. Precedence, first match wins:
 * 1. the server's owner and members holding Administrator bypass the matrix;
 * 2. a channel or category refused by the command's rule or its plugin's rule refuses;
 * 3. allowed channels: the command's list if it has one, else its plugin's; elsewhere refused;
 * 4. roles: the command's list if it has one, else its plugin's: a member with one of them may run it
 *    (even without the plugin's default permissions), any other member is refused;
 * 5. no rule about roles: the plugin's default level (the command's `requiredUserPermissions`).
 */
export function decide(matrix: PermissionMatrix, invocation: Invocation): MatrixDecision {
	if (invocation.member.isOwner || invocation.member.isAdministrator) return { outcome: 'bypass' };
	const rules = rulesFor(matrix, invocation.command);
	const placeMatching = (references: readonly string[]) => invocation.places.find((place) => references.some((reference) => refersTo(reference, place)));

	for (const { level, rule } of rules) {
		const refused = placeMatching(rule.deniedChannels ?? []);
		if (refused) return { outcome: 'deny', reason: 'channelDenied', level, place: refused.name };
	}
	const where = rules.find(({ rule }) => rule.channels !== undefined);
	if (where && !placeMatching(where.rule.channels!)) {
		return { outcome: 'deny', reason: 'channelNotAllowed', level: where.level, place: invocation.places[0]?.name ?? '' };
	}
	const who = rules.find(({ rule }) => rule.roles !== undefined);
	if (!who) return { outcome: 'default' };
	const allowed = who.rule.roles!;
	if (allowed.some(isEveryone) || invocation.member.roles.some((role) => allowed.some((reference) => refersTo(reference, role)))) {
		return { outcome: 'allow', level: who.level };
	}
	return { outcome: 'deny', reason: 'role', level: who.level, roles: allowed };
}

/** Permission names as one bit field. */
export function permissionBits(names: readonly PermissionName[]): bigint {
	return names.reduce((all, name) => all | PermissionFlagsBits[name], 0n);
}
