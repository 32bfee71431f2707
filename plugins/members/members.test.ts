import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { erasureLines, exportFile, welcomeText } from './members.ts';

describe('members plugin logic', () => {
	it('fills the welcome template’s placeholders, with or without the accent, and leaves other braces', () => {
		expect(welcomeText('Bienvenue {membre} ! Lisez {règles} puis {regles}. {autre}', '<@1>', '<#2>')).toBe('Bienvenue <@1> ! Lisez <#2> puis <#2>. {autre}');
	});

	it('sums up an erasure per plugin, leaving counts at zero out, with each language’s colon', () => {
		const results = { tasks: { tasks_deleted: 2, tasks_unassigned: 0 }, team: { language_choices_deleted: 0 } };
		expect(erasureLines(results, 'rien', 'fr')).toBe('**tasks** : tasks_deleted 2\n**team** : rien');
		expect(erasureLines(results, 'nothing', 'en')).toBe('**tasks**: tasks_deleted 2\n**team**: nothing');
	});

	it('makes the export a JSON file, gzipped when too big for Discord', () => {
		const member = { guildId: '10', userId: '123456789012345678' };
		const now = new Date('2026-12-01T10:00:00Z');
		const small = exportFile(member, { results: { team: { language: 'fr' } }, failed: [] }, now);
		expect(small.name).toBe('donnees-123456789012345678-2026-12-01.json');
		expect(JSON.parse(small.data.toString('utf8'))).toEqual({ member: { id: member.userId, guildId: '10' }, exportedAt: now.toISOString(), plugins: { team: { language: 'fr' } }, failed: [] });
		const messages = Array.from({ length: 40_000 }, (_, index) => ({ content: `message ${index} `.repeat(20) }));
		const big = exportFile(member, { results: { monitoring: { messages } }, failed: [] }, now);
		expect(big.name).toBe('donnees-123456789012345678-2026-12-01.json.gz');
		expect((JSON.parse(gunzipSync(big.data).toString('utf8')) as { plugins: { monitoring: { messages: unknown[] } } }).plugins.monitoring.messages).toHaveLength(40_000);
	});
});
