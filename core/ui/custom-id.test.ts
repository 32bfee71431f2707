import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId, newStateKey } from './custom-id.ts';

describe('UI custom ids', () => {
	it('round-trips kind, key and action', () => {
		const key = newStateKey();
		const customId = encodeCustomId({ kind: 'page', key, action: '2' });
		expect(customId).toBe(`ui:page:${key}:2`);
		expect(decodeCustomId(customId)).toEqual({ kind: 'page', key, action: '2' });
		expect(customId.length).toBeLessThanOrEqual(100);
	});

	it("ignores plugins' own ids and forged ones", () => {
		for (const customId of ['probe-button', 'ui:unknown:abc:yes', 'ui:confirm:abc', 'ui:confirm:abc:yes:extra', 'ui:page:ABC:1', 'ui:page:a b:1']) {
			expect(decodeCustomId(customId)).toBeNull();
		}
	});

	it('refuses to encode parts that would break the format', () => {
		expect(() => encodeCustomId({ kind: 'confirm', key: 'a:b', action: 'yes' })).toThrow();
	});
});
