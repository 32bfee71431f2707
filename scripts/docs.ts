/**
 * `npm run docs`: starts the bot with every plugin of plugins/ against the local Discord server and an
 * in-memory database, and rewrites the generated blocks of README.md (plugins and their commands) and
 * QUICKSTART.md (the invite URL's permissions) from what it loaded.
 * `npm run docs -- --check` only says whether the README is up to date (exit 1 when stale).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../core/log.ts';
import { startTestBot } from '../test/support/bot.ts';
import { generatedBlocks, withBlock } from './lib/plugin-reference.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const check = process.argv.includes('--check');

const plugins = readdirSync(`${root}plugins`, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.map((entry) => entry.name);
const bot = await startTestBot({ plugins });
try {
	const logger = createLogger({ level: 'silent', pretty: false });
	for (const block of generatedBlocks) {
		const file = `${root}${block.file}`;
		const text = readFileSync(file, 'utf8');
		const updated = withBlock(text, block, await block.render(bot.monster.host, logger));
		if (updated === text) console.log(`${block.file}: up to date.`);
		else if (check) {
			console.log(`${block.file}: stale, run npm run docs.`);
			process.exitCode = 1;
		} else {
			writeFileSync(file, updated);
			console.log(`${block.file}: rewritten.`);
		}
	}
} finally {
	await bot.stop();
}
