import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Start-up leaves tens of MB of garbage (module sources being compiled, migrations, the plugins'
 * first imports) that V8 only gives back when it next runs a full collection, which a quiet bot can
 * put off for minutes. One full collection once started returns it at once: about 20 MB of resident
 * memory (bench/footprint.ts, "start" against "start GC"), for one pause of tens of ms before any work.
 * The `gc` function is taken from a fresh context, so it is never a global of the bot or its plugins
 * (the way Jest's leak detector does it).
 */
export function collectStartUpGarbage(): void {
	setFlagsFromString('--expose-gc');
	const collect = runInNewContext('gc') as () => void;
	setFlagsFromString('--no-expose-gc');
	collect();
}
