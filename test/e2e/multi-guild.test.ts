import { container } from '@sapphire/framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';

/** A bot serving several servers: one server's administrators decide for their server only. */
describe('plugin switches when the bot serves several servers', () => {
	let bot: TestBot;
	const plugins = (subcommand: string, options: Record<string, string>) =>
		bot.server.sendSlashCommand({ name: 'plugins', subcommand, options, userId: bot.server.guild.members.admin! }).then((handle) => handle.reply());

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks'], env: { DISCORD_GUILD_IDS: '100000000000000001,100000000000000002' } });
	});
	afterAll(() => bot?.stop());

	it('lets a server administrator switch a plugin for their server, not for all', async () => {
		const local = await plugins('disable', { plugin: 'tasks' });
		expect(local.embeds[0]?.title).toContain('désactivé');
		const everywhere = await plugins('disable', { plugin: 'tasks', portee: 'global' });
		expect(everywhere.embeds[0]?.description).toContain('BOT_OWNER_IDS');
		expect(bot.monster.host.isActive('tasks', null)).toBe(true);
	});

	it('lets an owner listed in BOT_OWNER_IDS act for all servers', async () => {
		container.config.BOT_OWNER_IDS.push(bot.server.guild.members.admin!);
		const everywhere = await plugins('disable', { plugin: 'tasks', portee: 'global' });
		expect(everywhere.embeds[0]?.title).toContain('désactivé');
		expect(bot.monster.host.isActive('tasks', null)).toBe(false);
	});
});
