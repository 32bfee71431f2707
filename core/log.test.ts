import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from './log.ts';

describe('log redaction', () => {
	it('hides passwords in URLs, bot tokens and bearer keys inside messages', () => {
		const token = 'MTA4NjQ1MjM0NTY3ODkwMTIzNA.GhIjKl.abcdefghijklmnopqrstuvwxyz12345';
		const text = redactSecrets(`connect postgres://monster:hunter2@db:5432/monster with Bot ${token} and Bearer abcdefghijklmnopqrstuvwxyz`);
		expect(text).not.toContain('hunter2');
		expect(text).not.toContain(token);
		expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz');
		expect(text).toContain('postgres://monster:***@db:5432/monster');
	});

	it('hides token and authorization fields of logged objects and secrets in messages', () => {
		const lines: string[] = [];
		const destination = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
		const logger = createLogger({ level: 'info', destination });
		logger.info({ token: 'secret-token', headers: { authorization: 'Bearer x' }, plugin: 'tasks' }, 'request to redis://:pa55word@cache:6379');
		const line = lines.join('');
		expect(line).not.toContain('secret-token');
		expect(line).not.toContain('Bearer x');
		expect(line).not.toContain('pa55word');
		expect(JSON.parse(line)).toMatchObject({ plugin: 'tasks', token: '***' });
	});
});
