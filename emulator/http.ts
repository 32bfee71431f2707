import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Refusal } from './refusals.ts';

/** A file part of a multipart request (`files[n]`). */
export interface UploadedFile {
	field: string;
	name: string;
	contentType: string;
	size: number;
	data: Buffer;
}

export interface ParsedBody {
	/** JSON body, or the `payload_json` part of a multipart body. */
	json: unknown;
	files: UploadedFile[];
}

/** An error answered in Discord's JSON shape: `{ message, code, errors? }`. */
export class DiscordApiError extends Error {
	readonly status: number;
	readonly code: number;
	readonly errors?: Record<string, unknown>;
	/** Why, as data, when a simulated member met it: a sandbox says it in their language. */
	readonly refusal?: Refusal;

	constructor(
		status: number,
		code: number,
		message: string,
		errors?: Record<string, unknown>,
		refusal?: Refusal
	) {
		super(message);
		this.status = status;
		this.code = code;
		this.errors = errors;
		if (refusal) this.refusal = refusal;
	}

	toJSON(): Record<string, unknown> {
		return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
	}
}

export const errors = {
	unauthorized: () => new DiscordApiError(401, 0, '401: Unauthorized'),
	notFound: () => new DiscordApiError(404, 0, '404: Not Found'),
	unknownChannel: () => new DiscordApiError(404, 10003, 'Unknown Channel'),
	unknownGuild: () => new DiscordApiError(404, 10004, 'Unknown Guild'),
	unknownMember: () => new DiscordApiError(404, 10007, 'Unknown Member'),
	unknownMessage: () => new DiscordApiError(404, 10008, 'Unknown Message'),
	unknownRole: () => new DiscordApiError(404, 10011, 'Unknown Role'),
	unknownUser: () => new DiscordApiError(404, 10013, 'Unknown User'),
	unknownWebhook: () => new DiscordApiError(404, 10015, 'Unknown Webhook'),
	unknownBan: () => new DiscordApiError(404, 10026, 'Unknown Ban'),
	unknownCommand: () => new DiscordApiError(404, 10063, 'Unknown application command'),
	unknownInteraction: () => new DiscordApiError(404, 10062, 'Unknown interaction'),
	missingAccess: (refusal?: Refusal) => new DiscordApiError(403, 50001, 'Missing Access', undefined, refusal),
	missingPermissions: () => new DiscordApiError(403, 50013, 'Missing Permissions'),
	cannotMessageUser: () => new DiscordApiError(403, 50007, 'Cannot send messages to this user'),
	emptyMessage: () => new DiscordApiError(400, 50006, 'Cannot send an empty message'),
	alreadyAcknowledged: () => new DiscordApiError(400, 40060, 'Interaction has already been acknowledged.'),
	/** 50035 with Discord's nested `errors` shape: `{ field: { _errors: [{ code, message }] } }`. */
	invalidFormBody: (field: string, code: string, message: string) =>
		new DiscordApiError(400, 50035, 'Invalid Form Body', { [field]: { _errors: [{ code, message }] } })
};

async function readRaw(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Reads a JSON or multipart body; multipart is decoded by the Fetch API's own parser. */
export async function readBody(request: IncomingMessage): Promise<ParsedBody> {
	const raw = await readRaw(request);
	if (raw.length === 0) return { json: undefined, files: [] };
	const contentType = request.headers['content-type'] ?? '';
	if (contentType.startsWith('multipart/form-data')) {
		const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
		const files: UploadedFile[] = [];
		let json: unknown;
		for (const [field, value] of form.entries()) {
			if (typeof value === 'string') {
				if (field === 'payload_json') json = parseJson(value);
				continue;
			}
			const data = Buffer.from(await value.arrayBuffer());
			files.push({ field, name: value.name, contentType: value.type || 'application/octet-stream', size: data.length, data });
		}
		return { json, files };
	}
	// OAuth2's token endpoint takes a form, as Discord's does.
	if (contentType.startsWith('application/x-www-form-urlencoded')) return { json: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
	return { json: parseJson(raw.toString('utf8')), files: [] };
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		throw new DiscordApiError(400, 50109, 'The request body contains invalid JSON.');
	}
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
	if (status === 204 || body === undefined) {
		response.writeHead(status === 200 ? 204 : status).end();
		return;
	}
	const text = JSON.stringify(body);
	response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
