/**
 * Extension points let one plugin show what others contribute without knowing them by name: the team
 * plugin's daily summary lists sections that the tasks, planning and monitoring plugins provide.
 * A plugin declares a typed point in a module of its own; plugins that depend on it contribute from
 * their manifest's `onLoad`. Contributions belong to the contributing plugin: they are dropped when it
 * unloads or reloads, and skipped where it is switched off.
 */
export interface ExtensionPoint<T> {
	readonly id: string;
	/** Carries the contribution type; never set. */
	readonly type?: T;
}

export function extensionPoint<T>(id: string): ExtensionPoint<T> {
	return { id };
}

export interface Contribution<T> {
	plugin: string;
	value: T;
}

interface OwnedContribution<T> extends Contribution<T> {
	/** The plugin version that contributed: during a reload both versions' contributions exist for a moment. */
	owner: object;
}

export class Extensions {
	private readonly byPoint = new Map<string, OwnedContribution<unknown>[]>();

	add<T>(point: ExtensionPoint<T>, plugin: string, value: T, owner: object): void {
		const list = this.byPoint.get(point.id) ?? [];
		list.push({ plugin, value, owner });
		this.byPoint.set(point.id, list);
	}

	/** Contributions to a point, in plugin order, from the plugin versions that `accept` takes. */
	list<T>(point: ExtensionPoint<T>, accept: (plugin: string, owner: object) => boolean): Contribution<T>[] {
		return ((this.byPoint.get(point.id) ?? []) as OwnedContribution<T>[])
			.filter(({ plugin, owner }) => accept(plugin, owner))
			.sort((a, b) => a.plugin.localeCompare(b.plugin))
			.map(({ plugin, value }) => ({ plugin, value }));
	}

	dropOwner(owner: object): void {
		for (const [id, list] of this.byPoint) this.byPoint.set(id, list.filter((entry) => entry.owner !== owner));
	}
}
