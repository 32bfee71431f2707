import { PermissionFlagsBits } from 'discord.js';
import type { APIOverwrite } from 'discord.js';

/** Every permission bit discord.js knows, i.e. what an administrator effectively has. */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

interface PermissionSubject {
	guildId: string;
	ownerId: string;
	userId: string;
	memberRoleIds: readonly string[];
	rolePermissions: ReadonlyMap<string, bigint>;
}

/** Discord's documented algorithm: base permissions from roles, then channel overwrites (everyone, roles, member). */
export function computePermissions(subject: PermissionSubject, overwrites: readonly APIOverwrite[] = []): bigint {
	if (subject.userId === subject.ownerId) return ALL_PERMISSIONS;
	let permissions = subject.rolePermissions.get(subject.guildId) ?? 0n;
	for (const roleId of subject.memberRoleIds) permissions |= subject.rolePermissions.get(roleId) ?? 0n;
	if ((permissions & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;

	const everyone = overwrites.find((overwrite) => overwrite.id === subject.guildId);
	if (everyone) permissions = (permissions & ~BigInt(everyone.deny)) | BigInt(everyone.allow);

	let roleAllow = 0n;
	let roleDeny = 0n;
	for (const overwrite of overwrites) {
		if (overwrite.type === 0 && overwrite.id !== subject.guildId && subject.memberRoleIds.includes(overwrite.id)) {
			roleAllow |= BigInt(overwrite.allow);
			roleDeny |= BigInt(overwrite.deny);
		}
	}
	permissions = (permissions & ~roleDeny) | roleAllow;

	const own = overwrites.find((overwrite) => overwrite.type === 1 && overwrite.id === subject.userId);
	if (own) permissions = (permissions & ~BigInt(own.deny)) | BigInt(own.allow);
	return permissions;
}
