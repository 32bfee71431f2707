import { readFileSync } from 'node:fs';

/** Monster's version, from package.json. */
export const monsterVersion: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
