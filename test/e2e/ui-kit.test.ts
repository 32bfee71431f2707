import { join } from 'node:path';
import { container } from '@sapphire/framework';
import type { APIEmbed, APIMessageTopLevelComponent } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../../core/cache/cache.ts';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';
import type { BotReply } from '../../emulator/types.ts';

const uikitFolder = join(import.meta.dirname, '../fixtures/plugins/uikit');
/** The kit keeps its state in the cache: Redis when TEST_REDIS_URL is set (as deployed), else in-process. */
const useRedis = Boolean(process.env.TEST_REDIS_URL);

interface Button {
	custom_id?: string;
	label?: string;
	disabled?: boolean;
}

const buttonsOf = (components: readonly APIMessageTopLevelComponent[] | undefined): Button[] =>
	(components ?? []).flatMap((row) => ('components' in row ? (row.components as Button[]) : []));
const buttonId = (components: readonly APIMessageTopLevelComponent[], label: string) => {
	const button = buttonsOf(components).find((candidate) => candidate.label === label);
	if (!button?.custom_id) throw new Error(`no "${label}" button`);
	return button.custom_id;
};
const footerOf = (reply: BotReply) => reply.embeds[0]?.footer?.text ?? '';
const descriptionOf = (embed: APIEmbed | undefined) => embed?.description ?? '';

