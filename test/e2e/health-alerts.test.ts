import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

/** A free TCP port on loopback. */
async function freePort(): Promise<number> {
	const server = createServer().listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as { port: number };
	server.close();
	return port;
}

/** A Redis server of this test's own, so that stopping it harms no other test. */
async function startRedis(port: number): Promise<ChildProcess> {
	const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
	let output = '';
	redis.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await eventually(() => output.includes('Ready to accept connections'), 10_000);
	return redis;
}

describe('health: a component that stops turns the detailed health 503 and alerts once; its return does too', () => {
	let bot: TestBot;
	let redis: ChildProcess;
	let port: number;
	const detailed = async () => {
		const answer = await fetch(`${bot.monster.apiUrl}/health/detailed`);
		return { status: answer.status, body: (await answer.json()) as { failing: string[] } };
	};
	const alertsPosted = (title: string) =>
		bot.server.state.channelMessages(bot.server.guild.channels.logs!).filter((message) => message.embeds[0]?.title?.includes(title));

	beforeAll(async () => {
		port = await freePort();
		redis = await startRedis(port);
		bot = await startTestBot({ env: { REDIS_URL: `redis://127.0.0.1:${port}` }, healthProbeMs: 200 });
	});
	afterAll(async () => {
		await bot?.stop();
		redis?.kill('SIGKILL');
	});

	it('reports the cache down and back, with one alert each way', async () => {
		expect((await detailed()).status).toBe(200);
		redis.kill('SIGKILL');
		await once(redis, 'exit');
		const down = await eventually(async () => {
			const health = await detailed();
			return health.status === 503 ? health : undefined;
		}, 15_000);
		expect(down.body.failing).toContain('cache');
		await bot.server.waitForMessage((message) => message.channel_id === bot.server.guild.channels.logs && (message.embeds[0]?.title?.includes('service dégradé') ?? false));

		redis = await startRedis(port);
		await eventually(async () => (await detailed()).status === 200, 20_000);
		const back = await bot.server.waitForMessage(
			(message) => message.channel_id === bot.server.guild.channels.logs && (message.embeds[0]?.title?.includes('tout fonctionne de nouveau') ?? false),
			20_000
		);
		expect(back.embeds[0]?.description).toContain('cache');
		// Many probes ran while it was down: still one alert each way.
		expect(alertsPosted('service dégradé')).toHaveLength(1);
		expect(alertsPosted('tout fonctionne de nouveau')).toHaveLength(1);
	});
});
