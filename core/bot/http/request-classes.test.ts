import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { afterEach, describe, expect, it } from 'vitest';
import { MonsterRequest, MonsterResponse } from './request-classes.ts';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
	for (const server of servers.splice(0)) server.close();
});

/** A node:http server building our classes, as the API's does, answering with what `handle` returns. */
async function serve(handle: (request: ApiRequest, response: ApiResponse) => void): Promise<string> {
	const server = createServer({ IncomingMessage: MonsterRequest, ServerResponse: MonsterResponse as typeof ServerResponse }, (request, response) =>
		handle(request as unknown as ApiRequest, response as unknown as ApiResponse)
	);
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('MonsterRequest and MonsterResponse', () => {
	it('are what plugin-api routes expect: its classes by instanceof, its response methods, its request fields', async () => {
		const url = await serve((request, response) => {
			response.status(201).json({
				isApiRequest: request instanceof ApiRequest,
				isApiResponse: response instanceof ApiResponse,
				query: request.query,
				params: request.params,
				route: request.route ?? null
			});
		});
		const answer = await fetch(`${url}/anything`);
		expect(answer.status).toBe(201);
		expect(answer.headers.get('content-type')).toMatch(/application\/json/);
		expect(await answer.json()).toEqual({ isApiRequest: true, isApiResponse: true, query: {}, params: {}, route: null });
	});

	it('tell a plugin author who reads the body through plugin-api that the route schema has read it', async () => {
		const url = await serve((request, response) => {
			const errors = [() => request.readBodyJson(), () => request.readBody(), () => request.readBodyText()].map((read) => {
				try {
					void read();
					return 'no error';
				} catch (error) {
					return (error as Error).message;
				}
			});
			response.json(errors);
		});
		const errors = (await (await fetch(url, { method: 'POST', body: '{"a":1}' })).json()) as string[];
		expect(errors).toHaveLength(3);
		for (const message of errors) expect(message).toMatch(/inputOf\(request, schema\)/);
	});
});
