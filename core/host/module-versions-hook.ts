/**
 * Node module hook (runs in the loader thread). Node never evicts an ES module, so a plugin reload
 * must import every file of the plugin under a new URL, its helpers included. The host tells this
 * hook each plugin folder's current version; any import that resolves inside that folder gets
 * `?plugin-version=N`, so one reload re-evaluates the plugin's whole module graph once, while the
 * core and the libraries keep a single shared instance. It also notes a digest of every file each
 * version loaded, so the host can tell whether a change on disk touched code that runs.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { InitializeHook, LoadHook, ResolveHook } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { MessagePort } from 'node:worker_threads';

export type VersionRequest =
	| { id: number; kind: 'set'; folderUrl: string; version: string | null }
	/** Which files a version of a folder loaded, with the digest of what they held then. */
	| { id: number; kind: 'files'; folderUrl: string; version: string };

export interface VersionReply {
	id: number;
	files?: Record<string, string>;
}

const versionParameter = 'plugin-version';
const versions = new Map<string, string>();
/** `<folderUrl>@<version>` → file path → sha256 of its content when loaded. Only live versions are kept. */
const loadedFiles = new Map<string, Map<string, string>>();

export const initialize: InitializeHook<{ port: MessagePort }> = ({ port }) => {
	port.on('message', (request: VersionRequest) => {
		if (request.kind === 'files') {
			const files = loadedFiles.get(`${request.folderUrl}@${request.version}`);
			port.postMessage({ id: request.id, files: Object.fromEntries(files ?? []) } satisfies VersionReply);
			return;
		}
		const previous = versions.get(request.folderUrl);
		if (request.version === null) versions.delete(request.folderUrl);
		else versions.set(request.folderUrl, request.version);
		// Digests of versions no longer current or previous are never asked for again.
		for (const key of loadedFiles.keys()) {
			const [folderUrl, version] = splitKey(key);
			if (folderUrl === request.folderUrl && version !== request.version && version !== previous) loadedFiles.delete(key);
		}
		port.postMessage({ id: request.id } satisfies VersionReply);
	});
	port.unref();
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
	const result = await nextResolve(specifier, context);
	if (!result.url.startsWith('file:')) return result;
	for (const [folderUrl, version] of versions) {
		if (result.url.startsWith(folderUrl)) {
			const url = new URL(result.url);
			url.searchParams.set(versionParameter, version);
			return { ...result, url: url.href };
		}
	}
	return result;
};

export const load: LoadHook = async (url, context, nextLoad) => {
	const result = await nextLoad(url, context);
	if (url.startsWith('file:') && url.includes(`${versionParameter}=`)) {
		const parsed = new URL(url);
		const version = parsed.searchParams.get(versionParameter)!;
		const folderUrl = [...versions.keys()].find((folder) => url.startsWith(folder));
		if (folderUrl) {
			parsed.search = '';
			const path = fileURLToPath(parsed);
			// The file as it is on disk, not the transpiled source: the host compares it with the disk later.
			const digest = await readFile(path).then((content) => createHash('sha256').update(content).digest('hex'), () => 'missing');
			const key = `${folderUrl}@${version}`;
			if (!loadedFiles.has(key)) loadedFiles.set(key, new Map());
			loadedFiles.get(key)!.set(path, digest);
		}
	}
	return result;
};

function splitKey(key: string): [string, string] {
	const at = key.lastIndexOf('@');
	return [key.slice(0, at), key.slice(at + 1)];
}
