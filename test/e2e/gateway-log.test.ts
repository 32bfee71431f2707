import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

interface LogLine {
	msg: string;
	component?: string;
	[key: string]: unknown;
}

describe('gateway health in the log', () => {
	let bot: TestBot | undefined;
	afterEach(async () => {
		await bot?.stop();
		bot = undefined;
	});

	it('says when the connection is lost and when the session resumes', async () => {
		const logs: LogLine[] = [];
		bot = await startTestBot({ logDestination: { write: (line) => void logs.push(JSON.parse(line) as LogLine) } });
		const gatewayLine = (message: string) => logs.find((line) => line.component === 'gateway' && line.msg === message);

		bot.server.gateway.dropConnections();
		expect(await eventually(() => gatewayLine('Discord gateway session resumed'), 30_000)).toMatchObject({ reconnects: 1 });
		expect(gatewayLine('Discord gateway connection lost; reconnecting')).toBeDefined();
		expect((await (await bot.server.sendSlashCommand({ name: 'ping' })).reply()).embeds[0]?.title).toContain('Pong');
	});

	it('says nothing of the gateway when the bot stops', async () => {
		const logs: LogLine[] = [];
		bot = await startTestBot({ logDestination: { write: (line) => void logs.push(JSON.parse(line) as LogLine) } });
		await bot.stop();
		bot = undefined;
		expect(logs.filter((line) => line.component === 'gateway')).toEqual([]);
	});
});
