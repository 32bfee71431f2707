import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

const tmp = join(import.meta.dirname, '../.tmp');

const manifest = (name: string, dependencies: string[] = []) =>
	`import { definePlugin } from '#core/plugin-kit.ts';\nexport default definePlugin({ name: '${name}', version: '1.0.0', description: '${name}', dependencies: ${JSON.stringify(dependencies)} });\n`;

/** A command piece named `piece` whose slash command is `slash`, answering `answer`. */
const command = (piece: string, slash: string, answer: string) => `import { Command } from '@sapphire/framework';
import type { ChatInputCommandInteraction } from 'discord.js';
export class Fixture extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, { ...options, name: '${piece}', description: '${piece}' });
	}
	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) => builder.setName('${slash}').setDescription('${slash}'));
	}
	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return interaction.reply('${answer}');
	}
}
`;

/** A route piece served at `path` (plugin-api's form: `tasks` is `/api/tasks`, `/stats` is rooted), answering `{ by }`. */
const route = (path: string, by: string) => `import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
export class Fixture extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: '${path}', methods: ['GET'], auth: 'public', schema: { summary: '${by}', responses: { 200: { description: '${by}', schema: z.object({ by: z.string() }) } } } });
	}
	public override run(_request: ApiRequest, response: ApiResponse) {
		response.json({ by: '${by}' });
	}
}
`;

/** Writes plugin folders outside the bot, to hand to `startTestBot` as fixtures. */
function fixtureFolder(name: string, files: Record<string, string>): string {
	const folder = join(tmp, `graph-fixtures-${process.pid}`, name);
	for (const [file, content] of Object.entries(files)) {
		mkdirSync(join(folder, file, '..'), { recursive: true });
		writeFileSync(join(folder, file), content);
	}
	return folder;
}

