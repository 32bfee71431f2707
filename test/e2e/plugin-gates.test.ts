// A plugin switched off in a server must stay silent about other plugins' buttons and forms there.
import { container, Events, InteractionHandlerFilters, type InteractionHandler } from '@sapphire/framework';
import type { APIMessageTopLevelComponent, Interaction } from 'discord.js';
import { eq, like } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionHandle } from '../../emulator/types.ts';
import { messages } from '../../plugins/monitoring/schema.ts';
import { planning } from '../../plugins/planning/schema.ts';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

/** The plugins with buttons or forms of their own; team and admin are required and always on. */
const gated = ['tasks', 'planning', 'monitoring'] as const;
type Gated = (typeof gated)[number];

interface Button {
	custom_id?: string;
	label?: string;
}

const buttonId = (components: readonly APIMessageTopLevelComponent[] | undefined, label: string) => {
	const buttons = (components ?? []).flatMap((row) => ('components' in row ? (row.components as Button[]) : []));
	const button = buttons.find((candidate) => candidate.label === label);
	if (!button?.custom_id) throw new Error(`no "${label}" button among ${JSON.stringify(buttons.map((candidate) => candidate.label))}`);
	return button.custom_id;
};

interface Claims {
	interaction: Interaction;
	parsed: number;
	claimedBy: string[];
}

