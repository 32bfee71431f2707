/** The bot as its own process, started as a user starts it, for tests of start-up, signals and the sandbox chat. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './bot.ts';
import { typeScriptLoader } from '../../core/runtime/typescript-loader.ts';

export const projectRoot = join(import.meta.dirname, '../..');

export interface BotProcess {
	child: ChildProcess;
	/** Log lines parsed as JSON (other stdout lines as `{ msg }`), in order. */
	lines: Record<string, unknown>[];
	/** Everything written to stdout and stderr so far. */
	output(): string;
	/** Types a line on the bot's standard input (the sandbox's terminal chat). */
	type(line: string): void;
	/** The first log line whose message contains `message`. */
	logged(message: string): Record<string, unknown> | undefined;
	/** Resolves once the output contains `text` (after `from`, an index in `output()`), with where it starts. */
	waitForOutput(text: string, options?: { from?: number; timeoutMs?: number }): Promise<number>;
	exited: Promise<number | null>;
	/** SIGKILLs the process and whatever it started, if still running. */
	kill(): Promise<void>;
}

export interface BotProcessOptions {
	env?: Record<string, string>;
	args?: string[];
	/** `npm start` or `npm run sandbox` instead of running node directly. */
	npmScript?: 'start' | 'sandbox';
}

/** Runs the bot as `npm start` does (node with the project's TypeScript loader), with only the given environment. */
export function startBotProcess(options: BotProcessOptions = {}): BotProcess {
	const args = options.args ?? [];
	const [command, commandArgs] = options.npmScript
		? ['npm', ['run', '--silent', options.npmScript, ...(args.length > 0 ? ['--', ...args] : [])]]
		: [process.execPath, ['--import', typeScriptLoader, 'core/main.ts', ...args]];
	const child = spawn(command, commandArgs, {
		cwd: projectRoot,
		env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', API_PORT: '0', ...options.env },
		stdio: ['pipe', 'pipe', 'pipe'],
		// Its own process group, so kill() also ends a bot that npm left behind.
		detached: true
	});
	let text = '';
	let stdout = '';
	const lines: Record<string, unknown>[] = [];
	child.stdout.on('data', (chunk: Buffer) => {
		text += chunk.toString();
		stdout += chunk.toString();
		const complete = stdout.split('\n');
		for (const line of complete.slice(lines.length, -1)) {
			try {
				lines.push(JSON.parse(line) as Record<string, unknown>);
			} catch {
				lines.push({ msg: line });
			}
		}
	});
	child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	return {
		child,
		lines,
		output: () => text,
		type: (line) => child.stdin.write(`${line}\n`),
		logged: (message) => lines.find((line) => typeof line.msg === 'string' && line.msg.includes(message)),
		waitForOutput: (wanted, { from = 0, timeoutMs = 30_000 } = {}) =>
			eventually(() => {
				const at = text.indexOf(wanted, from);
				return at >= 0 ? at : undefined;
			}, timeoutMs).catch(() => {
				throw new Error(`"${wanted}" not printed within ${timeoutMs} ms; output:\n${text.slice(from)}`);
			}),
		exited,
		async kill() {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// The group is already gone.
			}
			if (child.exitCode === null && child.signalCode === null) await exited;
		}
	};
}
