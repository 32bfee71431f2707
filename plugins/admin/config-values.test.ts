import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSettingValue, showValue, valueSuggestions } from './config-values.ts';

describe('/config: a typed value read by the key’s type', () => {
	it('reads numbers (French decimals too), yes/no, lists, mentions, quoted texts and JSON', () => {
		expect(parseSettingValue(z.number().int().default(7), ' 8 ')).toBe(8);
		expect(parseSettingValue(z.number(), '7,5')).toBe(7.5);
		expect(parseSettingValue(z.boolean().default(false), 'Oui')).toBe(true);
		expect(parseSettingValue(z.boolean(), 'non')).toBe(false);
		expect(parseSettingValue(z.array(z.string()).default([]), '<#123>, <#456>')).toEqual(['123', '456']);
		expect(parseSettingValue(z.array(z.number()), '[1, 2]')).toEqual([1, 2]);
		expect(parseSettingValue(z.array(z.string()), '')).toEqual([]);
		expect(parseSettingValue(z.string().optional(), '<@&42>')).toBe('42');
		expect(parseSettingValue(z.string(), '""')).toBe('');
		expect(parseSettingValue(z.enum(['fr', 'en']), 'en')).toBe('en');
		expect(parseSettingValue(z.object({ a: z.number() }), '{"a":1}')).toEqual({ a: 1 });
	});

	it('passes on what it cannot read as typed, so the schema says what it expected', () => {
		expect(parseSettingValue(z.number(), 'sept')).toBe('sept');
		expect(parseSettingValue(z.boolean(), 'peut-être')).toBe('peut-être');
		expect(parseSettingValue(z.object({ a: z.number() }), '{a:1')).toBe('{a:1');
	});

	it('shows values as admins read them', () => {
		expect(showValue(undefined)).toBe('—');
		expect(showValue('')).toBe('""');
		expect(showValue('logs')).toBe('logs');
		expect(showValue(['a'])).toBe('["a"]');
	});

	it('suggests an enum’s choices, yes and no, or the value that applies now, what is typed first', () => {
		expect(valueSuggestions(z.enum(['fr', 'en']).default('fr'), 'fr', '')).toEqual(['fr', 'en']);
		expect(valueSuggestions(z.enum(['fr', 'en']), 'fr', 'e')).toEqual(['e', 'en']);
		expect(valueSuggestions(z.boolean().default(false), false, 'o')).toEqual(['o', 'oui', 'non']);
		expect(valueSuggestions(z.number().default(7), 8, '')).toEqual(['8']);
		expect(valueSuggestions(z.array(z.object({ name: z.string() })), [{ name: 'x'.repeat(120) }], '')).toEqual([]);
	});
});
