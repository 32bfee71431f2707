import type { MessageLogWriter } from './writer.ts';

/**
 * The writer of the loaded version of the plugin. Each plugin version imports its own copy of this
 * module, so listeners always reach the writer their own `onLoad` created.
 */
let current: MessageLogWriter | undefined;

export function setWriter(writer: MessageLogWriter | undefined): void {
	current = writer;
}

export function writer(): MessageLogWriter | undefined {
	return current;
}
