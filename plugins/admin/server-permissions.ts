/**
 * The permission matrix's categories against the server: which kind each category is (chantier,
 * archive, direction, général), the overwrites the matrix wants on it and its channels, the difference
 * with the live overwrites, and applying it.
 */
import { container } from '@sapphire/framework';
import { ChannelType, OverwriteType, PermissionsBitField, Routes, type Guild } from 'discord.js';
import { escapeUserText, isEveryone, labelled, permissionBits, refersTo, type CategoryKind, type Locale, type PermissionMatrix } from '#core/plugin-kit.ts';
import { permissionName } from '#core/bot/permission-names.ts';
import { listChantiers } from '../team/public.ts';

export interface Named {
	id: string;
	name: string;
}

export interface Bits {
	allow: bigint;
	deny: bigint;
}

export interface LiveOverwrite extends Bits {
	id: string;
	type: OverwriteType;
}

/** A category or channel as it is now. */
export interface LiveChannel extends Named {
	parentId: string | null;
	isCategory: boolean;
	overwrites: LiveOverwrite[];
}

/** One overwrite to set: on a channel (or the category itself), for a role. */
export interface OverwriteChange {
	channel: Named;
	category: Named;
	kind: CategoryKind;
	role: Named;
	before: Bits | null;
	after: Bits;
}

export interface PermissionDiff {
	changes: OverwriteChange[];
	/** Roles the matrix names that the server does not have. */
	unknownRoles: string[];
	/** Categories of a kind the matrix manages, checked. */
	categories: { category: Named; kind: CategoryKind }[];
}

/**
 * What the matrix wants that is not there. The matrix adds to a role's overwrite, it does not replace
 * it: its allowed permissions must be allowed, its denied ones denied; the role's other bits, and roles
 * the matrix does not name, are left as they are (a chantier template's own overwrites stay).
 */
export function permissionDiff(input: {
	channels: readonly LiveChannel[];
	roles: readonly Named[];
	everyoneId: string;
	kinds: ReadonlyMap<string, CategoryKind>;
	matrix: PermissionMatrix;
	/** Only this category. */
	only?: string;
}): PermissionDiff {
	const changes: OverwriteChange[] = [];
	const unknownRoles = new Set<string>();
	const categories: PermissionDiff['categories'] = [];
	for (const category of input.channels.filter((channel) => channel.isCategory)) {
		const kind = input.kinds.get(category.id);
		const rules = kind ? input.matrix.categories[kind] : undefined;
		if (!kind || !rules || (input.only && input.only !== category.id)) continue;
		categories.push({ category: { id: category.id, name: category.name }, kind });
		const wanted = new Map<string, { role: Named; bits: Bits }>();
		for (const rule of rules) {
			const role = isEveryone(rule.role) ? { id: input.everyoneId, name: '@everyone' } : input.roles.find((candidate) => refersTo(rule.role, candidate));
			if (!role) {
				unknownRoles.add(rule.role);
				continue;
			}
			const previous = wanted.get(role.id)?.bits ?? { allow: 0n, deny: 0n };
			wanted.set(role.id, { role, bits: { allow: previous.allow | permissionBits(rule.allow), deny: previous.deny | permissionBits(rule.deny) } });
		}
		const places = [category, ...input.channels.filter((channel) => channel.parentId === category.id)];
		for (const channel of places) {
			for (const { role, bits } of wanted.values()) {
				const live = channel.overwrites.find((overwrite) => overwrite.id === role.id);
				const before = live ? { allow: live.allow, deny: live.deny } : null;
				const after = { allow: ((before?.allow ?? 0n) | bits.allow) & ~bits.deny, deny: ((before?.deny ?? 0n) | bits.deny) & ~bits.allow };
				if (before && before.allow === after.allow && before.deny === after.deny) continue;
				if (!before && after.allow === 0n && after.deny === 0n) continue;
				changes.push({ channel: { id: channel.id, name: channel.name }, category: { id: category.id, name: category.name }, kind, role, before, after });
			}
		}
	}
	return { changes, unknownRoles: [...unknownRoles], categories };
}

/** The server's categories and channels (threads left out) as they are in the cache. */
export function liveChannels(guild: Guild): LiveChannel[] {
	return [...guild.channels.cache.values()].flatMap((channel) =>
		channel.isThread() || !('permissionOverwrites' in channel)
			? []
			: [
					{
						id: channel.id,
						name: channel.name,
						parentId: channel.parentId,
						isCategory: channel.type === ChannelType.GuildCategory,
						overwrites: [...channel.permissionOverwrites.cache.values()].map((overwrite) => ({
							id: overwrite.id,
							type: overwrite.type,
							allow: overwrite.allow.bitfield,
							deny: overwrite.deny.bitfield
						}))
					}
				]
	);
}

/** The kind of each category the matrix knows: the chantiers' categories (archived or not), then by name. */
export async function categoryKinds(guild: Guild, matrix: PermissionMatrix): Promise<Map<string, CategoryKind>> {
	const kinds = new Map<string, CategoryKind>();
	const { chantiers } = await listChantiers(container.db, guild.id, { offset: 0, limit: 10_000 });
	for (const chantier of chantiers) {
		if (chantier.discordCategoryId) kinds.set(chantier.discordCategoryId, chantier.status === 'archive' ? 'archive' : 'chantier');
	}
	for (const category of guild.channels.cache.filter((channel) => channel.type === ChannelType.GuildCategory).values()) {
		if (kinds.has(category.id)) continue;
		const named = (['direction', 'général'] as const).find((kind) => matrix.categoryNames[kind].some((reference) => refersTo(reference, category)));
		if (named) kinds.set(category.id, named);
	}
	return kinds;
}

/** The difference for a server now (roles and channels from the cache). */
export async function diffOf(guild: Guild, matrix: PermissionMatrix, only?: string): Promise<PermissionDiff> {
	return permissionDiff({
		channels: liveChannels(guild),
		roles: [...guild.roles.cache.values()].map((role) => ({ id: role.id, name: role.name })),
		everyoneId: guild.id,
		kinds: await categoryKinds(guild, matrix),
		matrix,
		...(only ? { only } : {})
	});
}

/** Sets each overwrite in turn; stops at Discord's first refusal and says how many were set. */
export async function applyChanges(guild: Guild, changes: readonly OverwriteChange[], reason: string): Promise<{ applied: number; error?: string }> {
	let applied = 0;
	for (const change of changes) {
		try {
			await guild.client.rest.put(Routes.channelPermission(change.channel.id, change.role.id), {
				body: { type: OverwriteType.Role, allow: String(change.after.allow), deny: String(change.after.deny) },
				reason
			});
			applied++;
		} catch (error) {
			return { applied, error: error instanceof Error ? error.message : String(error) };
		}
	}
	return { applied };
}

/** `#général · Membre : +Voir le salon −Envoyer des messages`, `#general · Member: +View Channel` (names escaped; a denied permission was allowed before, or not set) */
export function describeChange(change: OverwriteChange, locale: Locale): string {
	const names = (bits: bigint) => new PermissionsBitField(bits).toArray().map((name) => permissionName(name, locale));
	const before = change.before ?? { allow: 0n, deny: 0n };
	const parts = [
		...names(change.after.allow & ~before.allow).map((name) => `+${name}`),
		...names(change.after.deny & ~before.deny).map((name) => `−${name}`)
	];
	const where = change.channel.id === change.category.id ? `📁 ${escapeUserText(change.category.name)}` : `#${escapeUserText(change.channel.name)}`;
	return `${where} · ${labelled(escapeUserText(change.role.name), parts.join(' '), locale)}`;
}
