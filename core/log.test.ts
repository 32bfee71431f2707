import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { eventually } from '../test/support/bot.ts';
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

	it('hides the shortest secrets its patterns know, which the skip of short messages must not miss', () => {
		expect(redactSecrets('//u:p@h')).toBe('//u:***@h');
		expect(redactSecrets(`Bot ${'a'.repeat(20)}`)).toBe('Bot ***');
		expect(redactSecrets('HTTP request')).toBe('HTTP request');
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

describe('log stdout', () => {
	it('writes every line to stdout, whole and in order, even when the process exits right after', () => {
		// Lines pile up behind the write in flight (in sonic-boom's buffer mode); exit must still flush them all.
		const script = `import { createLogger } from './core/log.ts';
			const logger = createLogger({ level: 'info', pretty: false });
			for (let line = 1; line <= 2000; line++) logger.info({ line }, 'ligne n°' + line + ' : chantier « Église »');
			process.exit(0);`;
		const output = execFileSync(process.execPath, ['--import', './core/runtime/typescript.mjs', '--input-type=module', '-e', script], { encoding: 'utf8' });
		const lines = output.trim().split('\n').map((line) => JSON.parse(line) as { line: number; msg: string });
		expect(lines.map((entry) => entry.line)).toEqual(Array.from({ length: 2000 }, (_, index) => index + 1));
		expect(lines.at(-1)!.msg).toBe('ligne n°2000 : chantier « Église »');
	});
});

describe('log file output', () => {
	it('writes JSON lines to a file rotated by size, keeping the configured number of files', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'monster-logs-'));
		try {
			const logger = createLogger({ level: 'info', destination: { write: () => undefined }, file: { path: join(folder, 'monster.log'), size: '1k', count: 3 } });
			const files = () => readdirSync(folder).filter((name) => name.startsWith('monster'));
			const all = () => files().map((name) => readFileSync(join(folder, name), 'utf8')).join('');
			// pino-roll checks the size after each write it gets: ten writes of ten lines, each past 1 KB.
			for (let line = 1; line <= 100; line++) {
				logger.info({ line, padding: 'x'.repeat(60) }, `line ${line}`);
				if (line % 10 === 0) await eventually(() => all().includes(`"msg":"line ${line}"}`));
			}
			// About 10 KB written in 1 KB files: only the newest three are left, the newest lines among them.
			expect(files().length).toBeLessThanOrEqual(3);
			expect(all()).not.toContain('"msg":"line 1"}');
			expect(all()).toContain('"msg":"line 100"}');
			for (const line of all().trim().split('\n')) expect(JSON.parse(line)).toHaveProperty('level', 30);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});
});

describe('logged errors', () => {
	it('says a cause once, whether the error quotes it or not', () => {
		const lines: string[] = [];
		const destination = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
		const logger = createLogger({ level: 'info', destination });
		const cause = new Error('boom at load');
		logger.error({ err: new Error('onLoad failed: boom at load', { cause }) }, 'quoted');
		logger.error({ err: new Error('Failed query', { cause }) }, 'not quoted');
		const [quoted, notQuoted] = lines.map((line) => JSON.parse(line) as { err: { message: string; stack: string } });
		expect(quoted!.err.message).toBe('onLoad failed: boom at load');
		expect(quoted!.err.stack).toContain('caused by: Error: boom at load');
		expect(notQuoted!.err.message).toBe('Failed query: boom at load');
	});
});
