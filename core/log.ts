import { pino, type DestinationStream, type Logger, type LoggerOptions as LoggerOptions_ } from 'pino';

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

export interface LoggerOptions {
	level: string;
	/** Pretty, coloured lines; defaults to true when stdout is a terminal. */
	pretty?: boolean;
	/** Where JSON lines go (stdout by default). */
	destination?: DestinationStream;
}

export function createLogger({ level, pretty = process.stdout.isTTY === true, destination }: LoggerOptions): Logger {
	const options: LoggerOptions_ = {
		level,
		redact: { paths: redactedPaths, censor: '***' },
		hooks: {
			// Secrets also hide inside messages (a connection URL in an error text).
			logMethod(args, method) {
				method.apply(
					this,
					args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg)) as Parameters<typeof method>
				);
			}
		},
		transport: pretty && !destination ? { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } : undefined
	};
	return destination ? pino(options, destination) : pino(options);
}

export function redactSecrets(text: string): string {
	return text
		.replace(/(\/\/[^:/@\s]*:)[^@\s]+@/g, '$1***@')
		.replace(/(Bot |Bearer )[\w.-]{20,}/g, '$1***')
		.replace(/\b[\w-]{24,28}\.[\w-]{6}\.[\w-]{27,40}\b/g, '***');
}
