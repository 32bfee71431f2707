/**
 * `npm run docs`: starts the bot with every plugin of plugins/ against the local Discord server and an
 * in-memory database, and rewrites the README's plugin list from what it loaded.
 * `npm run docs -- --check` only says whether the README is up to date (exit 1 when stale).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../core/log.ts';
import { startTestBot } from '../test/support/bot.ts';
import { referenceEnd, referenceStart, renderPluginReference } from './lib/plugin-reference.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const readmeFile = `${root}README.md`;

export function withReference(readme: string, reference: string): string {
	const start = readme.indexOf(referenceStart);
	const end = readme.indexOf(referenceEnd);
	if (start < 0 || end < start) throw new Error(`README.md has no "${referenceStart}" … "${referenceEnd}" block`);
	return readme.slice(0, start) + reference + readme.slice(end + referenceEnd.length);
}

const plugins = readdirSync(`${root}plugins`, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.map((entry) => entry.name);
const bot = await startTestBot({ plugins });
try {
	const reference = await renderPluginReference(bot.monster.host, createLogger({ level: 'silent', pretty: false }));
	const readme = readFileSync(readmeFile, 'utf8');
	const updated = withReference(readme, reference);
	if (process.argv.includes('--check')) {
		console.log(updated === readme ? 'README.md plugin list is up to date.' : 'README.md plugin list is stale: run npm run docs.');
		process.exitCode = updated === readme ? 0 : 1;
	} else {
		writeFileSync(readmeFile, updated);
		console.log(updated === readme ? 'README.md plugin list was already up to date.' : 'README.md plugin list rewritten.');
	}
} finally {
	await bot.stop();
}
