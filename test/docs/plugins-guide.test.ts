import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

/** PLUGINS.md's examples are what a newcomer copies: the text.ts one must load and read as it says. */
const root = join(import.meta.dirname, '..', '..');
const guide = readFileSync(join(root, 'PLUGINS.md'), 'utf8');
const example = (firstLine: string) => {
	const block = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!).find((code) => code.startsWith(firstLine));
	if (!block) throw new Error(`PLUGINS.md has no example starting with ${firstLine}`);
	return block;
};

describe('PLUGINS.md', () => {
	const folder = join(root, 'test', '.tmp', `guide-${randomBytes(4).toString('hex')}`);
	afterAll(() => rmSync(folder, { recursive: true, force: true }));

	it('shows a text.ts that loads, pluralises, elides and fails loudly under test on a mistyped key', async () => {
		mkdirSync(folder, { recursive: true });
		writeFileSync(join(folder, 'text.ts'), example('// plugins/greeter/text.ts'));
		const { text, english } = (await import(join(folder, 'text.ts'))) as {
			text: (locale: 'fr' | 'en') => (key: string, vars?: Record<string, string | number>) => string;
			english: (key: string) => Record<string, string>;
		};
		const t = text('fr');
		expect(t('welcomed', { count: 1 })).toBe('1 nouveau membre accueilli aujourd’hui');
		expect(t('welcomed', { count: 3 })).toBe('3 nouveaux membres accueillis aujourd’hui');
		expect(t('profileOf', { member: 'Alice' })).toBe('Profil d’Alice');
		expect(english('helloDescription')).toEqual({ 'en-US': 'Says hello', 'en-GB': 'Says hello' });
		expect(() => t('helo')).toThrow('unknown text key "helo"');
	});
});
