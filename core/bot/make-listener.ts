// A listener class made from a function, for the core's virtual pieces (they have no file).
import { Listener } from '@sapphire/framework';

export function makeListener<Args extends unknown[]>(event: string, run: (...args: Args) => unknown) {
	return class extends Listener {
		constructor(context: Listener.LoaderContext) {
			super(context, { event });
		}

		public override run(...args: Args) {
			return run(...args);
		}
	};
}
