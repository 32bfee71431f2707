import { container } from '@sapphire/framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';

describe('another command prefix (DISCORD_PREFIX)', () => {
	let bot: TestBot;
	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks', 'planning', 'members', 'monitoring'], env: { DISCORD_PREFIX: '?' } });
	});
	afterAll(() => bot?.stop());

	const prefix = async (content: string, authorId = bot.server.guild.members.admin!) => {
		const sent = await bot.server.sendMessage({ content, authorId });
		return bot.server.waitForMessage((message) => message.message_reference?.message_id === sent.id);
	};
	const usageOf = (help: Awaited<ReturnType<typeof prefix>>) => help.embeds[0]?.fields?.[0]?.value;

	it('answers with that prefix and writes it in every help it gives', async () => {
		const help = await prefix('?aide tache');
		const usage = help.embeds[0]?.fields?.find((field) => field.name === 'Utilisation')?.value;
		expect(usage?.split('\n')[0]).toBe('`?tache <intitulé> [échéance] [clé:valeur…] [@membre] [#CODE]`');
		const plugins = JSON.stringify(await prefix('?plugins disable'));
		expect(plugins).toContain('`?plugins disable tasks`');
		expect(plugins).not.toContain('!plugins');
	});

	it('!aide shows the message form of every command that answers one, in the member’s language', async () => {
		const answering = [...container.stores.get('commands').values()].filter((command) => typeof command.messageRun === 'function');
		expect(answering.length).toBeGreaterThan(10);
		for (const command of answering) {
			const usage = usageOf(await prefix(`?aide ${command.name}`));
			expect({ command: command.name, form: usage?.slice(0, 2) }).toEqual({ command: command.name, form: '`?' });
		}
		expect(usageOf(await prefix('?aide stats'))?.split('\n')[0]).toBe('`?stats [7|30|90] [@membre]` : 7 jours et vous-même par défaut');
		const bob = bot.server.guild.members.bob!;
		await (await bot.server.sendSlashCommand({ name: 'langue', options: { langue: 'en' }, userId: bob })).reply();
		expect(usageOf(await prefix('?help stats', bob))?.split('\n')[0]).toBe('`?stats [7|30|90] [@member]`: 7 days and yourself by default');
	});

	it('a usage error quotes the message form !aide shows, in the member’s language', async () => {
		for (const [typed, command] of [['?langue klingon', 'langue'], ['?oublier', 'oublier'], ['?recherche', 'recherche']] as const) {
			const form = usageOf(await prefix(`?aide ${command}`))?.split('\n')[0];
			expect(form).toMatch(new RegExp(`^\`\\?${command}`));
			expect((await prefix(typed)).embeds[0]?.description).toContain(form);
		}
		const bob = bot.server.guild.members.bob!;
		await (await bot.server.sendSlashCommand({ name: 'langue', options: { langue: 'en' }, userId: bob })).reply();
		expect((await prefix('?language klingon', bob)).embeds[0]?.description).toBe('Usage: `?language fr|en|auto`');
	});

	it('/langue auto says which language the message commands follow, with their prefix', async () => {
		const chloe = bot.server.guild.members.chloe!;
		const answer = await (await bot.server.sendSlashCommand({ name: 'langue', options: { langue: 'auto' }, userId: chloe })).reply();
		expect(answer.embeds[0]?.description).toBe('Le bot suivra la langue de votre Discord, et celle du serveur pour les commandes `?`.');
	});
});
