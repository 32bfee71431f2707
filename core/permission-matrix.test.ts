// The permission matrix's schema and its precedence, without Discord.
import { describe, expect, it } from 'vitest';
import { decide, permissionMatrixSchema, refersTo, type Invocation } from './permission-matrix.ts';

const foreman = { id: '11', name: 'Chef de chantier' };
const member = { id: '12', name: 'Membre' };
const general = { id: '21', name: 'général' };
const generalCategory = { id: '20', name: 'Général' };
const site = { id: '31', name: 'chantier-centre' };
const worksCategory = { id: '30', name: 'Chantiers' };

const run = (overrides: { command?: string; plugin?: string | null; roles?: (typeof foreman)[]; places?: (typeof site)[]; owner?: boolean; admin?: boolean } = {}): Invocation => ({
	command: { name: overrides.command ?? 'creerchantier', aliases: [], plugin: overrides.plugin === undefined ? 'admin' : overrides.plugin },
	member: { isOwner: overrides.owner ?? false, isAdministrator: overrides.admin ?? false, roles: overrides.roles ?? [member] },
	places: overrides.places ?? [general, generalCategory]
});
const matrix = (value: unknown) => permissionMatrixSchema.parse(value);

describe('permission matrix', () => {
	it('has empty rules and the default category names when nothing is set', () => {
		expect(matrix({})).toEqual({ commands: {}, groups: {}, categories: {}, categoryNames: { direction: ['Direction'], général: ['Général'] } });
		expect(decide(matrix({}), run())).toEqual({ outcome: 'default' });
	});

	it('refuses unknown keys and unknown permission names, naming them', () => {
		expect(permissionMatrixSchema.safeParse({ commandes: {} }).success).toBe(false);
		const bad = permissionMatrixSchema.safeParse({ categories: { chantier: [{ role: 'Membre', allow: ['Voler'] }] } });
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0]?.path).toEqual(['categories', 'chantier', 0, 'allow', 0]);
	});

	it('a command rule beats its plugin’s group rule, which beats the plugin’s default level', () => {
		const both = matrix({ commands: { creerchantier: { roles: ['Chef de chantier'] } }, groups: { admin: { roles: ['Membre'] } } });
		expect(decide(both, run({ roles: [foreman] }))).toEqual({ outcome: 'allow', level: 'command' });
		expect(decide(both, run({ roles: [member] }))).toEqual({ outcome: 'deny', reason: 'role', level: 'command', roles: ['Chef de chantier'] });
		// Another command of the plugin falls back on the group rule.
		expect(decide(both, run({ command: 'archiverchantier', roles: [member] }))).toEqual({ outcome: 'allow', level: 'group' });
		// A command of another plugin has no rule: its default level decides.
		expect(decide(both, run({ command: 'tache', plugin: 'tasks' }))).toEqual({ outcome: 'default' });
	});

	it('matches command names and aliases, and roles by id, mention or name in any case', () => {
		const byAlias = matrix({ commands: { AIDE: { roles: ['<@&11>'] } } });
		const help: Invocation = { ...run({ roles: [foreman] }), command: { name: 'help', aliases: ['aide'], plugin: 'team' } };
		expect(decide(byAlias, help)).toEqual({ outcome: 'allow', level: 'command' });
		expect(refersTo('chef de CHANTIER', foreman)).toBe(true);
		expect(refersTo('11', foreman)).toBe(true);
		expect(refersTo('#général', general)).toBe(true);
		expect(refersTo('<#21>', general)).toBe(true);
		expect(refersTo('Chef', foreman)).toBe(false);
	});

	it('@everyone opens a command to every member', () => {
		expect(decide(matrix({ groups: { admin: { roles: ['@everyone'] } } }), run())).toEqual({ outcome: 'allow', level: 'group' });
	});

	it('a channel refusal beats a role allowance, at the command’s or the group’s level, by channel or category', () => {
		const refused = matrix({ commands: { creerchantier: { roles: ['Membre'] } }, groups: { admin: { deniedChannels: ['Général'] } } });
		expect(decide(refused, run())).toEqual({ outcome: 'deny', reason: 'channelDenied', level: 'group', place: 'général' });
		expect(decide(refused, run({ places: [site, worksCategory] }))).toEqual({ outcome: 'allow', level: 'command' });
	});

	it('allowed channels: the command’s list replaces its plugin’s; elsewhere refused', () => {
		const only = matrix({ commands: { creerchantier: { channels: ['chantier-centre'] } }, groups: { admin: { channels: ['Général'] } } });
		expect(decide(only, run())).toEqual({ outcome: 'deny', reason: 'channelNotAllowed', level: 'command', place: 'général' });
		expect(decide(only, run({ places: [site, worksCategory] }))).toEqual({ outcome: 'default' });
		expect(decide(only, run({ command: 'chantiers' }))).toEqual({ outcome: 'default' });
		expect(decide(only, run({ command: 'chantiers', places: [site, worksCategory] }))).toMatchObject({ outcome: 'deny', level: 'group' });
	});

	it('the owner and administrators bypass the matrix', () => {
		const locked = matrix({ groups: { admin: { roles: ['Personne'], deniedChannels: ['Général'] } } });
		expect(decide(locked, run({ owner: true }))).toEqual({ outcome: 'bypass' });
		expect(decide(locked, run({ admin: true }))).toEqual({ outcome: 'bypass' });
	});
});
