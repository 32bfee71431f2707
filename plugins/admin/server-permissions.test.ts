// The difference between the permission matrix's categories and live overwrites, without Discord.
import { OverwriteType, PermissionFlagsBits as P } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { permissionMatrixSchema } from '#core/permission-matrix.ts';
import { describeChange, permissionDiff, type LiveChannel } from './server-permissions.ts';

const everyoneId = '1';
const roles = [
	{ id: '11', name: 'Chef de chantier' },
	{ id: '12', name: 'Membre' }
];
const category = (id: string, name: string, overwrites: LiveChannel['overwrites'] = []): LiveChannel => ({ id, name, parentId: null, isCategory: true, overwrites });
const channel = (id: string, name: string, parentId: string, overwrites: LiveChannel['overwrites'] = []): LiveChannel => ({ id, name, parentId, isCategory: false, overwrites });
const role = (id: string, allow: bigint, deny: bigint) => ({ id, type: OverwriteType.Role, allow, deny });

describe('permission matrix against live overwrites', () => {
	const matrix = permissionMatrixSchema.parse({
		categories: {
			chantier: [{ role: 'Chef de chantier', allow: ['ManageMessages'] }, { role: '@everyone', deny: ['MentionEveryone'] }, { role: 'Inconnu', allow: ['ViewChannel'] }],
			archive: [{ role: '@everyone', deny: ['SendMessages'] }]
		}
	});
	const channels = [
		category('100', 'CH-1 · École'),
		// The template's own overwrite: @everyone may not write in planning.
		channel('101', 'planning', '100', [role(everyoneId, 0n, P.SendMessages)]),
		// Already as the matrix wants for the chef, with more bits of its own.
		channel('102', 'photos', '100', [role('11', P.ManageMessages | P.AttachFiles, 0n), role(everyoneId, 0n, P.MentionEveryone)]),
		category('200', 'Général'),
		channel('201', 'général', '200')
	];
	const kinds = new Map([
		['100', 'chantier' as const],
		['200', 'général' as const]
	]);

	it('adds what is missing to each role’s overwrite, keeping its other bits and other roles', () => {
		const diff = permissionDiff({ channels, roles, everyoneId, kinds, matrix });
		expect(diff.categories).toEqual([{ category: { id: '100', name: 'CH-1 · École' }, kind: 'chantier' }]);
		expect(diff.unknownRoles).toEqual(['Inconnu']);
		expect(diff.changes.map((change) => [change.channel.name, change.role.name, change.before, change.after])).toEqual([
			['CH-1 · École', 'Chef de chantier', null, { allow: P.ManageMessages, deny: 0n }],
			['CH-1 · École', '@everyone', null, { allow: 0n, deny: P.MentionEveryone }],
			['planning', 'Chef de chantier', null, { allow: P.ManageMessages, deny: 0n }],
			['planning', '@everyone', { allow: 0n, deny: P.SendMessages }, { allow: 0n, deny: P.SendMessages | P.MentionEveryone }]
		]);
	});

	it('describes a change in the reader’s language, with its colon', () => {
		const [change] = permissionDiff({ channels, roles, everyoneId, kinds, matrix }).changes;
		expect(describeChange(change!, 'fr')).toBe('📁 CH-1 · École · Chef de chantier : +Gérer les messages');
		expect(describeChange(change!, 'en')).toBe('📁 CH-1 · École · Chef de chantier: +Manage Messages');
	});

	it('a denied permission the role was allowed moves to denied', () => {
		const allowed = [category('300', '2025-Stade', [role(everyoneId, P.SendMessages | P.ViewChannel, 0n)])];
		const diff = permissionDiff({ channels: allowed, roles, everyoneId, kinds: new Map([['300', 'archive' as const]]), matrix });
		expect(diff.changes[0]?.after).toEqual({ allow: P.ViewChannel, deny: P.SendMessages });
	});

	it('checks one category only when asked, and none of a kind the matrix leaves out', () => {
		expect(permissionDiff({ channels, roles, everyoneId, kinds, matrix, only: '200' })).toEqual({ changes: [], unknownRoles: [], categories: [] });
	});
});
