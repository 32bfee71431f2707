/** The load generator's side of a bot run in a child process: start it, ask it for figures, stop it. */
import { fork, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import type { ChildMessage, MemoryFigures, ParentRequest } from './protocol.ts';
import { typeScriptLoader } from '../../core/runtime/typescript-loader.ts';

type Request = ParentRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface BotProcess {
	readonly pid: number;
	readonly botUserId: string;
	readonly details: Record<string, unknown>;
	memory(options?: { afterGc?: boolean }): Promise<MemoryFigures>;
	heapSnapshot(file: string): Promise<string>;
	stop(): Promise<void>;
}

/**
 * Forks `script` under the project's TypeScript loader (as the tests and `npm start` run the bot) with an IPC channel, its stdout and
 * stderr appended to `logFile`, and resolves once it says it is ready.
 */
export async function startBotProcess(script: string, env: Record<string, string>, logFile: string, nodeOptions: string[] = []): Promise<BotProcess> {
	const log = openSync(logFile, 'a');
	const child: ChildProcess = fork(script, [], {
		execArgv: ['--import', typeScriptLoader, '--expose-gc', ...nodeOptions],
		env: { ...process.env, ...env },
		stdio: ['ignore', log, log, 'ipc']
	});
	let nextId = 0;
	const pending = new Map<number, (message: ChildMessage) => void>();
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

	const ready = await new Promise<Extract<ChildMessage, { kind: 'ready' }>>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${script} not ready after 180 s (log: ${logFile})`)), 180_000);
		child.on('message', (message: ChildMessage) => {
			if ('id' in message) {
				pending.get(message.id)?.(message);
				pending.delete(message.id);
			} else if (message.kind === 'ready') {
				clearTimeout(timer);
				resolve(message);
			} else {
				clearTimeout(timer);
				reject(new Error(`${script} failed to start (log: ${logFile}):\n${message.error}`));
			}
		});
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`${script} exited with ${code} before it was ready (log: ${logFile})`));
		});
	});

	const ask = (request: Request): Promise<ChildMessage> =>
		new Promise((resolve, reject) => {
			const id = ++nextId;
			pending.set(id, resolve);
			void exited.then((code) => reject(new Error(`${script} exited with ${code} (log: ${logFile})`)));
			child.send({ ...request, id } as ParentRequest);
		});

	return {
		pid: child.pid!,
		botUserId: ready.botUserId,
		details: ready.details ?? {},
		async memory({ afterGc = false } = {}) {
			const answer = await ask({ kind: afterGc ? 'memory-after-gc' : 'memory' });
			if (answer.kind !== 'memory') throw new Error(`unexpected answer ${answer.kind}`);
			return answer.memory;
		},
		async heapSnapshot(file) {
			const answer = await ask({ kind: 'snapshot', file });
			if (answer.kind !== 'snapshot') throw new Error(`unexpected answer ${answer.kind}`);
			return answer.file;
		},
		async stop() {
			await ask({ kind: 'stop' });
			// A bot that does not exit by itself within 10 s after its stop (an open handle) is ended.
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
	};
}
