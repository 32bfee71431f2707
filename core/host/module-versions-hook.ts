/**
 * Node module hook (runs in the loader thread). Node never evicts an ES module, so a plugin reload
 * must import every file of the plugin under a new URL, its helpers included. The host tells this
 * hook each plugin folder's current version; any import that resolves inside that folder gets
 * `?plugin-version=N`, so one reload re-evaluates the plugin's whole module graph once, while the
 * core and the libraries keep a single shared instance.
 */
import type { InitializeHook, ResolveHook } from 'node:module';
import type { MessagePort } from 'node:worker_threads';

export interface VersionUpdate {
	id: number;
	folderUrl: string;
	version: string | null;
}

const versions = new Map<string, string>();

export const initialize: InitializeHook<{ port: MessagePort }> = ({ port }) => {
	port.on('message', (update: VersionUpdate) => {
		if (update.version === null) versions.delete(update.folderUrl);
		else versions.set(update.folderUrl, update.version);
		port.postMessage(update.id);
	});
	port.unref();
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
	const result = await nextResolve(specifier, context);
	if (!result.url.startsWith('file:')) return result;
	for (const [folderUrl, version] of versions) {
		if (result.url.startsWith(folderUrl)) {
			const url = new URL(result.url);
			url.searchParams.set('plugin-version', version);
			return { ...result, url: url.href };
		}
	}
	return result;
};
