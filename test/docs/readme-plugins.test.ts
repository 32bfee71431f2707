import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '#core/log.ts';
import { startTestBot, type TestBot } from '#test/support/bot.ts';
import { referenceEnd, referenceStart, renderPluginReference } from '../../scripts/lib/plugin-reference.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
let bot: TestBot;

beforeAll(async () => {
	const plugins = readdirSync(`${root}plugins`, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name);
	bot = await startTestBot({ plugins });
});
afterAll(() => bot?.stop());

it("README's plugin list is what the code declares (run npm run docs when this fails)", async () => {
	const readme = readFileSync(`${root}README.md`, 'utf8');
	const documented = readme.slice(readme.indexOf(referenceStart), readme.indexOf(referenceEnd) + referenceEnd.length);
	const reference = await renderPluginReference(bot.monster.host, createLogger({ level: 'silent', pretty: false }));
	expect(reference).toContain('`/ping`');
	expect(documented).toBe(reference);
});
