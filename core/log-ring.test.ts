import { describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';
import { LogRing } from './log-ring.ts';

describe('the process log ring', () => {
	it('keeps the newest lines up to its capacity, filtered by level and plugin, paged by cursor', () => {
		const ring = new LogRing(5);
		const logger = createLogger({ level: 'debug', pretty: false, destination: { write: () => undefined }, ring });
		const tasks = logger.child({ plugin: 'tasks' });
		logger.debug('core debug');
		tasks.info('task 1');
		tasks.warn('task 2');
		logger.error({ err: new Error('boom') }, 'core error');
		tasks.info({ token: 'secret-value' }, 'task 3');
		tasks.error('task 4');

		// Capacity 5: the first line is gone.
		expect(ring.query({ limit: 10 }).map((line) => line.msg)).toEqual(['task 4', 'task 3', 'core error', 'task 2', 'task 1']);
		expect(ring.query({ limit: 10, level: 'warn' }).map((line) => line.msg)).toEqual(['task 4', 'core error', 'task 2']);
		expect(ring.query({ limit: 10, plugin: 'tasks', level: 'info' }).map((line) => line.msg)).toEqual(['task 4', 'task 3', 'task 2', 'task 1']);

		const [newest, second] = ring.query({ limit: 2 });
		expect(ring.query({ limit: 2, before: second!.seq }).map((line) => line.msg)).toEqual(['core error', 'task 2']);
		expect(newest).toMatchObject({ level: 'error', plugin: 'tasks' });
		// Redacted as stdout is.
		expect(ring.query({ limit: 10 }).find((line) => line.msg === 'task 3')!.fields.token).toBe('***');
		expect(ring.query({ limit: 10 }).find((line) => line.msg === 'core error')!.fields.err).toMatchObject({ message: 'boom' });
	});

	it('keeps a huge line cut, still findable by its level and plugin, and a line that is not JSON as its text', () => {
		const ring = new LogRing(10);
		const logger = createLogger({ level: 'info', pretty: false, destination: { write: () => undefined }, ring });
		const before = Date.now();
		logger.child({ plugin: 'tasks' }).error({ err: new Error('x'.repeat(20_000)) }, 'a huge failure');
		ring.write('not JSON at all');

		const [text, huge] = ring.query({ limit: 10 });
		expect(text).toMatchObject({ msg: 'not JSON at all', level: 'info' });
		expect(Date.parse(text!.time)).toBeGreaterThanOrEqual(before);
		expect(ring.query({ limit: 10, level: 'error', plugin: 'tasks' })).toEqual([huge]);
		expect(huge!.msg).toHaveLength(8_192);
		expect(Date.parse(huge!.time)).toBeGreaterThanOrEqual(before);
	});
});
