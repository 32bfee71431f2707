import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, withCommandOpenToEveryone, type TestBot } from '../support/bot.ts';

const probeFolder = join(import.meta.dirname, '../fixtures/plugins/probe');

describe('plugin host, end to end through the local Discord server', () => {
	let bot: TestBot;
	const channelId = () => bot.server.defaultChannelId;
	const botSaid = (content: string) => bot.server.waitForMessage((message) => message.content === content, 3_000);
	/**
	 * Checks that what `act` did got no `content` from the bot. A `!ping` sent after it is the marker: the bot's
	 * messages to a channel leave in order (discord.js queues them per route), so once Pong came, `content` would have.
	 */
	const staysSilent = async (act: () => Promise<unknown>, content: string) => {
		const from = bot.server.botMessages.length;
		await act();
		await bot.server.sendMessage({ content: '!ping' });
		await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('Pong') ?? false));
		expect(bot.server.botMessages.slice(from).map((event) => event.message.content)).not.toContain(content);
	};
	const getProbeRoute = () => fetch(`${bot.monster.apiUrl}/probe`);
	const probeAnswer = async () => ((await (await getProbeRoute()).json()) as { answer?: string }).answer;
	const adminId = () => bot.server.guild.members.admin!;

	beforeAll(async () => {
		bot = await startTestBot({ pluginFolders: [probeFolder], watch: true });
	});
	afterAll(() => bot?.stop());

	it('answers /ping and !ping with an embed', async () => {
		const slash = await (await bot.server.sendSlashCommand({ name: 'ping' })).reply();
		expect(slash.embeds[0]?.title).toContain('Pong');
		await bot.server.sendMessage({ content: '!ping' });
		const prefixed = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('Pong') ?? false));
		expect(prefixed.embeds[0]?.title).toContain('Pong');
	});

	it('registers the commands of loaded plugins for the guild', async () => {
		const names = [...bot.server.state.commandScope(bot.server.guild.id).values()].map((command) => command.name).sort();
		expect(names).toEqual(expect.arrayContaining(['explode', 'help', 'info', 'ping', 'plugins', 'probe']));
	});

	it('runs every piece kind of an active plugin', async () => {
		expect((await (await bot.server.sendSlashCommand({ name: 'probe' })).reply()).content).toBe('answer-v1');
		await bot.server.sendMessage({ content: 'probe-listen' });
		await botSaid('probe-heard');
		expect(await (await getProbeRoute()).json()).toEqual({ answer: 'answer-v1' });
		await bot.monster.scheduler.runNow('probe.tick', { channelId: channelId() });
		await botSaid('probe-tick');
		const message = await bot.server.sendMessage({ content: '!probe' });
		const withButton = await bot.server.waitForMessage((reply) => reply.message_reference?.message_id === message.id);
		expect((await (await bot.server.clickButton({ messageId: withButton.id, customId: 'probe-button' })).reply()).content).toBe('probe-clicked');
	});

	it('keeps serving after a command throws, and tells the member', async () => {
		const failure = await (await bot.server.sendSlashCommand({ name: 'explode' })).reply();
		expect(failure.embeds[0]?.title).toMatch(/Erreur|Error/);
		expect(failure.ephemeral).toBe(true);
		expect((await (await bot.server.sendSlashCommand({ name: 'ping' })).reply()).embeds[0]?.title).toContain('Pong');
	});

	it('keeps serving after a listener throws, and counts the error against the plugin', async () => {
		const probeErrors = async () =>
			Number(/^plugin_errors_total\{plugin="probe"\} (\d+)$/m.exec(await (await fetch(`${bot.monster.apiUrl}/metrics`)).text())?.[1] ?? 0);
		const before = await probeErrors();
		await bot.server.sendMessage({ content: 'probe-throw' });
		await eventually(async () => (await probeErrors()) === before + 1);
		await bot.server.sendMessage({ content: 'probe-listen' });
		await botSaid('probe-heard');
	});

	it('switching a plugin off for the guild gates its commands, listeners, routes, tasks and buttons; on again restores them', async () => {
		const message = await bot.server.sendMessage({ content: '!probe' });
		const withButton = await bot.server.waitForMessage((reply) => reply.message_reference?.message_id === message.id);

		const off = await (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'disable', options: { plugin: 'probe' }, userId: adminId() })).reply();
		expect(off.embeds[0]?.title).toContain('désactivé');

		const denied = await (await bot.server.sendSlashCommand({ name: 'probe' })).reply();
		expect(denied.embeds[0]?.description).toContain('probe');
		expect(denied.ephemeral).toBe(true);
		await staysSilent(() => bot.server.sendMessage({ content: 'probe-listen' }), 'probe-heard');
		const click = await (await bot.server.clickButton({ messageId: withButton.id, customId: 'probe-button' })).reply();
		expect(click.content).not.toBe('probe-clicked');
		expect(click.embeds[0]?.description).toContain('probe');
		// The commands disappear from the guild's command list.
		await eventually(() => ![...bot.server.state.commandScope(bot.server.guild.id).values()].some((command) => command.name === 'probe'));
		// Routes and scheduled tasks are not per guild: they stop when the plugin is off bot-wide.
		expect((await getProbeRoute()).status).toBe(200);
		await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'disable', options: { plugin: 'probe', portee: 'global' }, userId: adminId() });
		await eventually(async () => (await getProbeRoute()).status === 404);
		await staysSilent(() => bot.monster.scheduler.runNow('probe.tick', { channelId: channelId() }), 'probe-tick');

		await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'enable', options: { plugin: 'probe', portee: 'global' }, userId: adminId() });
		const on = await (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'enable', options: { plugin: 'probe' }, userId: adminId() })).reply();
		expect(on.embeds[0]?.title).toContain('activé');
		expect((await (await bot.server.sendSlashCommand({ name: 'probe' })).reply()).content).toBe('answer-v1');
		expect((await getProbeRoute()).status).toBe(200);
		await eventually(() => [...bot.server.state.commandScope(bot.server.guild.id).values()].some((command) => command.name === 'probe'));
	});

	it('refuses /plugins to a member without the Administrator permission', async () => {
		const disable = async () => (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'disable', options: { plugin: 'probe' } })).reply();
		await expect(disable()).rejects.toThrow('/plugins needs Administrator');
		// Opened to everyone in the server's settings, the command still refuses them itself.
		const reply = await withCommandOpenToEveryone(bot.server, 'plugins', disable);
		// A refusal is a warning: the red ❌ « Erreur » says the bot itself failed.
		expect(reply.embeds[0]?.title).toBe('⚠️ Action refusée');
		expect(bot.monster.host.isActive('probe', bot.server.guild.id)).toBe(true);
	});

	it('picks up an edited helper file within a second, without a restart', async () => {
		bot.write('probe/answer.ts', "export const answer = 'answer-v2';\n");
		await eventually(async () => (await probeAnswer()) === 'answer-v2');
		expect((await (await bot.server.sendSlashCommand({ name: 'probe' })).reply()).content).toBe('answer-v2');
	});

	it('keeps the previous version running when an edit breaks the plugin', async () => {
		const before = bot.monster.host.get('probe')!.reloads;
		bot.write('probe/answer.ts', 'export const answer = ;\n');
		await eventually(() => bot.monster.host.get('probe')!.error?.includes('reload refused'));
		expect(bot.monster.host.get('probe')!.reloads).toBe(before);
		expect((await (await bot.server.sendSlashCommand({ name: 'probe' })).reply()).content).toBe('answer-v2');
		const list = await (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'list', userId: adminId() })).reply();
		expect(list.embeds[0]?.description).toContain('reload refused');
		bot.write('probe/answer.ts', "export const answer = 'answer-v3';\n");
		await eventually(async () => (await probeAnswer()) === 'answer-v3');
	});

	it('loads a plugin folder copied in at runtime, and removes it when the folder is deleted', async () => {
		bot.write('greeter/plugin.ts', "import { definePlugin } from '#core/plugin-kit.ts';\nexport default definePlugin({ name: 'greeter', version: '0.1.0', description: 'says hello' });\n");
		bot.write('greeter/commands/hello.ts', readFileSync(join(import.meta.dirname, '../fixtures/hello-command.ts.txt'), 'utf8'));
		await eventually(() => bot.monster.host.get('greeter')?.status === 'active');
		expect((await (await bot.server.sendSlashCommand({ name: 'hello' })).reply()).content).toBe('bonjour');
		await bot.server.sendMessage({ content: '!hello' });
		await botSaid('bonjour');
		bot.removePlugin('greeter');
		await eventually(() => bot.monster.host.get('greeter') === undefined);
		await eventually(() => ![...bot.server.state.commandScope(bot.server.guild.id).values()].some((command) => command.name === 'hello'));
	});

	it('refuses a plugin whose piece name clashes with another plugin, naming both files', async () => {
		bot.write('copycat/plugin.ts', "import { definePlugin } from '#core/plugin-kit.ts';\nexport default definePlugin({ name: 'copycat', version: '0.1.0', description: 'clashes' });\n");
		bot.write('copycat/answer.ts', "export const answer = 'copycat';\n");
		bot.write('copycat/commands/probe.ts', readFileSync(join(probeFolder, 'commands/probe.ts'), 'utf8'));
		const record = await eventually(() => (bot.monster.host.get('copycat')?.status === 'failed' ? bot.monster.host.get('copycat') : undefined));
		expect(record.error).toContain('copycat/commands/probe.ts');
		expect(record.error).toContain('plugin "probe"');
		expect((await (await bot.server.sendSlashCommand({ name: 'probe' })).reply()).content).toBe('answer-v3');
	});
});
