import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import type { VersionReply, VersionRequest } from './module-versions-hook.ts';

type Request = VersionRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** Main-thread side of module-versions-hook.ts: sets a plugin folder's version and asks what a version loaded. */
export class ModuleVersions {
	private readonly port;
	private nextId = 0;
	private readonly pending = new Map<number, (reply: VersionReply) => void>();

	constructor() {
		const { port1, port2 } = new MessageChannel();
		register('./module-versions-hook.ts', {
			parentURL: import.meta.url,
			data: { port: port2 },
			transferList: [port2]
		});
		port1.on('message', (reply: VersionReply) => {
			this.pending.get(reply.id)?.(reply);
			this.pending.delete(reply.id);
		});
		port1.unref();
		this.port = port1;
	}

	/** Imports inside `folder` get this version from now on; `null` stops versioning it. */
	async set(folder: string, version: string | null): Promise<void> {
		await this.ask({ kind: 'set', folderUrl: folderUrl(folder), version });
	}

	/** The files a version of the folder imported, with the sha256 of their content at the time. */
	async loadedFiles(folder: string, version: string): Promise<Record<string, string>> {
		return (await this.ask({ kind: 'files', folderUrl: folderUrl(folder), version })).files ?? {};
	}

	private ask(request: Request): Promise<VersionReply> {
		const id = ++this.nextId;
		return new Promise((resolve) => {
			this.pending.set(id, resolve);
			this.port.postMessage({ ...request, id } as VersionRequest);
		});
	}
}

export function folderUrl(folder: string): string {
	const url = pathToFileURL(folder).href;
	return url.endsWith('/') ? url : `${url}/`;
}

/** sha256 of a file as it is now, as the hook computes it; `missing` when it cannot be read. */
export async function fileDigest(path: string): Promise<string> {
	return readFile(path).then((content) => createHash('sha256').update(content).digest('hex'), () => 'missing');
}

let shared: ModuleVersions | undefined;

/** One hook per process: hooks cannot be unregistered, so every host shares it. */
export function moduleVersions(): ModuleVersions {
	shared ??= new ModuleVersions();
	return shared;
}
