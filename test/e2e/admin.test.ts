import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../../core/testing/bot.ts';

/** Without the file watcher: the admin's reload command is what picks changes up. */
describe('admin plugin: /plugins reload shows what changed', () => {
	let bot: TestBot;
	const reload = async (plugin: string) =>
		(await (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'reload', options: { plugin }, userId: bot.server.guild.members.admin! })).reply()).embeds[0]!;

	beforeAll(async () => {
		bot = await startTestBot({ pluginFolders: [join(import.meta.dirname, '../fixtures/plugins/probe')] });
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
});
