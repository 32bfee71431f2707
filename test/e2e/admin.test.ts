import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogs, auditLog } from '../../core/db/schema.ts';
import { eventually, startTestBot, withCommandOpenToEveryone, type TestBot } from '../support/bot.ts';

const apiKey = 'integration-key-0123456789';

/** Without the file watcher: the admin's reload command is what picks changes up. */
describe('admin plugin: /plugins reload shows what changed', () => {
	let bot: TestBot;
	/** A reload is deferred (it may take more than 3 s): the answer is the second response. */
	const reload = async (plugin: string) => {
		const handle = await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'reload', options: { plugin }, userId: bot.server.guild.members.admin! });
		const [deferred, answer] = await handle.waitForResponses(2);
		expect(deferred?.ephemeral).toBe(true);
		return answer!.embeds[0]!;
	};

	beforeAll(async () => {
		bot = await startTestBot({ pluginFolders: [join(import.meta.dirname, '../fixtures/plugins/probe')], env: { API_KEYS: apiKey } });
	});
	afterAll(() => bot?.stop());

	it('lists the pieces a reload added and removed', async () => {
		bot.write('probe/listeners/typing.ts', "import { Listener } from '@sapphire/framework';\nexport class Typing extends Listener {\n\tpublic constructor(context: Listener.LoaderContext) {\n\t\tsuper(context, { event: 'typingStart' });\n\t}\n\n\tpublic override run() {}\n}\n");
		bot.removePiece('probe/commands/explode.ts');
		const embed = await reload('probe');
		expect(embed.title).toContain('Module rechargé');
		expect(embed.description).toContain('version 1.0.0 → 1.0.0');
		expect(embed.description).toContain('Ajoutés : listeners/probe.typing');
		expect(embed.description).toContain('Retirés : commands/explode');
	});

	it('refuses a reload that breaks the plugin, saying why, and keeps the running version', async () => {
		bot.write('probe/answer.ts', 'export const answer = ;\n');
		const embed = await reload('probe');
		expect(embed.title).toContain('Rechargement refusé');
		expect(embed.description).toContain('answer.ts');
		expect((await (await bot.server.sendSlashCommand({ name: 'probe' })).reply()).content).toBe('answer-v1');
	});

	it('writes refused commands, switches and reloads to the audit log', async () => {
		const disable = async () => (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'disable', options: { plugin: 'probe' } })).reply();
		await expect(disable()).rejects.toThrow('/plugins needs Administrator');
		const refused = await withCommandOpenToEveryone(bot.server, 'plugins', disable);
		expect(refused.embeds[0]?.title).toBe('⚠️ Action refusée');
		await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'disable', options: { plugin: 'probe' }, userId: bot.server.guild.members.admin! }).then((handle) => handle.reply());
		const rows = await bot.database.db.select().from(auditLog);
		expect(rows).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ kind: 'commande_refusee', actorId: bot.server.guild.members.alice, action: 'plugins' }),
				expect.objectContaining({ kind: 'changement_config', actorId: bot.server.guild.members.admin, action: 'plugin.disable', target: 'probe' }),
				expect.objectContaining({ kind: 'action_admin', action: 'plugin.reload', target: 'probe' })
			])
		);
		await bot.monster.host.setEnabled('probe', true, { guildId: bot.server.guild.id, actor: 'test' });
	});

	it('/plugins list describes each plugin in the reader’s language, a plain description in every language', async () => {
		const list = async (locale: string) =>
			(await (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'list', userId: bot.server.guild.members.admin!, locale })).reply()).embeds[0]?.description;
		const french = await list('fr');
		const english = await list('en-US');
		expect(french).toContain('Administration : modules et leurs réglages');
		expect(english).toContain('Administration: plugins and their settings');
		expect(english).not.toContain('Administration : modules');
		for (const shown of [french, english]) expect(shown).toContain('Test plugin with one piece of every kind');
	});

	it('asks HTTP callers for an API key and logs each call with the key’s number, never the key', async () => {
		expect((await fetch(`${bot.monster.apiUrl}/probe`)).status).toBe(401);
		const answer = await fetch(`${bot.monster.apiUrl}/probe`, { headers: { authorization: `Bearer ${apiKey}` } });
		expect(answer.status).toBe(200);
		const health = await fetch(`${bot.monster.apiUrl}/health`, { headers: { origin: 'https://evil.example' } });
		expect(health.status).toBe(200);
		// Browsers on other web pages may not read the API.
		expect(health.headers.get('access-control-allow-origin')).toMatch(/^http:\/\/127\.0\.0\.1:/);
		const rows = await eventually(async () => {
			const logged = await bot.database.db.select().from(apiLogs);
			return logged.length >= 2 ? logged : undefined;
		});
		expect(rows).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ method: 'GET', path: '/api/probe', status: 401, caller: null }),
				expect.objectContaining({ method: 'GET', path: '/api/probe', status: 200, caller: 'api-key-1' })
			])
		);
		expect(rows.some((row) => row.path === '/api/health')).toBe(false);
		expect(JSON.stringify(rows)).not.toContain(apiKey);
	});

	it('keeps the previous version running, and says why, when the new version fails in onLoad', async () => {
		const manifest = "import { definePlugin } from '#core/plugin-kit.ts';\nexport default definePlugin({ name: 'fragile', version: '1.0.0', description: 'fails in onLoad'VERSION });\n";
		bot.write('fragile/plugin.ts', manifest.replace('VERSION', ''));
		bot.write('fragile/commands/fragile.ts', "import { Command } from '@sapphire/framework';\nexport class Fragile extends Command {\n\tpublic override messageRun() {}\n}\n");
		await bot.monster.host.load('fragile');
		expect(bot.monster.host.get('fragile')?.status).toBe('active');
		bot.write('fragile/plugin.ts', manifest.replace('VERSION', ", onLoad() { throw new Error('cannot start'); }"));
		const embed = await reload('fragile');
		expect(embed.title).toContain('Rechargement refusé');
		expect(embed.description).toContain('cannot start');
		// The new version never replaced the old one: the old one still answers.
		expect(bot.monster.host.get('fragile')).toMatchObject({ status: 'active', error: expect.stringContaining('cannot start') });
		expect(bot.monster.client.stores.get('commands').has('fragile')).toBe(true);
	});
});
