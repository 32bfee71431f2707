import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';

const adminKey = 'process-logs-admin-key-0123456789';
const readKey = 'process-logs-read-key-0123456789';

interface LinesPage {
	lines: { seq: number; level: string; plugin?: string; msg?: string; fields: Record<string, unknown> }[];
	nextCursor?: number;
}

describe('GET /api/logs?source=process: the recent log lines of the process', () => {
	let bot: TestBot;
	const read = async (query: string, key = adminKey) => {
		const answer = await fetch(`${bot.monster.apiUrl}/logs?source=process&${query}`, { headers: { authorization: `Bearer ${key}` } });
		return { status: answer.status, body: (await answer.json()) as LinesPage };
	};

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'tasks'], env: { API_KEYS: `${adminKey},${readKey}:read` }, logDestination: { write: () => undefined } });
	});
	afterAll(() => bot?.stop());

	it('pages through the newest lines, filtered by plugin and level, for admin keys only', async () => {
		// A plugin refused at runtime leaves a warning naming it.
		bot.write('tasks/plugin.ts', 'export default { name: 42 };');
		await bot.monster.host.load('tasks');

		const all = await read('limit=500');
		expect(all.status).toBe(200);
		expect(all.body.lines.length).toBeGreaterThan(3);
		expect(all.body.lines.map((line) => line.seq)).toEqual([...all.body.lines.map((line) => line.seq)].sort((a, b) => b - a));

		const tasks = await read('plugin=tasks&limit=500');
		expect(tasks.body.lines.length).toBeGreaterThan(0);
		expect(tasks.body.lines.every((line) => line.plugin === 'tasks')).toBe(true);

		const warnings = await read('level=warn&limit=500');
		expect(warnings.body.lines.length).toBeGreaterThan(0);
		expect(warnings.body.lines.every((line) => ['warn', 'error', 'fatal'].includes(line.level))).toBe(true);
		expect(warnings.body.lines.some((line) => line.plugin === 'tasks')).toBe(true);

		const first = await read('limit=2');
		expect(first.body.lines).toHaveLength(2);
		const second = await read(`limit=2&before=${first.body.nextCursor}`);
		expect(second.body.lines[0]!.seq).toBe(first.body.lines[1]!.seq - 1);

		expect((await read('limit=2', readKey)).status).toBe(403);
		expect((await read('level=loud')).status).toBe(400);
	});
});
