import { relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../log.ts';

export interface PluginWatcherOptions {
	pluginsDir: string;
	logger: Logger;
	/** Polling for bind mounts and network filesystems where inotify events do not arrive. */
	usePolling: boolean;
	/** Quiet time after the last change to a plugin folder before it is reloaded. */
	debounceMs?: number;
	onPluginChanged(name: string): Promise<unknown>;
}

/**
 * Watches the whole plugins folder (not only the folders known at start, unlike plugin-hmr), so a
 * plugin copied in later, a new file, an edit, a deletion or an atomic rename all end in one reload
 * of the plugin concerned once it has been quiet for `debounceMs`. It only reads: a read-only mount works.
 */
export class PluginWatcher {
	private watcher?: FSWatcher;
	private readonly timers = new Map<string, NodeJS.Timeout>();

	private readonly options: PluginWatcherOptions;

	constructor(options: PluginWatcherOptions) {
		this.options = options;
	}

	async start(): Promise<void> {
		const { pluginsDir, usePolling } = this.options;
		this.watcher = watch(pluginsDir, {
			ignoreInitial: true,
			usePolling,
			interval: 250,
			ignored: (path) => /(^|[/\\])(node_modules|\.[^/\\]+)([/\\]|$)/.test(relative(pluginsDir, path))
		});
		this.watcher.on('all', (_event, path) => this.schedule(path));
		this.watcher.on('error', (error) => this.options.logger.error({ err: error }, 'Plugin watcher error'));
		await new Promise<void>((resolve) => this.watcher?.once('ready', () => resolve()));
	}

	async stop(): Promise<void> {
		for (const timer of this.timers.values()) clearTimeout(timer);
		this.timers.clear();
		await this.watcher?.close();
	}

	private schedule(path: string): void {
		const name = relative(this.options.pluginsDir, path).split(sep)[0];
		if (!name || name.startsWith('..')) return;
		clearTimeout(this.timers.get(name));
		this.timers.set(
			name,
			setTimeout(() => {
				this.timers.delete(name);
				this.options.onPluginChanged(name).catch((error: unknown) =>
					this.options.logger.error({ plugin: name, err: error }, 'Plugin reload failed')
				);
			}, this.options.debounceMs ?? 200)
		);
	}
}
