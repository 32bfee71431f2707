/**
 * What `npm start` runs Monster with, read from package.json's start script, so that the benches measure
 * Monster as production starts it: the Node flags between `node` and `--import`, and the variables the
 * script sets (`NAME=${NAME:-default}`: the value from this environment if set, else the default).
 */
import { readFileSync } from 'node:fs';

export interface StartCommand {
	nodeOptions: string[];
	env: Record<string, string>;
}

export function startCommand(packageJsonPath = new URL('../../package.json', import.meta.url)): StartCommand {
	const script = (JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { scripts: { start: string } }).scripts.start;
	const [settings = '', command = ''] = script.split(/\bexec node\b/);
	const env: Record<string, string> = {};
	for (const [, name, fallback] of settings.matchAll(/(\w+)=\$\{\1:-([^}]*)\}/g)) env[name!] = process.env[name!] ?? fallback!;
	const nodeOptions = command
		.trim()
		.split(/\s+/)
		.filter((token, index, tokens) => token.startsWith('--') && token !== '--import' && tokens[index - 1] !== '--import')
		.map((token) => token.replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) => process.env[name] ?? fallback));
	return { nodeOptions, env };
}
