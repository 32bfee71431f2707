import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { messageLogBufferGauge, messageLogMetrics } from './metrics.ts';

describe('messageLogMetrics', () => {
	it('counts written and dropped events, by reason', async () => {
		const registry = new Registry();
		const { onWritten, onDropped } = messageLogMetrics(registry);
		onWritten?.(250);
		onDropped?.(3, 'overflow');
		onDropped?.(1, 'rejected');
		const text = await registry.metrics();
		expect(text).toContain('message_log_written_total 250');
		expect(text).toContain('message_log_dropped_total{reason="overflow"} 3');
		expect(text).toContain('message_log_dropped_total{reason="rejected"} 1');
	});

	it('reads the buffer size from the current source at each scrape', async () => {
		const registry = new Registry();
		const source = { buffered: () => 12 };
		messageLogBufferGauge(registry, source);
		expect(await registry.metrics()).toContain('message_log_buffer_size 12');
		// A reload points the same source at the new writer; the gauge follows without a second registration.
		source.buffered = () => 3;
		messageLogBufferGauge(registry, source);
		expect(await registry.metrics()).toContain('message_log_buffer_size 3');
	});
});
