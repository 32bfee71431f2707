import { Counter, type Registry } from 'prom-client';

/** The same counter across plugin reloads: a registry refuses a second metric of one name. */
function counter<Label extends string>(registry: Registry, options: { name: string; help: string; labelNames?: readonly Label[] }): Counter<Label> {
	return (registry.getSingleMetric(options.name) as Counter<Label> | undefined) ?? new Counter({ ...options, registers: [registry] });
}
import type { DropReason, MessageLogWriterOptions } from './writer.ts';

/** Prometheus counters for the message log, as the writer's callbacks: `new MessageLogWriter({ ...messageLogMetrics(registry) })`. */
export function messageLogMetrics(registry: Registry): Pick<MessageLogWriterOptions, 'onDropped' | 'onWritten'> {
	const written = counter(registry, {
		name: 'monster_message_log_written_total',
		help: 'Message events (new, edited, deleted) written to the database'
	});
	const dropped = counter(registry, {
		name: 'monster_message_log_dropped_total',
		help: 'Message events lost: buffer full while the database was down, row refused, or unwritten at shutdown',
		labelNames: ['reason'] as const
	});
	return {
		onWritten: (count) => written.inc(count),
		onDropped: (count: number, reason: DropReason) => dropped.inc({ reason }, count)
	};
}
