import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';

describe('another command prefix (DISCORD_PREFIX)', () => {
	let bot: TestBot;
	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks'], env: { DISCORD_PREFIX: '?' } });
	});
	afterAll(() => bot?.stop());

	const prefix = async (content: string) => {
		const sent = await bot.server.sendMessage({ content, authorId: bot.server.guild.members.admin! });
		return bot.server.waitForMessage((message) => message.message_reference?.message_id === sent.id);
	};

	it('answers with that prefix and writes it in every help it gives', async () => {
		const help = await prefix('?aide tache');
		const usage = help.embeds[0]?.fields?.find((field) => field.name === 'Utilisation')?.value;
		expect(usage?.split('\n')[0]).toBe('`?tache <intitulé> [échéance] [clé:valeur…] [@membre] [#CODE]`');
		const plugins = JSON.stringify(await prefix('?plugins disable'));
		expect(plugins).toContain('`?plugins disable tasks`');
		expect(plugins).not.toContain('!plugins');
	});
});
