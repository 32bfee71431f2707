import { describe, expect, it } from 'vitest';
import { dependentsInOrder, planLoads } from './graph.ts';

const graph = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

describe('plugin dependency graph', () => {
	it('orders every plugin after its dependencies, ties by name', () => {
		const plan = planLoads(graph({ tasks: ['team'], aaa: [], team: [], planning: ['team', 'tasks'], admin: [] }));
		expect(plan.refused.size).toBe(0);
		expect(plan.order).toEqual(['aaa', 'admin', 'team', 'tasks', 'planning']);
	});

	it('refuses a self-dependency, naming the plugin', () => {
		const plan = planLoads(graph({ team: [], narcissus: ['narcissus', 'team'] }));
		expect(plan.refused.get('narcissus')).toBe('"narcissus" depends on itself');
		expect(plan.order).toEqual(['team']);
	});

	it('refuses both sides of a cycle with the path, and the plugins that wait on them come last', () => {
		const plan = planLoads(graph({ ping: ['pong'], pong: ['ping'], fan: ['ping'], team: [] }));
		expect(plan.refused.get('ping')).toBe('dependency cycle: ping → pong → ping');
		expect(plan.refused.get('pong')).toBe('dependency cycle: ping → pong → ping');
		expect(plan.refused.has('fan')).toBe(false);
		expect(plan.order).toEqual(['team', 'fan']);
	});

	it('names a longer cycle in dependency order', () => {
		const plan = planLoads(graph({ a: ['b'], b: ['c'], c: ['a'] }));
		expect(plan.refused.get('b')).toBe('dependency cycle: a → b → c → a');
	});

	it('refuses a dependency that is not installed, but not one installed whose manifest failed', () => {
		const plan = planLoads(graph({ lonely: ['ghost', 'team'], team: [], fan: ['broken'] }), new Set(['lonely', 'team', 'fan', 'broken']));
		expect(plan.refused.get('lonely')).toBe('"lonely" depends on "ghost", not installed');
		expect(plan.refused.has('fan')).toBe(false);
		expect(plan.order).toContain('fan');
	});

	it('lists the dependents of a plugin once each, in load order', () => {
		const declared = graph({ team: [], tasks: ['team'], planning: ['team', 'tasks'], monitoring: ['team'], other: [] });
		expect(dependentsInOrder('team', declared)).toEqual(['monitoring', 'tasks', 'planning']);
		expect(dependentsInOrder('tasks', declared)).toEqual(['planning']);
		expect(dependentsInOrder('other', declared)).toEqual([]);
	});
});