describe('plugin dependency graph and name clashes, end to end', () => {
	let bot: TestBot;
	const adminId = () => bot.server.guild.members.admin!;
	const slash = async (input: Parameters<TestBot['server']['sendSlashCommand']>[0]) => (await bot.server.sendSlashCommand(input)).reply();
	const registered = () => [...bot.server.state.commandScope(bot.server.guild.id).values()].map((entry) => entry.name);

	const logLines: string[] = [];

	beforeAll(async () => {
		bot = await startTestBot({
			logDestination: { write: (line) => void logLines.push(line) },
			plugins: ['team', 'admin', 'tasks'],
			pluginFolders: [
				fixtureFolder('ping-a', { 'plugin.ts': manifest('ping-a', ['ping-b']) }),
				fixtureFolder('ping-b', { 'plugin.ts': manifest('ping-b', ['ping-a']) }),
				fixtureFolder('fan', { 'plugin.ts': manifest('fan', ['ping-a']) }),
				fixtureFolder('narcissus', { 'plugin.ts': manifest('narcissus', ['narcissus']) }),
				fixtureFolder('lonely', { 'plugin.ts': manifest('lonely', ['ghost']) }),
				// Two dependencies sharing one (tasks → team, left → team): a diamond, not a cycle.
				fixtureFolder('left', { 'plugin.ts': manifest('left', ['team']) }),
				fixtureFolder('diamond', { 'plugin.ts': manifest('diamond', ['tasks', 'left']) }),
				// Sorts before team and brings its own `ping`: it must not displace the plugin others depend on.
				fixtureFolder('aaa', { 'plugin.ts': manifest('aaa'), 'commands/ping.ts': command('ping', 'ping', 'aaa pong') }),
				// Another piece name, the same slash name: Discord would refuse the whole command list.
				fixtureFolder('echo', { 'plugin.ts': manifest('echo'), 'commands/echo-ping.ts': command('echo-ping', 'ping', 'echo pong') }),
				// The same method and path as another plugin's route, or the core's: served by whichever came last.
				fixtureFolder('squatter', { 'plugin.ts': manifest('squatter'), 'routes/tasks.get.ts': route('tasks', 'squatter') }),
				fixtureFolder('usurper', { 'plugin.ts': manifest('usurper'), 'routes/health.get.ts': route('health', 'usurper') })
			],
			watch: true
		});
	});
	afterAll(() => bot?.stop());

	it('refuses a cycle, a self-dependency and a missing dependency with one line naming the plugins; the rest boots', () => {
		const { host } = bot.monster;
		expect(host.get('ping-a')).toMatchObject({ status: 'failed', error: 'dependency cycle: ping-a → ping-b → ping-a' });
		expect(host.get('ping-b')).toMatchObject({ status: 'failed', error: 'dependency cycle: ping-a → ping-b → ping-a' });
		expect(host.get('narcissus')).toMatchObject({ status: 'failed', error: '"narcissus" depends on itself' });
		expect(host.get('lonely')).toMatchObject({ status: 'failed', error: '"lonely" depends on "ghost", not installed' });
		expect(host.get('fan')).toMatchObject({ status: 'waiting', waitingFor: ['ping-a'] });
		expect(host.stateOf('fan', bot.server.guild.id)?.state).toBe('waiting');
		expect(host.isActive('tasks', bot.server.guild.id)).toBe(true);
	});

	it('runs a plugin whose dependencies share a dependency (a diamond)', () => {
		expect(bot.monster.host.isActive('diamond')).toBe(true);
		expect(bot.monster.host.isActive('diamond', bot.server.guild.id)).toBe(true);
		expect(bot.monster.host.stateOf('diamond')?.state).toBe('active');
	});

	it('keeps the plugin others depend on when a newcomer clashes at start-up, by command or by slash name', async () => {
		const { host } = bot.monster;
		expect(host.get('team')?.status).toBe('active');
		expect(host.get('aaa')).toMatchObject({ status: 'failed' });
		expect(host.get('aaa')?.error).toBe('commands name "ping" in aaa/commands/ping.ts clashes with plugin "team" (team/commands/ping.ts)');
		expect(host.get('echo')?.error).toBe('slash command name "ping" in echo/commands/echo-ping.ts clashes with plugin "team" (team/commands/ping.ts)');
		expect((await slash({ name: 'ping' })).embeds[0]?.title).toContain('Pong');
		const names = registered();
		expect(names.filter((name) => name === 'ping')).toHaveLength(1);
		expect(names).toEqual(expect.arrayContaining(['tache', 'taches', 'done', 'plugins', 'help']));
	});

	it('pushes every other command when Discord refuses one plugin’s definition, and logs why with the plugin', async () => {
		// Discord refuses a whole bulk overwrite for one bad command: before, no plugin's new command reached the server.
		bot.write('careless/plugin.ts', manifest('careless'));
		bot.write('careless/commands/careless.ts', command('careless', 'careless', 'careless').replace(".setDescription('careless'))", ".setDescription('careless').addStringOption((o) => o.setName('note').setDescription('note')).addStringOption((o) => o.setName('quand').setDescription('quand').setRequired(true)))"));
		bot.write('careful/plugin.ts', manifest('careful'));
		bot.write('careful/commands/careful.ts', command('careful', 'careful', 'careful answer'));
		await eventually(() => bot.monster.host.isActive('careless') && bot.monster.host.isActive('careful'));
		await eventually(async () => {
			await bot.monster.commandSync.idle();
			return registered().includes('careful');
		});
		expect(registered()).not.toContain('careless');
		expect(registered()).toEqual(expect.arrayContaining(['ping', 'tache', 'plugins']));
		expect((await slash({ name: 'careful' })).content).toBe('careful answer');
		const refusal = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.command === 'careless');
		expect(refusal).toMatchObject({ plugin: 'careless', level: 50, reasons: ['options: Required options must be placed before non-required options'] });
	});

	it('refuses a newcomer serving another plugin’s or the core’s method and path, which keep answering', async () => {
		const { host } = bot.monster;
		expect(host.get('squatter')).toMatchObject({ status: 'failed', error: 'route "GET /api/tasks" in squatter/routes/tasks.get.ts clashes with plugin "tasks" (tasks/routes/tasks.get.ts)' });
		expect(host.get('usurper')).toMatchObject({ status: 'failed', error: 'route "GET /api/health" in usurper/routes/health.get.ts clashes with the core (its route "core.health")' });
		expect(await (await fetch(`${bot.monster.apiUrl}/health`)).json()).toHaveProperty('plugins');
		expect(await (await fetch(`${bot.monster.apiUrl}/tasks`)).json()).toHaveProperty('tasks');

		bot.write('late-route/plugin.ts', manifest('late-route'));
		bot.write('late-route/routes/late.get.ts', route('/api/tasks', 'late-route'));
		const late = await eventually(() => (bot.monster.host.get('late-route')?.status === 'failed' ? bot.monster.host.get('late-route') : undefined));
		expect(late.error).toBe('route "GET /api/tasks" in late-route/routes/late.get.ts clashes with plugin "tasks" (tasks/routes/tasks.get.ts)');
		expect(await (await fetch(`${bot.monster.apiUrl}/tasks`)).json()).toHaveProperty('tasks');
	});

	it('says so in /plugins list and /api/health', async () => {
		const list = (await slash({ name: 'plugins', subcommand: 'list', userId: adminId() })).embeds[0]?.description ?? '';
		expect(list).toContain('dependency cycle: ping-a → ping-b → ping-a');
		expect(list).toMatch(/fan.*en attente de ping-a/);
		expect(list).toContain('clashes with plugin "team"');
		const health = (await (await fetch(`${bot.monster.apiUrl}/health`)).json()) as { plugins: Record<string, string>; problems: Record<string, string> };
		expect(health.plugins).toMatchObject({ team: 'active', tasks: 'active', fan: 'waiting', 'ping-a': 'failed', aaa: 'failed' });
		expect(health.problems['ping-b']).toBe('dependency cycle: ping-a → ping-b → ping-a');
		expect(health.problems.fan).toBe('waiting for ping-a');
		const metrics = await (await fetch(`${bot.monster.apiUrl}/metrics`)).text();
		expect(metrics).toContain('plugin_state{plugin="fan",state="waiting"} 1');
		expect(metrics).toContain('plugin_state{plugin="team",state="active"} 1');
	});

	it('at runtime refuses the newcomer, by command name or by slash name, and the running plugin keeps its command', async () => {
		bot.write('late/plugin.ts', manifest('late'));
		bot.write('late/commands/late-ping.ts', command('late-ping', 'ping', 'late pong'));
		const late = await eventually(() => (bot.monster.host.get('late')?.status === 'failed' ? bot.monster.host.get('late') : undefined));
		expect(late.error).toBe('slash command name "ping" in late/commands/late-ping.ts clashes with plugin "team" (team/commands/ping.ts)');
		expect((await slash({ name: 'ping' })).embeds[0]?.title).toContain('Pong');
	});

	it('loads a waiting plugin once what it waits for is fixed, and a cycle broken at runtime loads both sides', async () => {
		bot.write('ping-b/plugin.ts', manifest('ping-b'));
		await eventually(() => bot.monster.host.get('fan')?.status === 'active');
		expect(bot.monster.host.get('ping-a')?.status).toBe('active');
		expect(bot.monster.host.get('ping-b')?.status).toBe('active');
		expect(bot.monster.host.stateOf('fan', bot.server.guild.id)?.state).toBe('active');
	});

	it('refuses a reload that would close a cycle, and keeps the previous version running', async () => {
		bot.write('ping-b/plugin.ts', manifest('ping-b', ['fan']));
		await eventually(() => bot.monster.host.get('ping-b')?.error?.startsWith('reload refused: dependency cycle'));
		expect(bot.monster.host.get('ping-b')?.status).toBe('active');
		expect(bot.monster.host.get('ping-b')?.error).toBe('reload refused: dependency cycle: fan → ping-a → ping-b → fan');
	});
});
