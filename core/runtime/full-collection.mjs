// V8's full garbage collection, for the two threads that give their start-up garbage back (the bot's, and the
// TypeScript hook's loader thread), without a `gc` global for the bot or its plugins.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Taken once, as this module loads, from a fresh context made while `--expose-gc` is on (the way Jest's leak
 * detector does it). The flag is process-wide: turned on and off whenever a collection was wanted, the two
 * threads raced, and a context made while the other thread had just turned it off had no `gc`; in the loader
 * thread that error stopped the bot. Each thread loads this module once, early (the loader thread while
 * `register()` holds the main thread), so the flag's two flips never overlap.
 * Undefined if V8 gives no `gc` all the same: a collection is a saving, never a reason to fail.
 */
const collect = (() => {
	setFlagsFromString('--expose-gc');
	try {
		return runInNewContext('typeof gc === "function" ? gc : undefined');
	} finally {
		setFlagsFromString('--no-expose-gc');
	}
})();

/** One full collection of this thread's heap; nothing when V8 gave no `gc`. */
export function fullCollection() {
	collect?.();
}
