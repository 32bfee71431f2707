// Errors no piece caught: thrown from a plugin's own timer or callback, or a promise nobody awaited.
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../log.ts';
import { pluginMetrics } from '../metrics.ts';

/** The plugin whose code threw `error`: the first frame of its stack in a folder of the plugins folder. */
export function pluginOfStack(error: unknown, pluginsDir: string): string | undefined {
	const stack = (error as { stack?: unknown } | null | undefined)?.stack;
	if (typeof stack !== 'string') return undefined;
	const folder = resolve(pluginsDir);
	const prefixes = [`${pathToFileURL(folder).href}/`, `${folder}${sep}`];
	const frames = stack.split('\n').filter((line) => line.trimStart().startsWith('at '));
	for (const frame of frames) {
		for (const prefix of prefixes) {
			const at = frame.indexOf(prefix);
			if (at === -1) continue;
			const name = frame.slice(at + prefix.length).split(/[/\\]/, 1)[0];
			if (name) return name;
		}
	}
	return undefined;
}

export interface StrayErrorOptions {
	logger: Logger;
	pluginsDir: string;
	/** Called once for an uncaught exception no plugin's code threw: the process's state is unknown, it must stop. */
	stop: (error: unknown) => void;
}

/**
 * A plugin's `setTimeout` callback that throws would end the process, and every other plugin with it. Thrown
 * from a plugin's file, it is logged with the plugin and counted in plugin_errors_total instead, and the bot
 * goes on: the state it may have left half-done is that plugin's own. Thrown from anywhere else, it is logged
 * as fatal and `stop` is called. A promise rejected without a handler is logged (with its plugin when its
 * stack names one) and never stops the bot.
 */
export function watchStrayErrors({ logger, pluginsDir, stop }: StrayErrorOptions): () => void {
	let stopping = false;
	const onException = (error: unknown) => {
		const plugin = pluginOfStack(error, pluginsDir);
		if (plugin !== undefined) {
			pluginMetrics.errors.inc({ plugin });
			logger.child({ plugin }).error({ err: error }, 'Plugin error outside its pieces (in a timer or callback of its own); the bot goes on');
			return;
		}
		logger.fatal({ err: error }, 'Uncaught exception: stopping');
		if (!stopping) {
			stopping = true;
			stop(error);
		}
	};
	const onRejection = (reason: unknown) => {
		const plugin = pluginOfStack(reason, pluginsDir);
		if (plugin === undefined) {
			logger.error({ err: reason }, 'Unhandled promise rejection');
			return;
		}
		pluginMetrics.errors.inc({ plugin });
		logger.child({ plugin }).error({ err: reason }, 'Unhandled promise rejection');
	};
	process.on('uncaughtException', onException);
	process.on('unhandledRejection', onRejection);
	return () => {
		process.off('uncaughtException', onException);
		process.off('unhandledRejection', onRejection);
	};
}
