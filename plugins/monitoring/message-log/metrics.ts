import { Counter, Gauge, type Registry } from 'prom-client';

/** The same counter across plugin reloads: a registry refuses a second metric of one name. */
function counter<Label extends string>(registry: Registry, options: { name: string; help: string; labelNames?: readonly Label[] }): Counter<Label> {
	return (registry.getSingleMetric(options.name) as Counter<Label> | undefined) ?? new Counter({ ...options, registers: [registry] });
}
import type { DropReason, MessageLogWriterOptions } from './writer.ts';

/** Prometheus counters for the message log, as the writer's callbacks: `new MessageLogWriter({ ...messageLogMetrics(registry) })`. */
export function messageLogMetrics(registry: Registry): Pick<MessageLogWriterOptions, 'onDropped' | 'onWritten'> {
	const written = counter(registry, {
		name: 'message_log_written_total',
		help: 'Message events (new, edited, deleted) written to the database'
	});
	const dropped = counter(registry, {
		name: 'message_log_dropped_total',
		help: 'Message events lost: buffer full while the database was down, row refused, or unwritten at shutdown',
		labelNames: ['reason'] as const
	});
	return {
		onWritten: (count) => written.inc(count),
		onDropped: (count: number, reason: DropReason) => dropped.inc({ reason }, count)
	};
}

/** Where the buffer gauge reads from: kept across reloads, pointed at each new version's writer. */
export interface BufferSource {
	buffered: () => number;
}

/** `message_log_buffer_size`: events recorded and not yet written, read at each scrape. */
export function messageLogBufferGauge(registry: Registry, source: BufferSource): void {
	if (registry.getSingleMetric('message_log_buffer_size')) return;
	new Gauge({
		name: 'message_log_buffer_size',
		help: 'Message events recorded and not yet written to the database',
		registers: [registry],
		collect() {
			this.set(source.buffered());
		}
	});
}
