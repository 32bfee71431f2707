// Pieces that throw where Sapphire only emits an event: the member is answered, the error logged and counted.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

const faultyFolder = join(import.meta.dirname, '../fixtures/plugins/faulty');

interface LogLine {
	msg: string;
	plugin?: string;
	store?: string;
	piece?: string;
	reference?: string;
	err?: { message?: string };
}

describe('errors of plugin pieces that Sapphire reports only as events', () => {
	let bot: TestBot;
	const logs: LogLine[] = [];
	const metrics = async () => (await fetch(`${bot.monster.apiUrl}/metrics`)).text();
	/** plugin_errors_total of the faulty plugin (the log line names the piece). */
	const faultyErrors = async () => Number(/^plugin_errors_total\{plugin="faulty"\} (\d+)$/m.exec(await metrics())?.[1] ?? 0);
	/** The log line of a failure, found by the reference the member was shown. */
	const loggedWith = (reference: string) => eventually(() => logs.find((line) => line.reference === reference));
	const referenceIn = (text: string | undefined) => /référence ([0-9a-f]{6})/.exec(text ?? '')?.[1];

	beforeAll(async () => {
		bot = await startTestBot({
			pluginFolders: [faultyFolder],
			routeTimeoutMs: 1_000,
			logDestination: { write: (line) => void logs.push(JSON.parse(line) as LogLine) }
		});
		if (bot.monster.host.get('faulty')?.status !== 'active') throw new Error(`faulty did not load: ${bot.monster.host.get('faulty')?.error}`);
	});
	afterAll(() => bot?.stop());

	it('a button whose handler’s parse throws: the member gets the error with its reference; logged with plugin and piece; counted', async () => {
		const errorsBefore = await faultyErrors();
		const ready = await (await bot.server.sendSlashCommand({ name: 'faulty' })).reply();
		expect(ready.content).toBe('faulty-ready');
		const answer = await (await bot.server.clickButton({ messageId: ready.messageId!, customId: 'faulty-parse' })).reply();
		expect(answer.ephemeral).toBe(true);
		const reference = referenceIn(answer.embeds[0]?.description);
		expect(answer.embeds[0]?.description).toContain('La commande a échoué');
		expect(reference).toBeDefined();
		expect(await loggedWith(reference!)).toMatchObject({ plugin: 'faulty', store: 'interaction-handlers', piece: 'faulty.parse', err: { message: 'boom from a parse' } });
		expect(await faultyErrors()).toBe(errorsBefore + 1);
	});

	it('an autocomplete that throws: the member gets an (empty) answer at once; logged and counted', async () => {
		const errorsBefore = await faultyErrors();
		const choices = await bot.server.sendAutocomplete({ name: 'faulty', options: { choice: 'x' } });
		expect(choices).toEqual([]);
		expect(await eventually(() => logs.find((line) => line.piece === 'faulty' && line.err?.message === 'boom from an autocomplete'))).toMatchObject({
			plugin: 'faulty',
			store: 'commands',
			reference: expect.stringMatching(/^[0-9a-f]{6}$/)
		});
		expect(await faultyErrors()).toBe(errorsBefore + 1);
	});

	it('a precondition that throws: the member gets the error once, the command does not run; logged and counted', async () => {
		const errorsBefore = await faultyErrors();
		const handle = await bot.server.sendSlashCommand({ name: 'guarded' });
		const answer = await handle.reply();
		expect(answer.ephemeral).toBe(true);
		const reference = referenceIn(answer.embeds[0]?.description);
		expect(reference).toBeDefined();
		expect(await loggedWith(reference!)).toMatchObject({ plugin: 'faulty', store: 'preconditions', piece: 'FaultyCheck', err: { message: 'boom from a precondition' } });
		expect(await faultyErrors()).toBe(errorsBefore + 1);
		expect(await metrics()).toContain('discord_commands_total{plugin="faulty",command="guarded",outcome="error"} 1');
		expect(handle.responses).toHaveLength(1);
		expect(handle.responses.map((response) => response.content)).not.toContain('guarded-ran');
	});

	it('an HTTP route that throws, at once or after an await: 500 without the error text; logged with plugin and piece; counted', async () => {
		for (const [path, message] of [['throws', 'boom from a route'], ['rejects', 'boom after an await']] as const) {
			const errorsBefore = await faultyErrors();
			const response = await fetch(`${bot.monster.apiUrl}/faulty/${path}`);
			expect(response.status, path).toBe(500);
			expect(await response.json()).toEqual({ error: 'Internal Server Error' });
			expect(await eventually(() => logs.find((line) => line.err?.message === message))).toMatchObject({ plugin: 'faulty', store: 'routes' });
			expect(await faultyErrors()).toBe(errorsBefore + 1);
		}
	});

	it('an HTTP route that never answers: 503 once the limit has passed, instead of a caller left waiting; logged with plugin and piece; counted', async () => {
		const errorsBefore = await faultyErrors();
		const response = await fetch(`${bot.monster.apiUrl}/faulty/hangs`);
		expect(response.status).toBe(503);
		expect(await response.json()).toEqual({ error: 'The route did not answer in time' });
		expect(await eventually(() => logs.find((line) => line.err?.message === 'GET /api/faulty/hangs did not answer within 1 s'))).toMatchObject({ plugin: 'faulty', store: 'routes', piece: 'faulty.hangs.get' });
		expect(await faultyErrors()).toBe(errorsBefore + 1);
	});

	it('HTTP: an unknown path is a 404, a known path asked with another method a 405; the server still answers after each', async () => {
		expect((await fetch(`${bot.monster.apiUrl}/faulty/nowhere`)).status).toBe(404);
		expect((await fetch(`${bot.monster.apiUrl}/faulty/throws`, { method: 'DELETE' })).status).toBe(405);
		expect((await fetch(`${bot.monster.apiUrl}/health`)).status).toBe(200);
	});
});
