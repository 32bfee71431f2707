import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { messageLogMetrics } from './metrics.ts';

describe('messageLogMetrics', () => {
	it('counts written and dropped events, by reason', async () => {
		const registry = new Registry();
		const { onWritten, onDropped } = messageLogMetrics(registry);
		onWritten?.(250);
		onDropped?.(3, 'overflow');
		onDropped?.(1, 'rejected');
		const text = await registry.metrics();
		expect(text).toContain('monster_message_log_written_total 250');
		expect(text).toContain('monster_message_log_dropped_total{reason="overflow"} 3');
		expect(text).toContain('monster_message_log_dropped_total{reason="rejected"} 1');
	});
});
