import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

const apiKey = 'observability-key-0123456789';
const dashboard = new URL('../../config/grafana/dashboards/monster.json', import.meta.url);

/** The metric names a PromQL expression reads (identifiers followed by `{`, `[`, `)` or the end, minus functions and keywords). */
function metricNames(expression: string): string[] {
	const words = expression.replace(/\{[^}]*\}/g, '{').match(/[a-z_:][a-z0-9_:]*(?=\s*(\{|\[|\)|$|\s*[=<>!]))/gi) ?? [];
	const promql = new Set(['sum', 'by', 'rate', 'increase', 'count', 'or', 'vector', 'time', 'histogram_quantile', 'le', 'plugin', 'result', 'outcome', 'route', 'status', 'job']);
	return [...new Set(words.filter((word) => !promql.has(word)))].map((name) => name.replace(/_(bucket|sum|count)$/, ''));
}

describe('observability: the previous bot\'s paths and metric names, and the detailed health', () => {
	let bot: TestBot;
	let origin: string;
	const withKey = { headers: { authorization: `Bearer ${apiKey}` } };
	const metrics = async () => (await fetch(`${origin}/metrics`, withKey)).text();

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks', 'monitoring'], env: { API_KEYS: apiKey } });
		origin = new URL(bot.monster.apiUrl).origin;
		// A scripted session: a slash command, a prefix command, a message, an API call, a scheduled task.
		await (await bot.server.sendSlashCommand({ name: 'ping' })).reply();
		await bot.server.sendMessage({ content: '!ping' });
		await fetch(`${bot.monster.apiUrl}/tasks`, withKey);
		await bot.monster.scheduler.runNow('tasks.reminders', { guildId: bot.server.guild.id });
	});
	afterAll(() => bot?.stop());

	it('serves GET / and GET /health without a key, as the previous bot did', async () => {
		const index = await fetch(`${origin}/`);
		expect(index.status).toBe(200);
		expect(await index.json()).toMatchObject({ name: 'Monster', links: { health: '/health', metrics: '/metrics' } });
		const liveness = await fetch(`${origin}/health`);
		expect(liveness.status).toBe(200);
		expect(await liveness.json()).toMatchObject({ status: 'ok' });
	});

	it('serves GET /metrics behind the key unless METRICS_PUBLIC is set', async () => {
		expect((await fetch(`${origin}/metrics`)).status).toBe(401);
		const answer = await fetch(`${origin}/metrics`, withKey);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toContain('text/plain');
	});

	it('names its metrics as the previous bot did, with bounded labels', async () => {
		const text = await eventually(async () => {
			const current = await metrics();
			return current.includes('discord_messages_total') && /scheduled_task_runs_total\{task="tasks.reminders"/.test(current) ? current : undefined;
		});
		expect(text).toMatch(/^discord_commands_total\{plugin="team",command="ping",outcome="ok"\} [1-9]/m);
		expect(text).toMatch(/^discord_command_duration_seconds_bucket\{le="[^"]+",plugin="team",command="ping"\}/m);
		expect(text).toMatch(/^discord_messages_total [1-9]/m);
		expect(text).toMatch(new RegExp(`^discord_guild_members_total\\{guild="${bot.server.guild.id}"\\} [1-9]`, 'm'));
		expect(text).toContain('# TYPE discord_gateway_latency_seconds gauge');
		expect(text).toMatch(/^api_requests_total\{route="\/api\/tasks",method="GET",status="200"\} 1/m);
		expect(text).toMatch(/^api_request_duration_seconds_bucket\{le="[^"]+",route="\/api\/tasks"\}/m);
		expect(text).toMatch(/^scheduled_task_runs_total\{task="tasks.reminders",outcome="ok"\} 1/m);
		expect(text).toMatch(/^plugin_state\{plugin="tasks",state="active"\} 1/m);
		expect(text).toMatch(/^cache_lookups_total\{result="(hit|miss)"\} [1-9]/m);
		expect(text).toMatch(/^message_log_buffer_size \d+/m);
		for (const name of ['plugin_errors_total', 'rate_limit_refusals_total', 'postgres_connections_active', 'process_resident_memory_bytes']) {
			expect(text).toContain(`# TYPE ${name} `);
		}
		// No member id or raw path in any label.
		expect(text).not.toContain(bot.server.guild.members.alice!);
	});

	it('has every metric that a panel of the Grafana dashboard queries', async () => {
		const panels = (JSON.parse(readFileSync(dashboard, 'utf8')) as { panels: { targets?: { expr: string }[] }[] }).panels;
		const queried = new Set(panels.flatMap((panel) => panel.targets ?? []).flatMap((target) => metricNames(target.expr)));
		queried.delete('up'); // Prometheus' own, per scrape target
		expect(queried.size).toBeGreaterThan(5);
		const text = await metrics();
		for (const name of queried) expect(text, name).toContain(`# TYPE ${name} `);
	});

	it('details every component at /api/health/detailed', async () => {
		const answer = await fetch(`${bot.monster.apiUrl}/health/detailed`, withKey);
		expect(answer.status).toBe(200);
		const health = (await answer.json()) as Record<string, unknown>;
		expect(health).toMatchObject({
			status: 'ok',
			failing: [],
			gateway: { ok: true, shards: [expect.objectContaining({ id: 0 })] },
			database: { ok: true, roundTripMs: expect.any(Number) },
			cache: { ok: true },
			queue: { ok: true, kind: 'memory' },
			plugins: { tasks: { state: 'active', version: '1.0.0' } },
			checks: { messageLog: expect.objectContaining({ ok: true, buffered: expect.any(Number) }) }
		});
		expect((await fetch(`${bot.monster.apiUrl}/health/detailed`)).status).toBe(401);
	});
});
