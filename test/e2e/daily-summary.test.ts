import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';

/** The first chart of a process loads the chart libraries (loaded on first use, to spare memory). */
const chartTimeoutMs = 30_000;

/** /résumé gathers what every active plugin contributes; switching one off removes its section. */
describe('the daily summary across plugins', () => {
	let bot: TestBot;
	const summary = async () => {
		const [, edited] = await (await bot.server.sendSlashCommand({ name: 'resume', userId: bot.server.guild.members.admin! })).waitForResponses(2, chartTimeoutMs);
		return edited!.embeds[0]!;
	};

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'monitoring', 'tasks', 'planning'] });
	});
	afterAll(() => bot?.stop());

	it('shows the team, messages, tasks and who is where today', async () => {
		await bot.server.sendMessage({ content: '!tache Commander les parpaings' });
		await bot.server.waitForMessage((message) => message.embeds.length > 0);
		const start = new Date(Date.now() + 60_000);
		await (
			await bot.server.sendSlashCommand({ name: 'planifier', options: { type: 'chantier', debut: start.toISOString(), fin: new Date(start.getTime() + 3_600_000).toISOString() } })
		).reply();

		const embed = await summary();
		const sections = Object.fromEntries((embed.fields ?? []).map((field) => [field.name, field.value]));
		expect(Object.keys(sections)).toEqual(expect.arrayContaining(['Équipe', 'Messages', 'Tâches', 'Qui est où aujourd’hui']));
		expect(sections['Tâches']).toMatch(/^1 ouverte et 0 terminée aujourd’hui/);
		expect(sections['Qui est où aujourd’hui']).toContain(`<@${bot.server.guild.members.alice}>`);
	});

	it('drops a section when its plugin is switched off in the guild', async () => {
		await bot.monster.host.setEnabled('tasks', false, { guildId: bot.server.guild.id, actor: 'test' });
		const names = (await summary()).fields?.map((field) => field.name);
		expect(names).not.toContain('Tâches');
		expect(names).toContain('Messages');
	});
});
