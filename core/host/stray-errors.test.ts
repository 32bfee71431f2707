import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pluginOfStack } from './stray-errors.ts';

const pluginsDir = '/srv/monster/plugins';
const thrownAt = (...frames: string[]) => ({ stack: ['Error: boom', ...frames.map((frame) => `    at ${frame}`)].join('\n') });

describe('the plugin an uncaught error came from', () => {
	it('is the first frame in a plugin folder, as a file URL with its version or as a path', () => {
		const url = pathToFileURL(join(pluginsDir, 'greeter', 'plugin.ts')).href;
		expect(pluginOfStack(thrownAt(`Timeout._onTimeout (${url}?plugin-version=11:16:28)`, 'listOnTimeout (node:internal/timers:581:17)'), pluginsDir)).toBe('greeter');
		expect(pluginOfStack(thrownAt(`fail (/srv/monster/core/ui/embeds.ts:3:1)`, `run (${join(pluginsDir, 'tasks', 'tasks.ts')}:9:2)`), pluginsDir)).toBe('tasks');
	});

	it('is none for the core, for a message that only names a plugin file, and for what is not an error', () => {
		expect(pluginOfStack(thrownAt('connect (/srv/monster/core/db/client.ts:12:5)'), pluginsDir)).toBeUndefined();
		expect(pluginOfStack({ stack: `Error: cannot read ${pluginsDir}/greeter/x.ts\n    at read (node:fs:1:1)` }, pluginsDir)).toBeUndefined();
		expect(pluginOfStack(thrownAt(`x (/srv/monster/plugins-old/greeter/plugin.ts:1:1)`), pluginsDir)).toBeUndefined();
		expect(pluginOfStack('boom', pluginsDir)).toBeUndefined();
		expect(pluginOfStack(undefined, pluginsDir)).toBeUndefined();
	});
});
