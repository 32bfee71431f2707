import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import type { z } from 'zod';
import type { Logger } from '#core/log.ts';
import { recordRefusedWebhook } from './queries.ts';

/** What the receivers share: reading the body as sent, refusing a delivery (logged, answered in JSON), the log's digest of headers. */

/** Larger deliveries are cut off while reading (413): Tally and n8n send a few kilobytes. */
export const maxBodyBytes = 1024 * 1024;
/** What is kept of a refused body (often unverified): enough to see what it was, not a way to fill the table. */
const refusedBodyChars = 4096;

/** Headers worth keeping per delivery; secrets and signatures are only noted as present. */
const keptHeaders = ['content-type', 'content-length', 'user-agent', 'x-forwarded-for', 'x-request-id', 'x-idempotency-key'];

export type Issue = { path: string; message: string };

export const issuesOf = (error: z.ZodError): Issue[] => error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));

export class Delivery {
	readonly headers: Record<string, string>;
	private bodyRead = false;

	constructor(
		readonly source: string,
		private readonly request: ApiRequest,
		private readonly response: ApiResponse,
		private readonly logger: Logger,
		{ credential, ids = [] }: { credential: string; ids?: string[] }
	) {
		this.headers = {};
		for (const name of [...keptHeaders, ...ids]) {
			const value = request.headers[name];
			if (typeof value === 'string') this.headers[name] = value.slice(0, 200);
		}
		this.headers[credential] = typeof request.headers[credential] === 'string' ? 'present' : 'absent';
	}

	/**
	 * The body's bytes as sent (signatures are computed over them), or null once it passed `maxBodyBytes`
	 * (then reading stops: a chunked body has no Content-Length to refuse it by).
	 */
	readRaw(): Promise<Buffer | null> {
		const request = this.request;
		return new Promise((resolve, reject) => {
			const chunks: Buffer[] = [];
			let size = 0;
			const stop = () => {
				request.off('data', onData).off('end', onEnd).off('error', onError);
			};
			const onData = (chunk: Buffer) => {
				size += chunk.length;
				if (size > maxBodyBytes) {
					stop();
					request.pause();
					resolve(null);
					return;
				}
				chunks.push(chunk);
			};
			const onEnd = () => {
				stop();
				this.bodyRead = true;
				resolve(Buffer.concat(chunks));
			};
			const onError = (error: Error) => {
				stop();
				reject(error);
			};
			request.on('data', onData).on('end', onEnd).on('error', onError);
		});
	}

	/** Turns the delivery away: a log line saying why, a `refuse` row, and `{ error, issues? }` to the sender. */
	async refuse(httpStatus: number, error: string, { body, issues }: { body?: Buffer | null; issues?: Issue[] } = {}): Promise<void> {
		this.logger.warn({ source: this.source, status: httpStatus, reason: error, ip: this.request.socket.remoteAddress }, `Webhook from ${this.source} refused: ${error}`);
		const payload = body ? { raw: body.toString('utf8').slice(0, refusedBodyChars) } : null;
		await recordRefusedWebhook(container.db, { source: this.source, headers: this.headers, payload, httpStatus, error });
		// A body left unread (too large, or refused on its headers) would keep the connection busy: close it after answering.
		if (!this.bodyRead) this.response.setHeader('connection', 'close');
		this.response.status(httpStatus).json(issues ? { error, issues } : { error });
	}
}

/** JSON parsed from the raw body; undefined when it is not JSON. */
export function parseJson(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
}
