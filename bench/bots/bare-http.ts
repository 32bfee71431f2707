/** A bare node:http server answering every request with the JSON it is given (BENCH_JSON): what GET /api/stats is compared with. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveBench } from '../support/child.ts';

await serveBench(async () => {
	const body = process.env.BENCH_JSON ?? '{}';
	const server = createServer((_request, response) => {
		response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
		response.end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		botUserId: '',
		details: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` },
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
});
