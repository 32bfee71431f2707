import { container } from '@sapphire/framework';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cache } from '../cache/cache.ts';
import { CommandSync } from './command-sync.ts';
import type { PluginHost } from './host.ts';

describe('CommandSync', () => {
	const client = container.client;
	afterEach(() => {
		container.client = client;
	});

	it('runs a task after the next push, failed or not, before idle() resolves', async () => {
		// No application: the push fails at once (and is logged); the task must run all the same.
		container.client = { get application(): never { throw new Error('not logged in'); } } as never;
		const sync = new CommandSync({ host: {} as PluginHost, cache: {} as Cache, guildIds: [], logger: pino({ level: 'silent' }), debounceMs: 5 });
		const ran: string[] = [];
		sync.schedule();
		sync.afterNextSync(() => ran.push('after first push'));
		expect(ran).toEqual([]);
		await sync.idle();
		expect(ran).toEqual(['after first push']);
		sync.schedule();
		await sync.idle();
		expect(ran).toEqual(['after first push']);
	});
});
