import { describe, expect, it } from 'vitest';
import { NamedRegistry, pluginOfName } from './registry.ts';

describe('NamedRegistry', () => {
	it('replaces a handler registered again under the same name (hot reload)', () => {
		const registry = new NamedRegistry<string>('pager');
		registry.register('tasks.list', 'v1');
		registry.register('tasks.list', 'v2');
		expect(registry.get('tasks.list')).toBe('v2');
	});

	it("ignores an old version's unregister once a new version took the name", () => {
		const registry = new NamedRegistry<string>('pager');
		const unregisterOld = registry.register('tasks.list', 'v1');
		const unregisterNew = registry.register('tasks.list', 'v2');
		unregisterOld();
		expect(registry.get('tasks.list')).toBe('v2');
		unregisterNew();
		expect(registry.get('tasks.list')).toBeUndefined();
	});

	it('wants names qualified by the plugin', () => {
		const registry = new NamedRegistry<string>('form');
		expect(() => registry.register('list', 'x')).toThrow(/<plugin>\.<name>/);
		expect(pluginOfName('planning.delete-shift')).toBe('planning');
	});
});
