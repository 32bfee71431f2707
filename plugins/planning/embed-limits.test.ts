import { describe, expect, it } from 'vitest';
import { chunkLines, embedCharacters, embedLimits, packEmbeds } from './embed-limits.ts';

describe('embedCharacters', () => {
	it('counts what Discord counts: title, description, fields, footer and author', () => {
		expect(
			embedCharacters({
				title: 'abc',
				description: 'de',
				fields: [{ name: 'f', value: 'gh' }],
				footer: { text: 'ijkl' },
				author: { name: 'm' },
				url: 'https://not.counted',
				timestamp: new Date().toISOString()
			})
		).toBe(13);
		expect(embedCharacters({})).toBe(0);
	});
});

describe('chunkLines', () => {
	it('keeps lines whole and in order, each chunk within the limit', () => {
		const lines = Array.from({ length: 50 }, (_, index) => `${index}`.padEnd(90, '.'));
		const chunks = chunkLines(lines, 1_000);
		expect(chunks.length).toBe(5);
		expect(chunks.every((chunk) => chunk.length <= 1_000)).toBe(true);
		expect(chunks.join('\n').split('\n')).toEqual(lines);
	});

	it('shortens a line that alone exceeds the limit', () => {
		const chunks = chunkLines(['short', 'x'.repeat(30), 'end'], 10);
		expect(chunks).toEqual(['short', `${'x'.repeat(9)}…`, 'end']);
	});

	it('gives nothing for no lines', () => {
		expect(chunkLines([], 10)).toEqual([]);
	});
});

describe('packEmbeds', () => {
	const sized = (sizes: number[]) => packEmbeds(sizes, (size) => size);

	it('puts everything in one message when it fits', () => {
		expect(sized([100, 2_000, 3_900])).toEqual([[100, 2_000, 3_900]]);
	});

	it('starts a new message before 6,000 characters', () => {
		const messages = sized([60, 3_900, 3_900, 2_000, 100, 4_000]);
		expect(messages).toEqual([[60, 3_900], [3_900, 2_000, 100], [4_000]]);
		for (const message of messages) expect(message.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(embedLimits.charactersPerMessage);
	});

	it('starts a new message after 10 embeds', () => {
		const messages = sized(Array.from({ length: 23 }, () => 10));
		expect(messages.map((message) => message.length)).toEqual([10, 10, 3]);
	});

	it('refuses an embed that no message can hold', () => {
		expect(() => sized([6_001])).toThrow(RangeError);
	});
});
