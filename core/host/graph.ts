/**
 * The plugins' declared dependencies as a graph: which plugins must be refused (a cycle, a
 * self-dependency, a dependency that is not installed) and in which order the others load.
 */
import { Graph, alg } from '@dagrejs/graphlib';

export interface DependencyPlan {
	/** Plugins that may load, each after its dependencies; ties in name order, so every start is the same. */
	order: string[];
	/** Refused plugins, with one line naming the plugins involved. */
	refused: Map<string, string>;
}

/**
 * `declared` maps each plugin whose manifest was read to its dependencies; `installed` also holds the
 * plugins present on disk whose manifest could not be read (they exist, so depending on them is not
 * an unknown dependency: the dependent waits for them instead).
 */
export function planLoads(declared: ReadonlyMap<string, readonly string[]>, installed: ReadonlySet<string> = new Set(declared.keys())): DependencyPlan {
	const refused = new Map<string, string>();
	const graph = new Graph({ directed: true });
	for (const [plugin, dependencies] of declared) {
		graph.setNode(plugin);
		for (const dependency of dependencies) {
			if (dependency === plugin) refused.set(plugin, `"${plugin}" depends on itself`);
			else if (!installed.has(dependency) && !declared.has(dependency)) {
				const missing = dependencies.filter((name) => !installed.has(name) && !declared.has(name));
				refused.set(plugin, `"${plugin}" depends on ${missing.map((name) => `"${name}"`).join(', ')}, not installed`);
			} else if (declared.has(dependency)) graph.setEdge(dependency, plugin);
		}
	}
	for (const cycle of alg.findCycles(graph)) {
		if (cycle.length === 1) continue;
		const path = describeCycle(cycle, declared);
		for (const plugin of cycle) if (!refused.has(plugin)) refused.set(plugin, `dependency cycle: ${path}`);
	}
	return { order: topologicalOrder(declared, refused), refused };
}

/** `a → b → a`, starting from the first name alphabetically and following declared dependencies. */
function describeCycle(members: string[], declared: ReadonlyMap<string, readonly string[]>): string {
	const inCycle = new Set(members);
	const start = [...members].sort()[0]!;
	const path = [start];
	let current = start;
	for (;;) {
		const next = (declared.get(current) ?? []).filter((name) => inCycle.has(name)).sort()[0];
		if (!next || next === start || path.includes(next)) {
			path.push(next ?? start);
			break;
		}
		path.push(next);
		current = next;
	}
	return path.join(' → ');
}

/** Kahn's algorithm, always taking the smallest name ready: deterministic across starts and machines. */
function topologicalOrder(declared: ReadonlyMap<string, readonly string[]>, refused: ReadonlyMap<string, string>): string[] {
	const candidates = [...declared.keys()].filter((plugin) => !refused.has(plugin));
	const pending = new Map(candidates.map((plugin) => [plugin, new Set((declared.get(plugin) ?? []).filter((name) => declared.has(name) && name !== plugin))]));
	const order: string[] = [];
	const placed = new Set<string>();
	for (;;) {
		const ready = [...pending].filter(([, waitingFor]) => [...waitingFor].every((name) => placed.has(name))).map(([name]) => name).sort();
		if (ready.length === 0) break;
		const next = ready[0]!;
		order.push(next);
		placed.add(next);
		pending.delete(next);
	}
	// What is left waits on a refused plugin: it still gets a place, after everything else, so it can say what it waits for.
	return [...order, ...[...pending.keys()].sort()];
}

/** Every plugin that depends on `plugin`, directly or not, each once, in load order. */
export function dependentsInOrder(plugin: string, declared: ReadonlyMap<string, readonly string[]>): string[] {
	const found = new Set<string>();
	const visit = (name: string) => {
		for (const [candidate, dependencies] of declared) {
			if (dependencies.includes(name) && !found.has(candidate) && candidate !== plugin) {
				found.add(candidate);
				visit(candidate);
			}
		}
	};
	visit(plugin);
	return topologicalOrder(declared, new Map()).filter((name) => found.has(name));
}
