import { describe, expect, it, vi } from 'vitest';
import { InsertBatcher } from './insert-batcher.ts';

interface Row {
	id: string;
	title: string;
}

describe('InsertBatcher', () => {
	it('writes rows inserted at the same time in one statement, each caller getting its own row', async () => {
		const insertMany = vi.fn(async (values: Row[]) => values.map((value) => ({ ...value, title: value.title.toUpperCase() })).reverse());
		const batcher = new InsertBatcher<Row, Row>(insertMany);
		const rows = await Promise.all(['a', 'b', 'c'].map((title) => batcher.insert({ id: title, title })));
		expect(rows.map((row) => row.title)).toEqual(['A', 'B', 'C']);
		expect(insertMany).toHaveBeenCalledOnce();
	});

	it('keeps at most maxRows per statement and maxInFlight statements at once; rows arriving meanwhile go in the next', async () => {
		let running = 0;
		let most = 0;
		const sizes: number[] = [];
		const batcher = new InsertBatcher<Row, Row>(
			async (values) => {
				running += 1;
				most = Math.max(most, running);
				sizes.push(values.length);
				await new Promise((resolve) => setTimeout(resolve, 5));
				running -= 1;
				return values;
			},
			{ maxRows: 2, maxInFlight: 1 }
		);
		const first = Array.from({ length: 5 }, (_, index) => batcher.insert({ id: `${index}`, title: 't' }));
		await Promise.all(first);
		expect(sizes).toEqual([2, 2, 1]);
		expect(most).toBe(1);
	});

	it('writes a failed batch again row by row, so only the bad row fails', async () => {
		const batcher = new InsertBatcher<Row, Row>(async (values) => {
			if (values.some((value) => value.title === 'bad')) throw new Error('constraint');
			return values;
		});
		const results = await Promise.allSettled(['ok', 'bad', 'fine'].map((title) => batcher.insert({ id: title, title })));
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
	});
});
