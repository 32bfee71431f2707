/**
 * The API bench's baseline (bench/api.ts): a bare node:http server in its own process answering the same
 * JSON as Monster's `GET /`, `GET /stats` (and `GET /api/stats`, the same totals) and `POST /api/discord/task` (BENCH_INDEX_JSON, BENCH_STATS_JSON, BENCH_TASK_JSON),
 * reading the request body as Monster must. Sends `{ port }` to its parent once listening.
 * BENCH_EXTRA_MICROSECONDS: CPU work added to each request before it is answered (bench/api.ts `--calibrate`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const stats = process.env.BENCH_STATS_JSON ?? '{}';
const task = process.env.BENCH_TASK_JSON ?? '{}';
const index = process.env.BENCH_INDEX_JSON ?? '{}';
const extraMs = Number(process.env.BENCH_EXTRA_MICROSECONDS ?? 0) / 1000;

/** Busy for `extraMs`, as a request's own work (checks, logs) would be. */
function work(): void {
	const started = performance.now();
	while (performance.now() - started < extraMs);
}

const server = createServer((request, response) => {
	const chunks: Buffer[] = [];
	request.on('data', (chunk: Buffer) => chunks.push(chunk));
	request.on('end', () => {
		if (extraMs > 0) work();
		if (request.method === 'GET' && request.url === '/') {
			response.writeHead(200, { 'content-type': 'application/json' }).end(index);
		} else if (request.method === 'GET' && (request.url === '/stats' || request.url === '/api/stats')) {
			response.writeHead(200, { 'content-type': 'application/json' }).end(stats);
		} else if (request.method === 'POST' && request.url === '/api/discord/task') {
			JSON.parse(Buffer.concat(chunks).toString('utf8'));
			response.writeHead(201, { 'content-type': 'application/json' }).end(task);
		} else response.writeHead(404).end();
	});
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('message', (message) => {
	if (message === 'stop') server.close(() => process.exit(0));
});
