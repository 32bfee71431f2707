import { pino, type DestinationStream, type Logger, type LoggerOptions as LoggerOptions_, type StreamEntry } from 'pino';
import pinoPretty from 'pino-pretty';
import type { Config } from './config.ts';
import { LogRing } from './log-ring.ts';

export type { Logger };

/** Paths redacted from every log line: tokens, API keys, Authorization headers, passwords. */
const redactedPaths = [
	'token',
	'*.token',
	'password',
	'*.password',
	'authorization',
	'*.authorization',
	'headers.authorization',
	'*.headers.authorization',
	'req.headers.authorization',
	'headers["x-api-key"]',
	'*.headers["x-api-key"]',
	'apiKey',
	'*.apiKey'
];

/** An error or fatal line as a tap sees it (the outgoing log webhook). */
export interface SevereLine {
	level: 'error' | 'fatal';
	msg: string;
	/** The line's own fields and its logger's bindings (`plugin`, `component`…), `err` included. */
	fields: Record<string, unknown>;
}

const severeTaps = new Set<(line: SevereLine) => void>();

/** Calls `tap` for every error and fatal line of every logger made here; returns the function that stops it. */
export function tapSevereLines(tap: (line: SevereLine) => void): () => void {
	severeTaps.add(tap);
	return () => severeTaps.delete(tap);
}

function toTaps(logger: Logger, args: unknown[], level: number): void {
	const first = args[0];
	const fields = { ...logger.bindings(), ...(first && typeof first === 'object' && !(first instanceof Error) ? (first as Record<string, unknown>) : first instanceof Error ? { err: first } : {}) };
	const msg = args.find((arg, index) => typeof arg === 'string' && (index > 0 || typeof first === 'string')) as string | undefined;
	const line: SevereLine = { level: level >= 60 ? 'fatal' : 'error', msg: redactSecrets(msg ?? (first instanceof Error ? first.message : '')), fields };
	for (const tap of severeTaps) {
		try {
			tap(line);
		} catch {
			// A tap must never break logging.
		}
	}
}

export interface LoggerOptions {
	level: string;
	/** Pretty, coloured lines; defaults to true when stdout is a terminal. */
	pretty?: boolean;
	/** Where JSON lines go (stdout by default). */
	destination?: DestinationStream;
	/** Also keeps the recent lines in memory (`GET /api/logs?source=process`). */
	ring?: LogRing;
	/** Also writes JSON lines to this file, rotated by size (pino-roll, in a worker thread). */
	file?: { path: string; size: string; count: number };
}

/**
 * pino's error serializer adds each cause's message to the error's, for wrappers that leave it out. Ours quote
 * it (`onLoad failed: boom`, shown as is in `/plugins list`), which read « boom: boom » in the log: a cause
 * already quoted is not added again.
 */
function errorWithItsCauses(error: Error): ReturnType<typeof pino.stdSerializers.err> {
	const serialized = pino.stdSerializers.err(error);
	if (!(error instanceof Error)) return serialized;
	let message = error.message;
	const seen = new Set<unknown>([error]);
	for (let cause = error.cause as { message?: unknown; cause?: unknown } | undefined; typeof cause?.message === 'string' && !seen.has(cause); cause = cause.cause as typeof cause) {
		seen.add(cause);
		if (!message.includes(cause.message)) message = `${message}: ${cause.message}`;
	}
	serialized.message = message;
	return serialized;
}

export function createLogger({ level, pretty = process.stdout.isTTY === true, destination, ring, file }: LoggerOptions): Logger {
	const options: LoggerOptions_ = {
		level,
		serializers: { err: errorWithItsCauses },
		redact: { paths: redactedPaths, censor: '***' },
		hooks: {
			// Secrets also hide inside messages (a connection URL in an error text).
			logMethod(args, method, level) {
				method.apply(
					this,
					args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg)) as Parameters<typeof method>
				);
				if (level >= 50 && severeTaps.size > 0) toTaps(this, args, level);
			}
		}
	};
	const main = destination ?? (pretty ? pinoPretty({ translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' }) : asynchronousStdout());
	if (!ring && !file) return pino(options, main);
	const streams: StreamEntry[] = [{ level: 'trace', stream: main }];
	if (ring) streams.push({ level: 'trace', stream: ring });
	if (file) {
		// `count` files in all: the one being written and count - 1 rotated ones.
		const rolled = pino.transport({ target: 'pino-roll', options: { file: file.path, size: file.size, mkdir: true, limit: { count: Math.max(0, file.count - 1) } } });
		streams.push({ level: 'trace', stream: rolled });
	}
	// The logger's own level filters first; every stream takes what passes.
	return pino(options, pino.multistream(streams));
}

/** The process's logger as `npm start` makes it, from the configuration: JSON on stdout (pretty on a terminal), the ring of recent lines, the optional file. */
export function processLogger(config: Pick<Config, 'LOG_LEVEL' | 'LOG_FILE' | 'LOG_FILE_SIZE' | 'LOG_FILE_COUNT'>, pretty?: boolean): { logger: Logger; logRing: LogRing } {
	const logRing = new LogRing();
	const logger = createLogger({
		level: config.LOG_LEVEL,
		pretty,
		ring: logRing,
		file: config.LOG_FILE ? { path: config.LOG_FILE, size: config.LOG_FILE_SIZE, count: config.LOG_FILE_COUNT } : undefined
	});
	return { logger, logRing };
}

/**
 * Asynchronous stdout (sonic-boom): a line never blocks the event loop on a write; lines leave by 4 KB or every
 * 200 ms, whichever comes first (a write per line cost the API a write handed to libuv's threads and a thread woken
 * per request), and pino flushes what is left synchronously on exit. Lines go in as Buffers, in
 * sonic-boom's buffer mode: in its string mode it measures the byte length of the lines already waiting each time
 * a line comes, which copies them all into one new string (100,000 lines through pino: 9.6 KB of heap per line,
 * against 1.9 KB as Buffers), garbage for the young generation's collections under API load.
 */
function asynchronousStdout(): DestinationStream {
	// sonic-boom's types know only strings; in buffer mode it takes Buffers.
	const stdout = pino.destination({ dest: 1, sync: false, contentMode: 'buffer', minLength: 4096, periodicFlush: 200 }) as unknown as { write(line: Buffer): boolean };
	return {
		write(line: string) {
			stdout.write(Buffer.from(line));
		}
	};
}

export function redactSecrets(text: string): string {
	// Every pattern below needs an '@' or 24 characters: a short message (most of them) skips the three scans.
	if (text.length < 24 && !text.includes('@')) return text;
	return text
		.replace(/(\/\/[^:/@\s]*:)[^@\s]+@/g, '$1***@')
		.replace(/(Bot |Bearer )[\w.-]{20,}/g, '$1***')
		.replace(/\b[\w-]{24,28}\.[\w-]{6}\.[\w-]{27,40}\b/g, '***');
}
