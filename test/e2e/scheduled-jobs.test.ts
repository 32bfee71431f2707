import type { APIEmbed, APIMessageTopLevelComponent } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, withCommandOpenToEveryone, type TestBot } from '../support/bot.ts';

const buttonId = (components: readonly APIMessageTopLevelComponent[] | undefined, label: string) => {
	const buttons = (components ?? []).flatMap((row) => ('components' in row ? (row.components as { custom_id?: string; label?: string }[]) : []));
	const button = buttons.find((candidate) => candidate.label === label);
	if (!button?.custom_id) throw new Error(`no "${label}" button among ${JSON.stringify(buttons.map((candidate) => candidate.label))}`);
	return button.custom_id;
};
const fieldOf = (embed: APIEmbed | undefined, name: string) => embed?.fields?.find((field) => field.name === name)?.value;

describe('/taches-planifiees: the scheduled tasks an admin can see and run', () => {
	let bot: TestBot;
	const admin = () => bot.server.guild.members.admin!;
	const list = async (locale?: string) => (await (await bot.server.sendSlashCommand({ name: 'taches-planifiees', userId: admin(), locale })).reply()).embeds[0];

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks', 'monitoring'] });
	});
	afterAll(() => bot?.stop());

	it('lists each task with its plugin, schedule and next run; none has run yet', async () => {
		const embed = await list();
		expect(embed?.title).toMatch(/Tâches planifiées \(\d+\)$/);
		const reminders = fieldOf(embed, 'tasks.reminders');
		expect(reminders).toContain('Module tasks · `0 * * * *`');
		expect(reminders).toMatch(/Prochaine : <t:\d+:f>/);
		// A fresh start has no history: never run, not "never in the last 40 days".
		expect(reminders).toMatch(/\nDernière : jamais$/);
		expect(fieldOf(embed, 'core.nightly-maintenance') ?? '').toContain('Module core');
		expect(fieldOf(await list('en-US'), 'tasks.reminders')).toMatch(/\nLast: never$/);
	});

	it('is refused to a member who is not an admin', async () => {
		const run = async () => (await bot.server.sendSlashCommand({ name: 'taches-planifiees', userId: bot.server.guild.members.alice! })).reply();
		await expect(run()).rejects.toThrow('/taches-planifiees needs Administrator');
		const answer = await withCommandOpenToEveryone(bot.server, 'taches-planifiees', run);
		expect(answer.ephemeral).toBe(true);
		expect(answer.embeds[0]?.description).toContain('permission');
	});

	it('offers the tasks as the admin types, runs one after confirmation, and shows how it went', async () => {
		const choices = await bot.server.sendAutocomplete({ name: 'taches-planifiees', options: { lancer: 'remind' }, userId: admin() });
		expect(choices).toEqual([{ name: 'tasks.reminders', value: 'tasks.reminders' }]);
		const question = await (await bot.server.sendSlashCommand({ name: 'taches-planifiees', options: { lancer: 'tasks.reminders' }, userId: admin() })).reply();
		expect(question.embeds[0]?.title).toContain('Lancer « tasks.reminders » maintenant ?');
		const [, done] = await (await bot.server.clickButton({ messageId: question.messageId!, customId: buttonId(question.components, 'Lancer'), userId: admin() })).waitForResponses(2);
		expect(done!.embeds[0]?.title).toContain('Tâche « tasks.reminders » lancée');
		const reminders = await eventually(async () => {
			const line = fieldOf(await list(), 'tasks.reminders');
			return line?.includes('réussie') ? line : undefined;
		});
		expect(reminders).toMatch(/Dernière : réussie <t:\d+:f> \(<t:\d+:R>\) en \d+ ms/);
	});

	it('in English, tells where to see how it went by the name an English client shows', async () => {
		const question = await (await bot.server.sendSlashCommand({ name: 'scheduled-tasks', options: { run: 'tasks.reminders' }, userId: admin(), locale: 'en-US' })).reply();
		const [, done] = await (await bot.server.clickButton({ messageId: question.messageId!, customId: buttonId(question.components, 'Run'), userId: admin(), locale: 'en-US' })).waitForResponses(2);
		expect(done!.embeds[0]?.description).toBe('Its outcome will show in `/scheduled-tasks`.');
	});

	it('says so when the task to run does not exist', async () => {
		const answer = await (await bot.server.sendSlashCommand({ name: 'taches-planifiees', options: { lancer: 'nope' }, userId: admin() })).reply();
		expect(answer.embeds[0]?.title).toContain('Aucune tâche planifiée ne s’appelle « nope ».');
	});
});
