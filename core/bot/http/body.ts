// Reading a request body with a size limit counted on the bytes received, so a chunked body (no Content-Length) is cut off too.
import type { IncomingMessage } from 'node:http';

/** The body's bytes, or null once more than `limit` bytes arrived (reading stops there; the caller answers 413 and closes). */
export function readLimited(request: IncomingMessage, limit: number): Promise<Buffer | null> {
	const declared = Number(request.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const stop = () => {
			request.off('data', onData).off('end', onEnd).off('error', onError);
		};
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				stop();
				request.pause();
				resolve(null);
				return;
			}
			chunks.push(chunk);
		};
		const onEnd = () => {
			stop();
			resolve(Buffer.concat(chunks));
		};
		const onError = (error: Error) => {
			stop();
			reject(error);
		};
		request.on('data', onData).on('end', onEnd).on('error', onError);
	});
}

/** Whether the request carries a body at all (GET requests and bodiless POSTs are not read). */
export const hasBody = (request: IncomingMessage) =>
	request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');
