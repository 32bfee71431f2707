// Members typed in prefix commands (and the team's list) come from the member cache, so junk names cannot use up the gateway's send budget.
import { container } from '@sapphire/framework';
import { GatewayOpcodes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';

describe('prefix commands resolve members from the cache first', () => {
	let bot: TestBot;
	let memberRequests = 0;
	const members = () => bot.server.guild.members;
	/** Types `!stats 7 <who>` as the administrator (whom the command rate limit spares) and returns the answer's embed. */
	const statsAnswer = async (who: string) => {
		const sent = await bot.server.sendMessage({ content: `!stats 7 ${who}`, authorId: members().admin! });
		return (await bot.server.waitForMessage((message) => message.message_reference?.message_id === sent.id)).embeds[0]!;
	};
	/** The title of `!stats 7 <who>`'s answer: whose figures it shows. */
	const statsTitle = async (who: string) => (await statsAnswer(who)).title;
	/** What `!stats 7 <who>` says of a name that designates nobody. */
	const nobodyNamed = (who: string) => `Aucun membre « ${who} » sur ce serveur : mentionnez-le avec @ ou tapez son nom.`;

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'tasks'] });
		bot.server.gateway.on('op', (payload: { op: number }) => {
			if (payload.op === GatewayOpcodes.RequestGuildMembers) memberRequests += 1;
		});
	});
	afterAll(() => bot?.stop());

	it('answers names that match nobody without asking the gateway', async () => {
		for (let attempt = 0; attempt < 6; attempt += 1) {
			// Nobody is named so: the command says so rather than showing its author's figures.
			expect((await statsAnswer('someone-who-does-not-exist')).description).toBe(nobodyNamed('someone-who-does-not-exist'));
		}
		expect(memberRequests).toBe(0);
	});

	it('still resolves mentions, ids, user names, global names, nicknames and unambiguous prefixes', async () => {
		expect(await statsTitle(`<@${members().bob}>`)).toBe('ℹ️ Activité de Bob Durand sur 7 jours');
		expect(await statsTitle(`<@!${members().alice}>`)).toBe('ℹ️ Activité d’Alice Martin sur 7 jours');
		expect(await statsTitle(members().bob!)).toBe('ℹ️ Activité de Bob Durand sur 7 jours');
		expect(await statsTitle('BOB')).toBe('ℹ️ Activité de Bob Durand sur 7 jours');
		expect(await statsTitle('"alice martin"')).toBe('ℹ️ Activité d’Alice Martin sur 7 jours');
		expect(await statsTitle('chloé')).toBe('ℹ️ Activité de Chloé sur 7 jours');
		expect(await statsTitle('chl')).toBe('ℹ️ Activité de Chloé sur 7 jours');
		expect(await statsTitle('bob#0001')).toBe('ℹ️ Activité de Bob Durand sur 7 jours');
		expect(memberRequests).toBe(0);
	});

	it('finds a task’s assignee typed as @name the same way', async () => {
		const task = async (content: string) => {
			const sent = await bot.server.sendMessage({ content, authorId: members().admin! });
			return (await bot.server.waitForMessage((message) => message.message_reference?.message_id === sent.id)).embeds[0]!;
		};
		for (let attempt = 0; attempt < 3; attempt += 1) {
			expect((await task('!tache Couler la dalle pour:@personne')).description).toContain('Aucun membre « personne »');
		}
		expect((await task('!tache Poser les plinthes pour:@chloé')).title).toBe('✅ Tâche créée : Poser les plinthes');
		expect(memberRequests).toBe(0);
	});

	it('lists the team’s presence from the cache, without a gateway request per !presence', async () => {
		for (let attempt = 0; attempt < 3; attempt += 1) {
			await bot.server.sendMessage({ content: '!presence', authorId: members().admin! });
			const answer = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('Présence') ?? false));
			expect(answer.embeds[0]?.description).toBe('2 en ligne · 0 occupé · 1 absent · 1 hors ligne');
		}
		expect(memberRequests).toBe(0);
	});

	it('fetches every member once when the cache lacks some, then answers from the cache', async () => {
		const guild = container.client.guilds.cache.get(bot.server.guild.id)!;
		// As in a server above 50 members, where Discord sends only part of the members at connection.
		guild.members.cache.delete(members().bob!);
		expect(await statsTitle('bob')).toBe('ℹ️ Activité de Bob Durand sur 7 jours');
		expect(memberRequests).toBe(1);
		guild.members.cache.delete(members().alice!);
		for (let attempt = 0; attempt < 3; attempt += 1) expect((await statsAnswer('nobody-at-all')).description).toBe(nobodyNamed('nobody-at-all'));
		// By id, a member missing from the cache is one REST call, not a gateway request.
		expect(await statsTitle(members().alice!)).toBe('ℹ️ Activité d’Alice Martin sur 7 jours');
		expect(memberRequests).toBe(1);
	});
});
