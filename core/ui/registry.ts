/** `<plugin>.<thing>`: the plugin part lets the kit refuse presses while that plugin is switched off. */
const namePattern = /^[a-z][a-z0-9-]{1,31}\.[\w.-]{1,60}$/;

/**
 * Handlers that plugins register by name at load time (pagers, confirm actions, forms). Registering
 * a name again replaces the old handler, as a hot reload does; the returned function unregisters,
 * but only if the handler is still the current one, so an old version's clean-up running after the
 * new version registered leaves the new one in place. Return it from the manifest's `onLoad`.
 */
export class NamedRegistry<Handler> {
	private readonly handlers = new Map<string, Handler>();

	private readonly what: string;

	constructor(what: string) {
		this.what = what;
	}

	register(name: string, handler: Handler): () => void {
		if (!namePattern.test(name)) throw new Error(`${this.what} name "${name}" must look like "<plugin>.<name>", e.g. "tasks.list"`);
		this.handlers.set(name, handler);
		return () => {
			if (this.handlers.get(name) === handler) this.handlers.delete(name);
		};
	}

	get(name: string): Handler | undefined {
		return this.handlers.get(name);
	}
}

export function pluginOfName(name: string): string {
	return name.slice(0, name.indexOf('.'));
}
