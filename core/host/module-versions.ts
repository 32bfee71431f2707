import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import type { VersionUpdate } from './module-versions-hook.ts';

/** Main-thread side of module-versions-hook.ts: sets a plugin folder's version and waits until the hook has it. */
export class ModuleVersions {
	private readonly port;
	private nextId = 0;
	private readonly pending = new Map<number, () => void>();

	constructor() {
		const { port1, port2 } = new MessageChannel();
		register('./module-versions-hook.ts', {
			parentURL: import.meta.url,
			data: { port: port2 },
			transferList: [port2]
		});
		port1.on('message', (id: number) => {
			this.pending.get(id)?.();
			this.pending.delete(id);
		});
		port1.unref();
		this.port = port1;
	}

	set(folder: string, version: string | null): Promise<void> {
		const update: VersionUpdate = { id: ++this.nextId, folderUrl: folderUrl(folder), version };
		return new Promise((resolve) => {
			this.pending.set(update.id, resolve);
			this.port.postMessage(update);
		});
	}
}

export function folderUrl(folder: string): string {
	const url = pathToFileURL(folder).href;
	return url.endsWith('/') ? url : `${url}/`;
}

let shared: ModuleVersions | undefined;

/** One hook per process: hooks cannot be unregistered, so every host shares it. */
export function moduleVersions(): ModuleVersions {
	shared ??= new ModuleVersions();
	return shared;
}
