import { Counter, type Registry } from 'prom-client';
import type { DropReason, MessageLogWriterOptions } from './writer.ts';

/** Prometheus counters for the message log, as the writer's callbacks: `new MessageLogWriter({ ...messageLogMetrics(registry) })`. */
export function messageLogMetrics(registry: Registry): Pick<MessageLogWriterOptions, 'onDropped' | 'onWritten'> {
	const written = new Counter({
		name: 'monster_message_log_written_total',
		help: 'Message events (new, edited, deleted) written to the database',
		registers: [registry]
	});
	const dropped = new Counter({
		name: 'monster_message_log_dropped_total',
		help: 'Message events lost: buffer full while the database was down, row refused, or unwritten at shutdown',
		labelNames: ['reason'] as const,
		registers: [registry]
	});
	return {
		onWritten: (count) => written.inc(count),
		onDropped: (count: number, reason: DropReason) => dropped.inc({ reason }, count)
	};
}
