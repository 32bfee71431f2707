import { OverwriteType, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { archivedName, categoryName, checkChantierInput, readOnlyDenied, readOnlyOverwrites, resolveOverwrites } from './chantier-template.ts';

const zone = 'Europe/Paris';
const now = new Date('2026-12-31T23:30:00Z'); // already 2027 in Paris

describe('chantier template rules', () => {
	it('reads days as every command does, in the server’s zone, and refuses days that do not exist', () => {
		const startsOn = (typed: string) => {
			const checked = checkChantierInput({ code: 'CH-1', name: 'École', startsOn: typed }, zone, now);
			return checked.ok ? checked.value.startsOn : null;
		};
		expect(startsOn('25/12/2026')).toBe('2026-12-25');
		expect(startsOn('3.4')).toBe('2027-04-03');
		expect(startsOn('2026-2-9')).toBe('2026-02-09');
		expect(startsOn('2027-01-15')).toBe('2027-01-15');
		expect(startsOn('demain')).toBe('2027-01-02');
		expect(startsOn('hier')).toBe('2026-12-31');
		expect(startsOn('lundi')).toBe('2027-01-04');
		expect(startsOn('tomorrow')).toBe('2027-01-02');
		expect(startsOn('29/02/2026')).toBeNull();
		expect(startsOn('bientôt')).toBeNull();
	});

	it('checks what an admin typed and names every problem', () => {
		expect(checkChantierInput({ code: ' CH-1 ', name: ' École ', client: ' ', startsOn: '01/03/2026' }, zone, now)).toEqual({
			ok: true,
			value: { code: 'CH-1', name: 'École', client: null, address: null, startsOn: '2026-03-01', endsOn: null }
		});
		const refused = checkChantierInput({ code: 'CH 1', name: '', address: 'x'.repeat(301), startsOn: '2026-05-01', endsOn: '2026-04-30' }, zone, now);
		expect(refused).toEqual({
			ok: false,
			problems: [
				{ field: 'code', reason: 'format', value: 'CH 1' },
				{ field: 'name', reason: 'length', max: 100 },
				{ field: 'address', reason: 'length', max: 300 },
				{ field: 'endsOn', reason: 'beforeStart' }
			]
		});
	});

	it('names the category from the template, and the archive after the year the chantier ends (else this year)', () => {
		expect(categoryName('{code} · {nom}', { code: 'CH-1', name: 'École' })).toBe('CH-1 · École');
		expect(archivedName({ name: 'École', endsOn: '2026-06-30' }, zone, now)).toBe('2026-École');
		expect(archivedName({ name: 'École', endsOn: null }, zone, now)).toBe('2027-École');
	});

	it('resolves the template’s roles by name in any case, id, mention or @everyone, and reports the first unknown one', () => {
		const roles = [{ id: '10', name: 'Chef de chantier' }];
		const template = { name: 'direction', type: 'texte' as const, overwrites: [{ role: 'everyone', allow: [], deny: ['ViewChannel' as const] }, { role: 'chef de CHANTIER', allow: ['SendMessages' as const], deny: [] }] };
		expect(resolveOverwrites(template, roles, '1')).toEqual({
			ok: true,
			overwrites: [
				{ id: '1', type: OverwriteType.Role, allow: 0n, deny: PermissionFlagsBits.ViewChannel },
				{ id: '10', type: OverwriteType.Role, allow: PermissionFlagsBits.SendMessages, deny: 0n }
			]
		});
		expect(resolveOverwrites({ ...template, overwrites: [{ role: '<@&10>', allow: [], deny: [] }, { role: 'Stagiaire', allow: [], deny: [] }] }, roles, '1')).toEqual({ ok: false, unknownRole: 'Stagiaire' });
	});

	it('makes a channel read-only for everyone, taking write permissions from the roles that had them and keeping the rest', () => {
		const overwrites = [
			{ id: '10', type: OverwriteType.Role, allow: PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel, deny: 0n },
			{ id: '20', type: OverwriteType.Member, allow: PermissionFlagsBits.AttachFiles, deny: 0n }
		];
		expect(readOnlyOverwrites(overwrites, '1')).toEqual([
			{ id: '1', type: OverwriteType.Role, allow: 0n, deny: readOnlyDenied },
			{ id: '10', type: OverwriteType.Role, allow: PermissionFlagsBits.ViewChannel, deny: 0n },
			{ id: '20', type: OverwriteType.Member, allow: PermissionFlagsBits.AttachFiles, deny: 0n }
		]);
	});
});
