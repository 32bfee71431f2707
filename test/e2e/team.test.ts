import { join } from 'node:path';
import { container } from '@sapphire/framework';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';

/** The first chart of a process loads the chart libraries (loaded on first use, to spare memory). */
const chartTimeoutMs = 30_000;

describe('team plugin: presence, statistics and the daily summary', () => {
	let bot: TestBot;
	const slash = async (input: Parameters<TestBot['server']['sendSlashCommand']>[0]) => (await bot.server.sendSlashCommand(input)).reply();
	const members = () => bot.server.guild.members;

	beforeAll(async () => {
		bot = await startTestBot({ pluginFolders: [join(import.meta.dirname, '../fixtures/plugins/reporter')] });
	});
	afterAll(() => bot?.stop());

	it('/presence groups the team by status with counts', async () => {
		const reply = await slash({ name: 'presence' });
		const embed = reply.embeds[0]!;
		expect(embed.description).toBe('2 en ligne · 0 occupé · 1 absent · 1 hors ligne');
		const away = embed.fields?.find((field) => field.name.startsWith('🌙'));
		expect(away).toMatchObject({ name: '🌙 Absent (1)', value: expect.stringContaining('Bob Durand') });
		expect(embed.fields?.find((field) => field.name.startsWith('⛔'))?.value).toBe('personne');
	});

	it('/presence membre shows one member, !presence works too, in English for an English member', async () => {
		const one = await slash({ name: 'presence', options: { membre: members().bob! }, locale: 'en-US' });
		expect(one.embeds[0]).toMatchObject({ title: expect.stringContaining('Bob'), description: '🌙 Away' });
		await bot.server.sendMessage({ content: '!presence' });
		const prefixed = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('Présence') ?? false));
		expect(prefixed.embeds[0]?.fields).toHaveLength(4);
	});

	it('/stats shows what active plugins contribute for the member and period', async () => {
		const reply = await slash({ name: 'stats', options: { jours: 30, membre: members().bob! } });
		expect(reply.embeds[0]?.title).toBe('ℹ️ Activité de Bob Durand sur 30 jours');
		const elided = await slash({ name: 'stats', options: { jours: 7, membre: members().alice! } });
		expect(elided.embeds[0]?.title).toBe('ℹ️ Activité d’Alice Martin sur 7 jours');
		expect(reply.embeds[0]?.fields).toEqual([
			{ name: 'Messages', value: `42 for ${members().bob}`, inline: true },
			{ name: 'Days', value: '30', inline: true }
		]);
		await bot.server.sendMessage({ content: '!stats 90', authorId: members().chloe! });
		const prefixed = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('90 jours') ?? false));
		expect(prefixed.embeds[0]?.fields?.[0]?.value).toBe(`42 for ${members().chloe}`);
	});

	it('!stats and !presence read « @bob » typed as text, and say when a name designates nobody instead of answering for someone else', async () => {
		await bot.server.sendMessage({ content: '!stats 30 @bob', authorId: members().chloe! });
		const stats = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('30 jours') ?? false));
		expect(stats.embeds[0]?.title).toBe('ℹ️ Activité de Bob Durand sur 30 jours');
		await bot.server.sendMessage({ content: '!stats bob 90', authorId: members().chloe! });
		const after = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('Bob Durand sur 90 jours') ?? false));
		expect(after.embeds[0]?.title).toBe('ℹ️ Activité de Bob Durand sur 90 jours');
		await bot.server.sendMessage({ content: '!stats zorro', authorId: members().chloe! });
		const unknown = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.description?.includes('zorro') ?? false));
		expect(unknown.embeds[0]).toMatchObject({ title: expect.stringContaining('⚠️'), description: 'Aucun membre « zorro » sur ce serveur : mentionnez-le avec @ ou tapez son nom.' });
		await bot.server.sendMessage({ content: '!presence @bob', authorId: members().chloe! });
		const presence = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('Présence de') ?? false));
		expect(presence.embeds[0]?.title).toBe('ℹ️ Présence de Bob Durand');
		await bot.server.sendMessage({ content: '!presence zorro', authorId: members().chloe! });
		const nobody = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.startsWith('⚠️ Présence') ?? false));
		expect(nobody.embeds[0]?.description).toBe('Aucun membre « zorro » sur ce serveur : mentionnez-le avec @ ou tapez son nom.');
	});

	it('names a rate-limited command as the member’s Discord shows it: « aide », « help » in English', async () => {
		for (let index = 0; index < 10; index += 1) await slash({ name: 'help', userId: members().chloe! });
		const refused = await slash({ name: 'help', userId: members().chloe! });
		expect(refused.embeds[0]?.description).toMatch(/^Vous avez lancé « aide » trop souvent\. Réessayez <t:\d+:R>\.$/);
		const english = await slash({ name: 'help', userId: members().chloe!, locale: 'en-US' });
		expect(english.embeds[0]?.description).toMatch(/^You ran "help" too often\. Try again <t:\d+:R>\.$/);
	});

	it('/stats says when its cached figures were computed', async () => {
		const first = await slash({ name: 'stats', options: { jours: 7, membre: members().chloe! } });
		const again = await slash({ name: 'stats', options: { jours: 7, membre: members().chloe! } });
		expect(first.embeds[0]?.footer?.text).toBe('Monster · Chiffres calculés à l’heure indiquée, à jour des tâches et du planning ; messages comptés toutes les 10 minutes');
		expect(again.embeds[0]?.timestamp).toBe(first.embeds[0]?.timestamp);
	});

	it('/stats drops a contributor as soon as it is switched off, despite the figures cache', async () => {
		await bot.monster.host.setEnabled('reporter', false, { guildId: bot.server.guild.id, actor: 'test' });
		const reply = await slash({ name: 'stats', options: { jours: 30, membre: members().bob! } });
		expect(reply.embeds[0]?.description).toContain('Aucune statistique');
		await bot.monster.host.setEnabled('reporter', true, { guildId: bot.server.guild.id, actor: 'test' });
	});

	it('/résumé lists each contributing plugin’s section and attaches the chart', async () => {
		const handle = await bot.server.sendSlashCommand({ name: 'resume' });
		const [, edited] = await handle.waitForResponses(2, chartTimeoutMs);
		const embed = edited!.embeds[0]!;
		expect(embed.title).toMatch(/^ℹ️ Résumé du /);
		expect(embed.fields).toEqual(
			expect.arrayContaining([
				{ name: 'Équipe', value: '3 membres connectés sur 4' },
				{ name: 'Messages', value: '12 messages today' }
			])
		);
		expect(embed.image?.url).toBe('attachment://resume.png');
		expect(edited!.files).toEqual(['resume.png']);
		const png = bot.server.calls.flatMap((call) => call.files ?? []).find((file) => file.name === 'resume.png');
		expect(png?.data.subarray(1, 4).toString()).toBe('PNG');
	});

	it('/résumé is the summary of the server’s day, in its time zone, not the bot’s', async () => {
		const today = (zone: string) => DateTime.now().setZone(zone).toISODate();
		// One of these two zones, 25 hours apart, is on another day than the bot's Paris at any hour.
		const zone = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((candidate) => today(candidate) !== today('Europe/Paris'))!;
		await container.settings.set('core', container.coreSettings, 'timezone', zone, { guildId: bot.server.guild.id, actor: 'test' });
		try {
			const handle = await bot.server.sendSlashCommand({ name: 'resume' });
			const [, edited] = await handle.waitForResponses(2, chartTimeoutMs);
			const day = DateTime.now().setZone(zone).setLocale('fr').toFormat('d');
			const month = DateTime.now().setZone(zone).setLocale('fr').toFormat('LLLL');
			expect(edited!.embeds[0]!.title).toMatch(new RegExp(`^ℹ️ Résumé du \\p{L}+ ${day}(er)? ${month} `, 'u'));
		} finally {
			await container.settings.reset('core', container.coreSettings, 'timezone', { guildId: bot.server.guild.id, actor: 'test' });
		}
	});

	it('/langue makes the bot answer a member in English, prefix commands included, until auto', async () => {
		const bob = members().bob!;
		const chosen = await slash({ name: 'langue', options: { langue: 'en' }, userId: bob });
		expect(chosen.embeds[0]?.description).toBe('The bot will answer you in English from now on.');
		await bot.server.sendMessage({ content: '!aide', authorId: bob });
		const help = await bot.server.waitForMessage((message) => message.embeds.length > 0);
		expect(help.embeds[0]?.title).toContain('Available commands');
		await bot.server.sendMessage({ content: '!langue auto', authorId: bob });
		await bot.server.waitForMessage((message) => message.embeds.length > 0);
		await bot.server.sendMessage({ content: '!aide', authorId: bob });
		expect((await bot.server.waitForMessage((message) => message.embeds.length > 0)).embeds[0]?.title).toContain('Commandes disponibles');
	});

	it('/presence lists a large team in whole names, then says how many more', async () => {
		const joined = 80;
		for (let index = 0; index < joined; index += 1) await bot.server.memberJoins({ username: `compagnon-maçon-${String(index + 1).padStart(2, '0')}` });
		const guild = container.client.guilds.cache.get(bot.server.guild.id)!;
		await expect.poll(() => guild.members.cache.size).toBeGreaterThanOrEqual(joined + 5);
		const reply = await slash({ name: 'presence' });
		const offline = reply.embeds[0]?.fields?.find((field) => field.name.startsWith('⚫'));
		expect(offline?.name).toBe(`⚫ Hors ligne ou invisible (${joined + 1})`);
		expect(offline!.value.length).toBeLessThanOrEqual(1024);
		const lines = offline!.value.split('\n');
		const more = /^… et (\d+) autres$/.exec(lines.at(-1)!);
		expect(more).not.toBeNull();
		for (const line of lines.slice(0, -1)) expect(line).toMatch(/^(Chloé|compagnon-maçon-\d{2})$/);
		expect(lines.length - 1 + Number(more![1])).toBe(joined + 1);
	});
});