describe('UI kit, end to end through the local Discord server', () => {
	let bot: TestBot;
	const member = (key: string) => bot.server.guild.members[key]!;
	const storedButtons = (messageId: string) => buttonsOf(bot.server.state.messages.get(messageId)?.components as APIMessageTopLevelComponent[]);

	beforeAll(async () => {
		bot = await startTestBot({ pluginFolders: [uikitFolder], redis: useRedis });
	});
	afterAll(() => bot?.stop());

	const openList = async (options: Record<string, number | boolean> = {}) => {
		const reply = await (await bot.server.sendSlashCommand({ name: 'uikit-list', options })).reply();
		return { reply, messageId: reply.messageId! };
	};
	const press = async (messageId: string, customId: string, userId = member('alice')) =>
		bot.server.clickButton({ messageId, customId, userId });

	it('pages forward and back, with the page in the footer and user text escaped', async () => {
		const { reply, messageId } = await openList();
		expect(footerOf(reply)).toMatch(/Page 1\/3$/);
		expect(descriptionOf(reply.embeds[0])).toContain('@\u200beveryone \\*\\*bold\\*\\*');
		expect(buttonsOf(reply.components).map((button) => button.disabled)).toEqual([true, false]);

		const second = await (await press(messageId, buttonId(reply.components, 'Suivant'))).reply();
		expect(second.messageId).toBe(messageId);
		expect(footerOf(second)).toMatch(/Page 2\/3$/);
		const lines = descriptionOf(second.embeds[0]).split('\n');
		expect(lines).toEqual(Array.from({ length: 10 }, (_, index) => `item-${index + 11}`));

		const third = await (await press(messageId, buttonId(second.components, 'Suivant'))).reply();
		expect(footerOf(third)).toMatch(/Page 3\/3$/);
		expect(descriptionOf(third.embeds[0]).split('\n')).toEqual(['item-21', 'item-22', 'item-23']);
		expect(buttonsOf(third.components).map((button) => button.disabled)).toEqual([false, true]);

		const back = await (await press(messageId, buttonId(third.components, 'Précédent'))).reply();
		expect(footerOf(back)).toMatch(/Page 2\/3$/);
	});

	it('refuses the buttons to another member, ephemerally, and leaves the list alone', async () => {
		const { reply, messageId } = await openList();
		const refusal = await (await press(messageId, buttonId(reply.components, 'Suivant'), member('bob'))).reply();
		expect(refusal.ephemeral).toBe(true);
		expect(refusal.embeds[0]?.title).toBe('⚠️ Action refusée');
		expect(descriptionOf(refusal.embeds[0])).toContain('Seule la personne qui a lancé la commande');
		expect(bot.server.state.messages.get(messageId)?.embeds[0]?.footer?.text).toMatch(/Page 1\/3$/);
	});

	it('answers a press on expired state by greying the buttons and asking to run the command again', async () => {
		const { reply, messageId } = await openList();
		// Expiry as another replica or a restart would see it: the state is gone, no timer has fired.
		await container.cache.deleteByPrefix('ui.state.');
		const [update, notice] = await (await press(messageId, buttonId(reply.components, 'Suivant'))).waitForResponses(2);
		expect(buttonsOf(update!.components).every((button) => button.disabled)).toBe(true);
		expect(notice!.ephemeral).toBe(true);
		expect(notice!.embeds[0]?.title).toContain('Cette liste a expiré : relancez la commande.');
	});

	it('greys out the buttons by itself once the timeout passes, public or ephemeral', async () => {
		const shown = await openList({ timeout: 500 });
		const hidden = await openList({ timeout: 500, ephemeral: true });
		expect(hidden.reply.ephemeral).toBe(true);
		await eventually(() => storedButtons(shown.messageId).every((button) => button.disabled), 4_000);
		await eventually(() => storedButtons(hidden.messageId).every((button) => button.disabled), 4_000);
	});

	it('keeps a list alive while the member keeps paging', async () => {
		const kept = await openList({ timeout: 1_500 });
		// Opened just after, with the same timeout and left alone: once it greys out, the kept list's first deadline has passed.
		const left = await openList({ timeout: 1_500 });
		let page = kept.reply;
		while (!storedButtons(left.messageId).every((button) => button.disabled)) {
			const label = footerOf(page).match(/Page 1\//) ? 'Suivant' : 'Précédent';
			page = await (await press(kept.messageId, buttonId(page.components, label))).reply();
		}
		// Past the first deadline: the presses pushed it back.
		expect(storedButtons(kept.messageId).some((button) => !button.disabled)).toBe(true);
		expect(footerOf(await (await press(kept.messageId, buttonId(page.components, 'Suivant'))).reply())).toMatch(/Page [23]\/3$/);
	});

	it('runs a confirmed action once, for the requester only', async () => {
		const question = await (await bot.server.sendSlashCommand({ name: 'uikit-delete', options: { item: 'dalle B2' } })).reply();
		expect(question.embeds[0]?.title).toContain('Delete dalle B2?');
		const yes = buttonId(question.components, 'Confirmer');
		const refusal = await (await press(question.messageId!, yes, member('bob'))).reply();
		expect(refusal.ephemeral).toBe(true);

		const [, done] = await (await press(question.messageId!, yes)).waitForResponses(2);
		expect(done!.embeds[0]?.title).toContain('Deleted dalle B2');
		expect(done!.components).toEqual([]);
	});

	it('cancels without running the action', async () => {
		const question = await (await bot.server.sendSlashCommand({ name: 'uikit-delete', options: { item: 'dalle C3' } })).reply();
		const cancelled = await (await press(question.messageId!, buttonId(question.components, 'Annuler'))).reply();
		expect(cancelled.embeds[0]?.title).toContain('Action annulée');
		expect(cancelled.components).toEqual([]);
	});

	it('validates a form, explains what to fix in French or English, reopens it filled in, then submits', async () => {
		const opened = await (await bot.server.sendSlashCommand({ name: 'uikit-report' })).reply();
		const customId = opened.modal!.custom_id;
		expect(customId).toMatch(/^ui:form:[a-z0-9]+:submit$/);

		const refused = await (await bot.server.submitModal({ customId, fields: { title: 'ab', hours: 'beaucoup' } })).reply();
		expect(refused.ephemeral).toBe(true);
		expect(descriptionOf(refused.embeds[0])).toContain('• **Titre** : au moins 3 caractères');
		expect(descriptionOf(refused.embeds[0])).toContain('• **Heures** : doit être un nombre');

		const reopened = await (await press(refused.messageId!, buttonId(refused.components, 'Corriger le formulaire'))).reply();
		expect(JSON.stringify(reopened.modal)).toContain('"value":"beaucoup"');
		const done = await (await bot.server.submitModal({ customId, fields: { title: '@everyone Dalle', hours: '8' } })).reply();
		expect(done.content).toBe('report @\u200beveryone Dalle: 8 h, note none');
	});

	it('speaks English to a member whose Discord is in English', async () => {
		const opened = await (await bot.server.sendSlashCommand({ name: 'uikit-report', locale: 'en-US' })).reply();
		expect(JSON.stringify(opened.modal)).toContain('Site report');
		const refused = await (await bot.server.submitModal({ customId: opened.modal!.custom_id, fields: { title: 'Dalle', hours: '2.5' } })).reply();
		expect(descriptionOf(refused.embeds[0])).toContain('• **Hours**: must be a whole number');
		expect(buttonsOf(refused.components)[0]?.label).toBe('Fix the form');
	});

	it('passes allowedMentions on everything the kit sends', () => {
		type Body = { type?: number; data?: { allowed_mentions?: unknown; content?: string }; allowed_mentions?: unknown; content?: string };
		const kitCalls = bot.server.calls
			.map((call) => ({ call, body: (call.body ?? {}) as Body }))
			.filter(({ call }) => /\/interactions\/|\/webhooks\//.test(call.path) && call.method !== 'GET')
			.map(({ body }) => (body.type === undefined ? body : body.data))
			.filter((body): body is NonNullable<Body['data']> => body !== undefined && !['limited-ok', 'twice-ok'].includes(body.content ?? ''));
		expect(kitCalls.length).toBeGreaterThan(10);
		for (const body of kitCalls) {
			if ('custom_id' in body) continue; // a modal: no message, nothing to mention
			expect(body.allowed_mentions).toMatchObject({ parse: [] });
		}
	});

	it('rate-limits each member per command: the 11th run is refused with when to retry', async () => {
		const run = async (name: string, userId: string, locale?: string) =>
			(await bot.server.sendSlashCommand({ name, userId, ...(locale ? { locale } : {}) })).reply();
		for (let index = 0; index < 10; index += 1) expect((await run('uikit-limited', member('chloe'))).content).toBe('limited-ok');
		const refused = await run('uikit-limited', member('chloe'));
		expect(refused.ephemeral).toBe(true);
		const retry = /Réessayez <t:(\d+):R>\./.exec(descriptionOf(refused.embeds[0]));
		expect(retry).not.toBeNull();
		const retryInSeconds = Number(retry![1]) - Date.now() / 1000;
		expect(retryInSeconds).toBeGreaterThan(50);
		expect(retryInSeconds).toBeLessThanOrEqual(61);
		expect(descriptionOf((await run('uikit-limited', member('chloe'), 'en-US')).embeds[0])).toMatch(/Try again <t:\d+:R>\./);

		// Counted per command, with the command's own limit (2 per minute).
		expect((await run('uikit-twice', member('chloe'))).content).toBe('twice-ok');
		expect((await run('uikit-twice', member('chloe'))).content).toBe('twice-ok');
		expect((await run('uikit-twice', member('chloe'))).embeds[0]?.description).toMatch(/<t:\d+:R>/);
		// Another member has their own count; an administrator has none.
		expect((await run('uikit-twice', member('bob'))).content).toBe('twice-ok');
		for (let index = 0; index < 4; index += 1) expect((await run('uikit-twice', member('admin'))).content).toBe('twice-ok');
	});

	/**
	 * A real restart cannot run in one process: Sapphire registers its core listeners once per
	 * process (virtual pieces taken by the first client), so a second client never sees interactions.
	 * What a restart or another replica lacks is simulated: a new cache connection (nothing held in
	 * this process's memory) and the plugin's code loaded afresh (its renderers registered again).
	 */
	it.skipIf(!useRedis)('turns the page and runs a confirmation with only Redis remembering them', async () => {
		const list = await (await bot.server.sendSlashCommand({ name: 'uikit-list' })).reply();
		const second = await (await press(list.messageId!, buttonId(list.components, 'Suivant'))).reply();
		const question = await (await bot.server.sendSlashCommand({ name: 'uikit-delete', options: { item: 'dalle D4' } })).reply();

		const original = container.cache;
		container.cache = await createCache({ url: container.config.REDIS_URL, keyPrefix: `${container.config.REDIS_PREFIX}:` });
		try {
			const reloadsBefore = bot.monster.host.get('uikit')!.reloads;
			await bot.monster.host.load('uikit', { force: true });
			expect(bot.monster.host.get('uikit')!.reloads).toBe(reloadsBefore + 1);

			const third = await (await press(list.messageId!, buttonId(second.components, 'Suivant'))).reply();
			expect(footerOf(third)).toMatch(/Page 3\/3$/);
			expect(descriptionOf(third.embeds[0]).split('\n')).toEqual(['item-21', 'item-22', 'item-23']);
			const [, done] = await (await press(question.messageId!, buttonId(question.components, 'Confirmer'))).waitForResponses(2);
			expect(done!.embeds[0]?.title).toContain('Deleted dalle D4');
		} finally {
			await container.cache.close();
			container.cache = original;
		}
	});
});
