// A listener class made from a function, for the core's virtual pieces (they have no file).
import { Listener, container } from '@sapphire/framework';

export function makeListener<Args extends unknown[]>(event: string, run: (...args: Args) => unknown, emitter?: 'server') {
	return class extends Listener {
		constructor(context: Listener.LoaderContext) {
			super(context, { event, emitter: emitter ? container.server : undefined });
		}

		public override run(...args: Args) {
			return run(...args);
		}
	};
}