describe('a plugin switched off in a server leaves the other plugins’ buttons and forms alone', () => {
	let bot: TestBot;
	const member = (key: 'admin' | 'alice' | 'bob') => bot.server.guild.members[key]!;
	const guildId = () => bot.server.guild.id;
	const claims = new Map<string, Claims>();

	const slash = async (name: string, options: Record<string, string | number | boolean>, userId = member('alice')) =>
		(await bot.server.sendSlashCommand({ name, options, userId })).reply();
	const prefix = async (content: string, authorId = member('alice')) => {
		const sent = await bot.server.sendMessage({ content, authorId });
		return bot.server.waitForMessage((message) => message.message_reference?.message_id === sent.id);
	};
	const press = (messageId: string, customId: string, userId = member('alice')) => bot.server.clickButton({ messageId, customId, userId });

	/** The plugins whose handlers claimed an interaction, once every handler of its kind has parsed it. */
	const claimantsOf = (interactionId: string) =>
		eventually(() => {
			const entry = claims.get(interactionId);
			if (!entry) return undefined;
			const candidates = [...container.stores.get('interaction-handlers').values()].filter((handler) =>
				InteractionHandlerFilters.get(handler.interactionHandlerType)?.(entry.interaction)
			);
			return entry.parsed === candidates.length ? entry.claimedBy : undefined;
		});

	/**
	 * The member's press was answered by `plugin` alone (the UI kit's handlers belong to the core),
	 * with `count` responses and none of them a "switched off" notice or a failure.
	 */
	const answeredOnlyBy = async (handle: InteractionHandle, plugin: Gated | 'core', count = 1) => {
		const responses = await handle.waitForResponses(count);
		expect(await claimantsOf(handle.id)).toEqual([plugin]);
		const said = JSON.stringify(handle.responses.map((response) => [response.content, response.embeds]));
		expect(said).not.toMatch(/désactivé|a échoué/);
		expect(handle.responses).toHaveLength(count);
		return responses;
	};

	/** `keep` on, every other gated plugin off, in this server only, as an admin would do it. */
	const onlyOn = async (keep: Gated) => {
		for (const plugin of gated) {
			const action = plugin === keep ? 'enable' : 'disable';
			await (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: action, options: { plugin }, userId: member('admin') })).reply();
		}
		await eventually(() => gated.every((plugin) => bot.monster.host.isActive(plugin, guildId()) === (plugin === keep)));
		await bot.monster.commandSync.idle();
	};

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', ...gated] });
		for (const plugin of gated) {
			if (bot.monster.host.get(plugin)?.status !== 'active') throw new Error(`${plugin} did not load: ${bot.monster.host.get(plugin)?.error}`);
		}
		const record = (claimed: boolean) => (_result: unknown, payload: { interaction: Interaction; handler: InteractionHandler }) => {
			const entry = claims.get(payload.interaction.id) ?? { interaction: payload.interaction, parsed: 0, claimedBy: [] };
			entry.parsed += 1;
			if (claimed) entry.claimedBy.push(container.plugins.pluginOf(payload.handler) ?? 'core');
			claims.set(payload.interaction.id, entry);
		};
		container.client.on(Events.InteractionHandlerParseSome, record(true));
		container.client.on(Events.InteractionHandlerParseNone, record(false));
		container.client.on(Events.InteractionHandlerParseError, record(false));
	});
	afterAll(() => bot?.stop());

	it('tasks: the form button, the form, the list pager and the undo button, with planning and monitoring off', async () => {
		await onlyOn('tasks');
		const help = await prefix('!tache');
		const [opened] = await answeredOnlyBy(await press(help.id, buttonId(help.components as APIMessageTopLevelComponent[], 'Ouvrir le formulaire')), 'tasks');
		expect(opened!.modal?.title).toBe('Nouvelle tâche');
		const [created] = await answeredOnlyBy(await bot.server.submitModal({ customId: opened!.modal!.custom_id, userId: member('alice'), fields: { title: 'Gate form' } }), 'core');
		expect(created!.embeds[0]?.title).toBe('✅ Tâche créée : Gate form');

		for (let index = 1; index <= 9; index += 1) await prefix(`!tache Gate lot ${index}`);
		const list = await slash('taches', {});
		expect(list.embeds[0]?.footer?.text).toMatch(/Page 1\/\d+$/);
		const [second] = await answeredOnlyBy(await press(list.messageId!, buttonId(list.components, 'Suivant')), 'core');
		expect(second!.messageId).toBe(list.messageId);
		expect(second!.embeds[0]?.footer?.text).toMatch(/Page 2\/\d+$/);

		const done = await slash('done', { tache: 'Gate form' });
		expect(done.embeds[0]?.title).toBe('✅ Tâche terminée : Gate form');
		const [undone] = await answeredOnlyBy(await press(done.messageId!, buttonId(done.components, 'Annuler')), 'tasks');
		expect(undone!.embeds[0]?.title).toBe('ℹ️ Tâche rouverte : Gate form');
	});

	it('planning: week navigation, the edit button and form, and the overlap confirmation, with tasks and monitoring off', async () => {
		await onlyOn('planning');
		const monday = DateTime.now().setZone('Europe/Paris').startOf('week').plus({ weeks: 3 });
		const day = (days: number, hour: number) => monday.plus({ days }).set({ hour }).toFormat('yyyy-MM-dd HH:mm');
		await slash('planifier', { type: 'reunion', debut: day(8, 9), fin: '10h', note: 'Gate next week' });

		const week = await slash('monplanning', { date: monday.toFormat('yyyy-MM-dd') });
		expect(JSON.stringify(week.embeds)).not.toContain('Gate next week');
		const [next] = await answeredOnlyBy(await press(week.messageId!, buttonId(week.components, 'Semaine suivante')), 'planning');
		expect(next!.messageId).toBe(week.messageId);
		expect(JSON.stringify(next!.embeds)).toContain('Gate next week');

		const [entry] = await container.db.select().from(planning).where(eq(planning.note, 'Gate next week'));
		const withButton = await prefix(`!modifierplanning ${entry!.id.slice(0, 8)}`);
		const [opened] = await answeredOnlyBy(await press(withButton.id, buttonId(withButton.components as APIMessageTopLevelComponent[], 'Ouvrir le formulaire')), 'planning');
		expect(JSON.stringify(opened!.modal)).toContain('"value":"Gate next week"');
		const [edited] = await answeredOnlyBy(
			await bot.server.submitModal({ customId: opened!.modal!.custom_id, userId: member('alice'), fields: { type: 'reunion', debut: day(8, 9), fin: day(8, 11), chantier: '', note: 'Gate edited' } }),
			'core'
		);
		expect(edited!.embeds[0]?.title).toContain('Entrée modifiée');

		const overlap = await slash('planifier', { type: 'autre', debut: day(8, 10), fin: day(8, 12), note: 'Gate overlap' });
		expect(overlap.embeds[0]?.title).toContain('Chevauchement');
		const [, added] = await answeredOnlyBy(await press(overlap.messageId!, buttonId(overlap.components, 'Ajouter quand même')), 'core', 2);
		expect(added!.embeds[0]?.title).toContain('Entrée ajoutée au planning');
	});

	it('monitoring: the search pager, with tasks and planning off', async () => {
		await onlyOn('monitoring');
		for (let index = 1; index <= 27; index += 1) await bot.server.sendMessage({ content: `Gate parpaings ${index}` });
		await eventually(async () => (await container.db.select().from(messages).where(like(messages.content, 'Gate parpaings%'))).length === 27);
		const results = await slash('recherche', { texte: 'Gate parpaings' });
		expect(results.embeds[0]?.footer?.text).toMatch(/Page 1\/2$/);
		const [second] = await answeredOnlyBy(await press(results.messageId!, buttonId(results.components, 'Suivant')), 'core');
		// 10 results a page: the pager learns of a third page on the second.
		expect(second!.embeds[0]?.footer?.text).toMatch(/Page 2\/3$/);
	});
});
