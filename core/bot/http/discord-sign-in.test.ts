import { describe, expect, it } from 'vitest';
import { permissionMatrixSchema } from '../../permission-matrix.ts';
import { matrixAdminRoles } from './discord-sign-in.ts';
import { sessionMayActOn } from './session.ts';

describe('who the dashboard lets in, and where', () => {
	it('takes the admin roles from the matrix\'s rule for /config, else the admin group\'s, never @everyone', () => {
		const matrix = (rules: unknown) => permissionMatrixSchema.parse(rules);
		expect(matrixAdminRoles(matrix({}))).toEqual([]);
		expect(matrixAdminRoles(matrix({ groups: { admin: { roles: ['Direction', '@everyone'] } } }))).toEqual(['Direction']);
		expect(matrixAdminRoles(matrix({ groups: { Admin: { roles: ['Direction'] } }, commands: { config: { roles: ['<@&123456789012345678>'] } } }))).toEqual(['<@&123456789012345678>']);
		expect(matrixAdminRoles(matrix({ groups: { tasks: { roles: ['Chef'] } }, commands: { config: { channels: ['admin'] } } }))).toEqual([]);
	});

	it('lets an unlimited session act anywhere, a limited one only in its servers and never bot-wide', () => {
		expect(sessionMayActOn({}, undefined)).toBe(true);
		expect(sessionMayActOn({}, '1')).toBe(true);
		expect(sessionMayActOn({ guildIds: ['1'] }, '1')).toBe(true);
		expect(sessionMayActOn({ guildIds: ['1'] }, '2')).toBe(false);
		expect(sessionMayActOn({ guildIds: ['1'] }, undefined)).toBe(false);
	});
});
