import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '#core/log.ts';
import { startTestBot, type TestBot } from '#test/support/bot.ts';
import { generatedBlocks, withBlock } from '../../scripts/lib/plugin-reference.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
let bot: TestBot;

beforeAll(async () => {
	const plugins = readdirSync(`${root}plugins`, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name);
	bot = await startTestBot({ plugins });
});
afterAll(() => bot?.stop());

it.each(generatedBlocks.map((block) => [block.file, block]))('%s: its generated block is what the code declares (run npm run docs when this fails)', async (_file, block) => {
	const text = readFileSync(`${root}${block.file}`, 'utf8');
	const rendered = await block.render(bot.monster.host, createLogger({ level: 'silent', pretty: false }));
	expect(rendered.length).toBeGreaterThan(0);
	expect(withBlock(text, block, rendered)).toBe(text);
});
