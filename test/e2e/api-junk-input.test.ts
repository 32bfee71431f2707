import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';

/**
 * Whatever an integration sends, every route of /openapi.json answers it with a 4xx and a JSON error, never
 * a 5xx: wrong types in every body field, bodies that are not objects, junk in path and query parameters.
 */

const adminKey = 'junk-input-admin-key-0123456789';
const n8nSecret = 'junk-n8n-secret-0123456789';

/** Values of the wrong kind for a field, whatever its declared type. */
const junkValues: unknown[] = [null, true, -1, 1e308, 'x'.repeat(100_000), '\u0000\u202e💥', [], [null], {}, { $ne: null }, '2026-02-30', '9'.repeat(40)];
/** Whole bodies that are not the object a route expects. */
const junkBodies: string[] = ['null', '[]', '"text"', '42', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"x":1}}}', '{'.repeat(5_000) + '}'.repeat(5_000), '{"eventId":"\\u0000","data":{"text":"\\u0000"}}',
	// n8n's actions, with fields of the wrong kind.
	'{"action":"task","title":"\\u0000","due":[],"assigneeId":{}}',
	'{"action":"message","channel":"' + 'x'.repeat(5_000) + '","content":42}',
	'{"action":"embed","channel":"general","embed":{"title":[],"fields":"none","color":"red"}}',
	'{"action":"planning","member":"1","start":"2026-02-30","end":null}',
	'{"action":"unknown"}'
];
/** Path and query parameters. */
const junkParameters = ['0', '-1', 'abc', '%00', '%zz', '%E0%A4%A', '..%2F..%2Fetc', '9'.repeat(40), encodeURIComponent('💥\u202e'), encodeURIComponent("' OR 1=1 --")];

interface Operation {
	method: string;
	path: string;
	parameters?: { name: string; in: string }[];
	requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

describe('HTTP API: junk input', () => {
	let bot: TestBot;
	let root: string;
	let operations: Operation[];

	beforeAll(async () => {
		bot = await startTestBot({
			plugins: ['team', 'admin', 'members', 'tasks', 'planning', 'monitoring', 'moderation', 'webhooks'],
			env: {
				API_KEYS: adminKey,
				API_RATE_LIMIT_PER_IP: '1000000',
				API_RATE_LIMIT_PER_KEY: '1000000',
				TALLY_SIGNING_SECRET: 'junk-tally-secret',
				N8N_WEBHOOK_SECRET: n8nSecret,
				GOOGLE_CHANNEL_TOKEN: 'junk-google-token-0123456789',
				GOOGLE_CLIENT_ID: 'junk-client',
				GOOGLE_CLIENT_SECRET: 'junk-secret',
				GOOGLE_REFRESH_TOKEN: 'junk-refresh'
			}
		});
		root = bot.monster.apiUrl.replace(/\/api$/, '');
		const document = (await (await fetch(`${root}/openapi.json`)).json()) as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
		operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, ...operation })));
	});
	afterAll(() => bot?.stop());

	/** Sends one request and returns what a refusal must look like, or why it does not. */
	async function send(method: string, path: string, body?: string): Promise<string | null> {
		const response = await fetch(`${root}${path}`, {
			method,
			// n8n's receiver is the one that acts on a body with only a shared secret: let junk reach its checks.
			headers: { authorization: `Bearer ${adminKey}`, 'x-webhook-secret': n8nSecret, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			...(body === undefined ? {} : { body })
		});
		const text = await response.text();
		if (response.status >= 500) return `${method} ${path} ${body?.slice(0, 80) ?? ''} → ${response.status} ${text.slice(0, 200)}`;
		if (response.status >= 400 && !/^\s*[{[]/.test(text)) return `${method} ${path} → ${response.status} without a JSON error: ${text.slice(0, 200)}`;
		return null;
	}

	/** A path with its `{parameters}` filled in. */
	const fill = (path: string, value: string) => path.replace(/\{[^}]+\}/g, value);

	it('answers junk in every body field, and bodies of the wrong shape, without a 5xx', { timeout: 300_000 }, async () => {
		const failures: string[] = [];
		for (const operation of operations.filter(({ method }) => method !== 'GET' && method !== 'HEAD')) {
			const path = fill(operation.path, '1');
			const properties = Object.keys(operation.requestBody?.content?.['application/json']?.schema?.properties ?? {});
			for (const body of junkBodies) failures.push((await send(operation.method, path, body)) ?? '');
			for (const property of properties) {
				for (const value of junkValues) failures.push((await send(operation.method, path, JSON.stringify({ [property]: value }))) ?? '');
			}
		}
		expect(failures.filter(Boolean)).toEqual([]);
	});

	it('names a text field holding a NUL character, which the database cannot store (400, nothing written)', async () => {
		const refused = await fetch(`${root}/api/discord/task`, {
			method: 'POST',
			headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'Poser\u0000la porte' })
		});
		expect(refused.status).toBe(400);
		expect(await refused.json()).toEqual({ error: 'Invalid request', issues: [{ in: 'body', path: 'title', message: 'contains a NUL character (\\u0000)' }] });
		const listed = (await (await fetch(`${root}/api/tasks?search=Poser`, { headers: { authorization: `Bearer ${adminKey}` } })).json()) as { tasks: unknown[] };
		expect(listed.tasks).toEqual([]);
	});

	it('answers junk in every path and query parameter without a 5xx', { timeout: 300_000 }, async () => {
		const failures: string[] = [];
		for (const operation of operations) {
			const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
			const body = operation.method === 'GET' || operation.method === 'HEAD' ? undefined : '{}';
			for (const value of junkParameters) {
				if (operation.path.includes('{')) failures.push((await send(operation.method, fill(operation.path, value), body)) ?? '');
				for (const name of query) failures.push((await send(operation.method, `${fill(operation.path, '1')}?${name}=${value}`, body)) ?? '');
			}
		}
		expect(failures.filter(Boolean)).toEqual([]);
	});
});
