import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/plugins', name);

describe('plugin lifecycle: boot safety, dependencies, prefix admin commands, help', () => {
	let bot: TestBot;
	const adminId = () => bot.server.guild.members.admin!;
	const slash = async (input: Parameters<TestBot['server']['sendSlashCommand']>[0]) => (await bot.server.sendSlashCommand(input)).reply();

	beforeAll(async () => {
		bot = await startTestBot({
			pluginFolders: [fixture('probe'), fixture('child'), fixture('broken'), fixture('ticker')],
			withoutPlugins: ['ticker'],
			watch: true
		});
	});
	afterAll(() => bot?.stop());

	it('boots although a plugin throws at import, and reports it in /plugins list', async () => {
		expect(bot.monster.host.get('broken')).toMatchObject({ status: 'failed', error: expect.stringContaining('broken at import') });
		expect(bot.monster.host.get('ticker')?.status).toBe('skipped');
		const list = await slash({ name: 'plugins', subcommand: 'list', userId: adminId() });
		expect(list.embeds[0]?.description).toContain('broken at import');
		expect(list.embeds[0]?.description).toMatch(/ticker.*ignoré au démarrage/);
		expect((await slash({ name: 'child' })).content).toBe('child sees answer-v1');
	});

	it('switches a plugin off and on with the prefix form', async () => {
		await bot.server.sendMessage({ content: '!plugins disable probe', authorId: adminId() });
		const off = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('désactivé') ?? false));
		expect(off.embeds[0]?.description).toContain('child');
		expect(bot.monster.host.isActive('probe', bot.server.guild.id)).toBe(false);
		// A dependent plugin stops with its dependency.
		expect((await slash({ name: 'child' })).embeds[0]?.description).toContain('child');
		const refused = await slash({ name: 'plugins', subcommand: 'enable', options: { plugin: 'child' }, userId: adminId() });
		expect(refused.embeds[0]?.description).toBe('« child » a besoin de « probe » : activez-le d’abord.');
		await bot.server.sendMessage({ content: '!plugins enable probe', authorId: adminId() });
		await eventually(() => bot.monster.host.isActive('child', bot.server.guild.id));
	});

	it('keeps a bot-wide switch apart from per-guild ones', async () => {
		await slash({ name: 'plugins', subcommand: 'disable', options: { plugin: 'probe', portee: 'global' }, userId: adminId() });
		// The guild's own switch (on, from the previous test) wins over the bot-wide one.
		expect(bot.monster.host.isActive('probe', bot.server.guild.id)).toBe(true);
		expect(bot.monster.host.isActive('probe', null)).toBe(false);
		await slash({ name: 'plugins', subcommand: 'enable', options: { plugin: 'probe', portee: 'global' }, userId: adminId() });
		expect(bot.monster.host.isActive('probe', null)).toBe(true);
	});

	it('refuses to switch off a required plugin, and says in /plugins list which ones are', async () => {
		const reply = await slash({ name: 'plugins', subcommand: 'disable', options: { plugin: 'admin' }, userId: adminId() });
		expect(reply.embeds[0]?.title).toBe('⚠️ Impossible');
		expect(reply.embeds[0]?.description).toContain('indispensable');
		expect(bot.monster.host.isActive('admin', bot.server.guild.id)).toBe(true);
		/** A plugin's state line and its description below it. */
		const entryOf = (description: string | undefined, plugin: string) => {
			const lines = description?.split('\n') ?? [];
			const at = lines.findIndex((line) => line.startsWith(`**${plugin}**`));
			return at < 0 ? [] : lines.slice(at, at + 2);
		};
		const list = (await slash({ name: 'plugins', subcommand: 'list', userId: adminId() })).embeds[0]?.description;
		const [team, teamDescription] = entryOf(list, 'team');
		expect(team).toMatch(/^\*\*team\*\* \S+ — 🟢 actif · 🔒 indispensable, ne peut pas être désactivé$/);
		// The chantiers are the admin plugin's.
		expect(teamDescription).not.toContain('chantier');
		expect(entryOf(list, 'probe')[0]).not.toContain('indispensable');
		const english = (await slash({ name: 'plugins', subcommand: 'list', userId: adminId(), locale: 'en-US' })).embeds[0]?.description;
		expect(entryOf(english, 'admin')[0]).toContain('🔒 required, cannot be switched off');
	});

	it('reloads a dependent when its dependency is reloaded', async () => {
		// Nothing changed on disk: nothing is re-imported (Node would keep every copy).
		const [, unchanged] = await (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'reload', options: { plugin: 'probe' }, userId: adminId() })).waitForResponses(2);
		expect(unchanged!.embeds[0]?.title).toContain('Rien à recharger');
		const reloadsBefore = bot.monster.host.get('child')!.reloads;
		bot.write('probe/answer.ts', "export const answer = 'answer-v9';\n");
		// Polling the command itself would hit the members' rate limit: wait for the dependent's reload instead.
		await eventually(() => bot.monster.host.get('child')!.reloads >= reloadsBefore + 1);
		expect((await slash({ name: 'child' })).content).toBe('child sees answer-v9');
	});

	it('lists the commands of active plugins in /aide, in French or English, with help per command', async () => {
		const french = await slash({ name: 'help' });
		expect(french.embeds[0]?.title).toContain('Commandes disponibles');
		expect(JSON.stringify(french.embeds[0]?.fields)).toContain('/probe');
		const english = await slash({ name: 'help', locale: 'en-US' });
		expect(english.embeds[0]?.title).toContain('Available commands');
		const detail = await slash({ name: 'help', options: { commande: 'plugins' }, locale: 'en-US', userId: adminId() });
		expect(JSON.stringify(detail.embeds[0]?.fields)).toContain('/plugins enable <plugin> [scope]');
		await slash({ name: 'plugins', subcommand: 'disable', options: { plugin: 'child' }, userId: adminId() });
		expect(JSON.stringify((await slash({ name: 'help' })).embeds[0]?.fields)).not.toContain('/child');
		await bot.server.sendMessage({ content: '!aide ping' });
		const prefixed = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('/ping') ?? false));
		expect(prefixed.embeds[0]?.title).toContain('Aide');
	});

	it('lists in /aide only what the member may run: /plugins is for admins', async () => {
		const member = bot.server.guild.members.alice!;
		const forMember = JSON.stringify((await slash({ name: 'help', userId: member })).embeds[0]?.fields);
		expect(forMember).toContain('/ping');
		expect(forMember).not.toContain('/plugins');
		const asked = await slash({ name: 'help', options: { commande: 'plugins' }, userId: member });
		expect(asked.embeds[0]?.description).toBe('Vous ne pouvez pas lancer /plugins ici : elle demande des droits que vous n’avez pas.');
		const suggestions = await bot.server.sendAutocomplete({ name: 'help', options: { commande: 'plu' }, focused: 'commande', userId: member });
		expect(suggestions).toEqual([]);
		expect(JSON.stringify((await slash({ name: 'help', userId: adminId() })).embeds[0]?.fields)).toContain('/plugins');
		await bot.server.sendMessage({ content: '!aide', authorId: member });
		const prefixed = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('Commandes disponibles') ?? false));
		expect(JSON.stringify(prefixed.embeds[0]?.fields)).not.toContain('/plugins');
	});

	it('skips a plugin whose stored settings are invalid, and loads it once they are fixed', async () => {
		const { botConfig } = await import('../../core/db/schema.ts');
		await bot.database.db.insert(botConfig).values({ key: 'plugins.configured.settings', value: { level: 9 } });
		bot.write(
			'configured/plugin.ts',
			"import { z } from 'zod';\nimport { definePlugin } from '#core/plugin-kit.ts';\nexport default definePlugin({ name: 'configured', version: '1.0.0', description: 'has settings', settings: z.object({ level: z.number().max(3) }) });\n"
		);
		const failed = await eventually(() => (bot.monster.host.get('configured')?.status === 'failed' ? bot.monster.host.get('configured') : undefined));
		expect(failed.error).toMatch(/invalid settings: level/);
		await bot.database.db.update(botConfig).set({ value: { level: 2 } });
		const [, reload] = await (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'reload', options: { plugin: 'configured' }, userId: adminId() })).waitForResponses(2);
		expect(reload!.embeds[0]?.title).toContain('rechargé');
		expect(bot.monster.host.get('configured')).toMatchObject({ status: 'active', settings: { level: 2 } });
	});

	it('/info shows version, plugins and services', async () => {
		const info = await slash({ name: 'info' });
		const text = JSON.stringify(info.embeds[0]);
		expect(text).toContain('PGlite');
		expect(text).toContain('probe');
		expect(text).toMatch(/en échec/);
		expect(text).toContain('PGlite : 🟢 opérationnel');
		expect(text).toMatch(/\d+ actifs · 1 en échec · \d+ désactivés? ici/);
	});

	it('/plugins list tells an admin in French why a plugin failed, with the error as logged', async () => {
		const list = await slash({ name: 'plugins', subcommand: 'list', userId: bot.server.guild.members.admin! });
		const line = list.embeds[0]?.description?.split('\n').find((candidate) => candidate.startsWith('**broken**'));
		expect(line).toMatch(/— 🔴 en échec\. Erreur enregistrée dans le journal : `[^`]+`/);
	});

	it('serves health and metrics over HTTP', async () => {
		const health = await fetch(`${bot.monster.apiUrl}/health`);
		expect(health.status).toBe(200);
		expect(await health.json()).toMatchObject({ status: 'ok', database: true, plugins: { broken: 'failed', probe: 'active' } });
		const metrics = await (await fetch(`${bot.monster.apiUrl}/metrics`)).text();
		expect(metrics).toMatch(/plugin_loads_total\{plugin="broken",result="error"\} 1/);
		expect(metrics).toMatch(/plugin_errors_total|discord_commands_total/);
	});
});
