import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import type { Logger } from '#core/log.ts';
import { clientAddress, inputOf, jsonWithoutNul, withoutNul, type ResponseSpec, type RouteSchema } from '#core/plugin-kit.ts';
import { recordRefusedWebhook } from './queries.ts';

/** What the receivers share: reading the body as sent, refusing a delivery (logged, answered in JSON), the log's digest of headers. */

/** Larger deliveries are cut off while reading (413): Tally and n8n send a few kilobytes. */
export const maxBodyBytes = 1024 * 1024;

const refusal = z.object({ error: z.string(), issues: z.array(z.object({ in: z.enum(['body', 'header']), path: z.string(), message: z.string() })).optional() });

/** A receiver's schema: the body taken as bytes (signatures are computed over them, before any parsing) and the refusals all receivers share. */
export function receiverSchema(summary: string, description: string, accepted: Record<number, ResponseSpec>, rawBodyContent?: z.ZodType) {
	return {
		summary,
		description,
		tags: ['webhooks'],
		body: 'raw',
		...(rawBodyContent ? { rawBodyContent } : {}),
		responses: {
			...accepted,
			400: { description: 'Malformed JSON or invalid fields', schema: refusal },
			401: { description: 'Missing or invalid signature or secret', schema: refusal },
			413: { description: `Body larger than ${maxBodyBytes} bytes`, schema: refusal },
			503: { description: 'Receiver not configured (its secret is unset)', schema: refusal }
		}
	} satisfies RouteSchema;
}
const rawBodySchema = receiverSchema('', '', {});
/** What is kept of a refused body (often unverified): enough to see what it was, not a way to fill the table. */
const refusedBodyChars = 4096;

/** Headers worth keeping per delivery; secrets and signatures are only noted as present. */
const keptHeaders = ['content-type', 'content-length', 'user-agent', 'x-forwarded-for', 'x-request-id', 'x-idempotency-key'];

/** A bad field, as the core's routes list them (`in`, `path`, `message`), so a client reads both alike. */
export type Issue = { in: 'body' | 'header'; path: string; message: string };

export const issuesOf = (error: z.ZodError): Issue[] => error.issues.map((issue) => ({ in: 'body', path: issue.path.join('.'), message: issue.message }));

/** A body that is not JSON, answered as the core's routes answer it (`Malformed JSON`). */
export const malformedJson = { error: 'Malformed JSON', issues: [{ in: 'body', path: '', message: 'not valid JSON' }] satisfies Issue[] };

export class Delivery {
	readonly headers: Record<string, string>;

	readonly source: string;
	private readonly request: ApiRequest;
	private readonly response: ApiResponse;
	private readonly logger: Logger;

	constructor(
		source: string,
		request: ApiRequest,
		response: ApiResponse,
		logger: Logger,
		{ credential, ids = [] }: { credential: string; ids?: string[] }
	) {
		this.source = source;
		this.request = request;
		this.response = response;
		this.logger = logger;
		this.headers = {};
		for (const name of [...keptHeaders, ...ids]) {
			const value = request.headers[name];
			if (typeof value === 'string') this.headers[name] = value.slice(0, 200);
		}
		this.headers[credential] = typeof request.headers[credential] === 'string' ? 'present' : 'absent';
	}

	/**
	 * The body's bytes as sent (signatures are computed over them), or null once it passed the route's
	 * body limit: the core reads it while counting bytes, so a chunked body is cut off too.
	 */
	readRaw(): Buffer | null {
		return inputOf(this.request, rawBodySchema).body;
	}

	/** Turns the delivery away: a log line saying why, a `refuse` row, and `{ error, issues? }` to the sender. */
	async refuse(httpStatus: number, error: string, { body, issues }: { body?: Buffer | null; issues?: Issue[] } = {}): Promise<void> {
		this.logger.warn({ source: this.source, status: httpStatus, reason: error, ip: clientAddress(this.request) }, `Webhook from ${this.source} refused: ${error}`);
		const payload = body ? { raw: withoutNul(body.toString('utf8').slice(0, refusedBodyChars)) } : null;
		await recordRefusedWebhook(container.db, { source: this.source, headers: this.headers, payload, httpStatus, error });
		// A body left unread (too large) would keep the connection busy: close it after answering.
		if (this.readRaw() === null) this.response.setHeader('connection', 'close');
		this.response.status(httpStatus).json(issues ? { error, issues } : { error });
	}
}

/** Throws on bytes that are not UTF-8: read leniently, each would be stored as U+FFFD. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** JSON parsed from the raw body, without the NUL characters the database cannot store; undefined when it is not JSON (in UTF-8). */
export function parseJson(raw: Buffer): unknown {
	try {
		return jsonWithoutNul(JSON.parse(strictUtf8.decode(raw)));
	} catch {
		return undefined;
	}
}
