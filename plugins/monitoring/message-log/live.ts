import type { MessageLogWriter } from './writer.ts';

/**
 * The process's one message log writer. It outlives plugin reloads: each version of the plugin
 * imports its own copy of this module, so the writer is kept on a process-wide symbol, and events
 * arriving while one version replaces another are neither dropped nor written twice.
 */
const key = Symbol.for('monster.monitoring.message-log-writer');
const holder = globalThis as { [key]?: MessageLogWriter };

export function writer(): MessageLogWriter | undefined {
	return holder[key];
}

export function keepWriter(create: () => MessageLogWriter): MessageLogWriter {
	holder[key] ??= create();
	return holder[key];
}

/** Only when the plugin stops for good (removed, switched to failed, shutdown). */
export function forgetWriter(): MessageLogWriter | undefined {
	const current = holder[key];
	delete holder[key];
	return current;
}
