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

/** parseArgs options `--monster-node-option` and `--monster-env` (repeatable), defaulting to what `npm start` sets. */
export function monsterSettingOptions() {
	const production = startCommand();
	return {
		'monster-node-option': { type: 'string', multiple: true, default: production.nodeOptions },
		'monster-env': { type: 'string', multiple: true, default: Object.entries(production.env).map(([name, value]) => `${name}=${value}`) }
	} as const;
}

/** The Node flags and variables those options chose; given empty (`--monster-node-option=`), Node's defaults. */
export function monsterSettings(values: { 'monster-node-option': string[]; 'monster-env': string[] }): StartCommand & { described: string } {
	const nodeOptions = values['monster-node-option'].filter(Boolean);
	const pairs = values['monster-env'].filter(Boolean);
	const env = Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
	return { nodeOptions, env, described: [...nodeOptions, ...pairs].join(' ') || 'Node\'s defaults' };
}
