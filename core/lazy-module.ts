/** Heavy libraries loaded on first use instead of at start-up, behind a synchronous accessor. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * `import type * as ChronoFr from 'chrono-node/fr'` and `const chronoFr = onFirstUse<typeof ChronoFr>('chrono-node/fr')`, then `chronoFr().parse(…)`:
 * the package is required (its CommonJS build) the first time the accessor is called, so a bot that never
 * parses a date never holds the parser in memory, and the functions that use it stay synchronous. Meant for
 * packages from node_modules: plugin files are imported through the host's versioned loader, not this.
 */
export function onFirstUse<T>(specifier: string): () => T {
	let loaded: T | undefined;
	return () => (loaded ??= require(specifier) as T);
}
