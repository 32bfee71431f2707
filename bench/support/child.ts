/** The bot side of a bench: answers the load generator's requests for memory figures, heap snapshots and stop. */
import { readFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import type { ChildMessage, MemoryFigures, ParentRequest } from './protocol.ts';

export interface BenchedBot {
	botUserId: string;
	details?: Record<string, unknown>;
	/** Bytes of WebAssembly memory the bot holds (PGlite), if any. */
	wasmBytes?: () => number | undefined;
	stop(): Promise<void>;
}

function send(message: ChildMessage): void {
	process.send?.(message);
}

/** Resident memory by kind of mapping, from /proc/self/smaps (Linux; empty elsewhere). */
function residentByMapping(): Record<string, number> {
	let smaps: string;
	try {
		smaps = readFileSync('/proc/self/smaps', 'utf8');
	} catch {
		return {};
	}
	const totals: Record<string, number> = {};
	let kind = '';
	for (const line of smaps.split('\n')) {
		const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
		if (mapping) {
			const path = mapping[1] ?? '';
			kind =
				path === process.execPath
					? 'node binary (code, ICU data)'
					: path.endsWith('.node')
						? 'native addons (.node)'
						: /\.so[.\d]*$/.test(path)
							? 'shared libraries'
							: path === '' || path === '[heap]' || path.startsWith('[anon')
								? 'anonymous (JS heaps, malloc, WASM)'
								: path.startsWith('[')
									? 'other'
									: 'other files';
			continue;
		}
		const resident = /^Rss:\s+(\d+) kB/.exec(line);
		if (resident) totals[kind] = (totals[kind] ?? 0) + Number(resident[1]) * 1024;
	}
	return totals;
}

export function memoryFigures(wasmBytes?: () => number | undefined): MemoryFigures {
	const usage = process.memoryUsage();
	const wasm = wasmBytes?.();
	return {
		rss: usage.rss,
		peakRss: process.resourceUsage().maxRSS * 1024,
		heapUsed: usage.heapUsed,
		heapTotal: usage.heapTotal,
		external: usage.external,
		arrayBuffers: usage.arrayBuffers,
		byMapping: residentByMapping(),
		...(wasm === undefined ? {} : { wasm })
	};
}

/** Starts the bot, tells the parent it is ready (or why it failed), then serves the parent's requests. */
export async function serveBench(start: () => Promise<BenchedBot>): Promise<void> {
	if (!process.send) throw new Error('run by a bench script (it needs an IPC channel to its parent)');
	let bot: BenchedBot;
	try {
		bot = await start();
	} catch (error) {
		send({ kind: 'failed', error: (error as Error).stack ?? String(error) });
		process.disconnect();
		return;
	}
	process.on('message', (request: ParentRequest) => {
		void (async () => {
			switch (request.kind) {
				case 'memory':
					send({ id: request.id, kind: 'memory', memory: memoryFigures(bot.wasmBytes) });
					break;
				case 'memory-after-gc':
					for (let round = 0; round < 3; round++) globalThis.gc?.();
					send({ id: request.id, kind: 'memory', memory: memoryFigures(bot.wasmBytes) });
					break;
				case 'snapshot':
					send({ id: request.id, kind: 'snapshot', file: writeHeapSnapshot(request.file) });
					break;
				case 'stop':
					await bot.stop();
					send({ id: request.id, kind: 'stopped' });
					process.disconnect();
					break;
			}
		})();
	});
	send({ kind: 'ready', botUserId: bot.botUserId, ...(bot.details ? { details: bot.details } : {}) });
}
