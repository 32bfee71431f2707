import { container } from '@sapphire/framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAlert, postToLogChannel } from '../../core/notices.ts';
import { startTestBot, type TestBot } from '../support/bot.ts';

describe('notices to a server’s log and alerts channels', () => {
	let bot: TestBot;
	const guildId = () => bot.server.guild.id;
	const setCore = (key: string, value: unknown) => container.settings.set('core', container.coreSettings, key, value, { guildId: guildId(), actor: 'test' });

	beforeAll(async () => {
		bot = await startTestBot();
	});
	afterAll(() => bot?.stop());

	it('posts to the channel named "logs" by default, in the server’s language, pinging nobody', async () => {
		expect(await postToLogChannel(guildId(), { kind: 'info', title: 'Module activé', description: '<@123> a activé tasks' })).toBe(true);
		const posted = await bot.server.waitForMessage((message) => message.channel_id === bot.server.guild.channels.logs);
		expect(posted.embeds[0]?.title).toContain('Module activé');
		const call = bot.server.calls.findLast((candidate) => candidate.method === 'POST' && candidate.path === `/channels/${bot.server.guild.channels.logs}/messages`);
		expect((call!.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
	});

	it('sends alerts to the alerts channel when one is set, else to the log channel; nowhere when neither exists', async () => {
		expect(await postAlert(guildId(), { kind: 'error', title: 'Base de données injoignable' })).toBe(true);
		await bot.server.waitForMessage((message) => message.channel_id === bot.server.guild.channels.logs && (message.embeds[0]?.title?.includes('injoignable') ?? false));
		await setCore('alertsChannel', 'admin-only');
		expect(await postAlert(guildId(), { kind: 'warning', title: 'Redis lent' })).toBe(true);
		await bot.server.waitForMessage((message) => message.channel_id === bot.server.guild.channels.adminOnly && (message.embeds[0]?.title?.includes('Redis lent') ?? false));
		await setCore('logChannel', 'nulle-part');
		expect(await postToLogChannel(guildId(), { kind: 'info', title: 'Perdu' })).toBe(false);
	});

	it('finds a log channel set as a mention, as Discord writes `#logs` picked while typing /config', async () => {
		await setCore('logChannel', `<#${bot.server.guild.channels.logs}>`);
		expect(await postToLogChannel(guildId(), { kind: 'info', title: 'Réglage par mention' })).toBe(true);
		await bot.server.waitForMessage((message) => message.channel_id === bot.server.guild.channels.logs && (message.embeds[0]?.title?.includes('Réglage par mention') ?? false));
	});
});
