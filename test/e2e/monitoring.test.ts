import { container } from '@sapphire/framework';
import { eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ChannelType, User, type APIMessageTopLevelComponent } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';
import { messages } from '../../plugins/monitoring/schema.ts';

/** The first chart of a process loads the chart libraries (loaded on first use, to spare memory). */
const chartTimeoutMs = 30_000;

const buttonId = (components: readonly APIMessageTopLevelComponent[] | undefined, label: string) => {
	const buttons = (components ?? []).flatMap((row) => ('components' in row ? (row.components as { custom_id?: string; label?: string }[]) : []));
	const id = buttons.find((button) => button.label === label)?.custom_id;
	if (!id) throw new Error(`no "${label}" button in ${JSON.stringify(components)}`);
	return id;
};

describe('monitoring plugin: message log, search, activity statistics', () => {
	let bot: TestBot;
	const guild = () => bot.server.guild;
	const rowOf = async (messageId: string) => (await bot.database.db.select().from(messages).where(eq(messages.messageId, messageId)))[0];
	const slash = async (input: Parameters<TestBot['server']['sendSlashCommand']>[0]) => (await bot.server.sendSlashCommand(input)).reply();
	const dmChannelOf = (userId: string) =>
		[...bot.server.state.channels.values()].find((channel) => channel.type === ChannelType.DM && channel.recipients?.includes(userId));
	/** What the bot wrote (created or edited) in the guild's channels since `from`, as text. */
	const guildTextSince = (from: number) =>
		bot.server.botMessages
			.slice(from)
			.filter((event) => event.message.guild_id !== undefined || bot.server.state.channels.get(event.message.channel_id)?.guild_id)
			.map((event) => JSON.stringify([event.message.content, event.message.embeds]))
			.join('\n');

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'monitoring'] });
	});
	afterAll(() => bot?.stop());

	it('records members’ messages, keeps edit history and marks deletions without erasing', async () => {
		const sent = await bot.server.sendMessage({ content: 'Livraison du béton prévue à 8h sur le chantier Dupont' });
		const row = await eventually(() => rowOf(sent.id));
		expect(row).toMatchObject({ guildId: guild().id, channelId: guild().channels.general, authorId: guild().members.alice, content: sent.content, deletedAt: null });

		await bot.server.editMessage(sent.id, 'Livraison du béton prévue à 9h sur le chantier Dupont');
		const edited = await eventually(async () => ((await rowOf(sent.id))?.editedAt ? rowOf(sent.id) : undefined));
		expect(edited?.content).toContain('9h');
		expect(JSON.stringify(edited?.metadata)).toContain('8h');

		await bot.server.deleteMessage(sent.id);
		const deleted = await eventually(async () => ((await rowOf(sent.id))?.deletedAt ? rowOf(sent.id) : undefined));
		expect(deleted?.content).toContain('9h');
	});

	it('does not record bot messages by default', async () => {
		const reply = await slash({ name: 'ping' });
		await bot.server.sendMessage({ content: 'after the bot spoke' });
		await eventually(async () => (await bot.database.db.select().from(messages)).some((row) => row.content === 'after the bot spoke'));
		expect(await rowOf(reply.messageId!)).toBeUndefined();
	});

	it('/recherche finds messages despite a typo, and never from a channel the member cannot read', async () => {
		await bot.server.sendMessage({ content: 'Réunion de chantier jeudi avec le client Moreau' });
		const secret = await bot.server.sendMessage({ content: 'Réunion budget confidentielle Moreau', channelId: guild().channels.adminOnly, authorId: guild().members.admin });
		await eventually(() => rowOf(secret.id));

		const alice = await slash({ name: 'recherche', options: { texte: 'Réunion Moreu' } });
		expect(alice.ephemeral).toBe(true);
		expect(alice.embeds[0]?.description).toContain('Réunion de chantier jeudi');
		expect(alice.embeds[0]?.description).not.toContain('confidentielle');

		const admin = await slash({ name: 'recherche', options: { texte: 'Réunion Moreu' }, userId: guild().members.admin });
		expect(admin.embeds[0]?.description).toContain('confidentielle');

		const onlyAdminChannel = await slash({ name: 'recherche', options: { texte: 'reunion', salon: guild().channels.adminOnly! } });
		expect(onlyAdminChannel.embeds[0]?.description).toContain('Aucun message');

		const badDate = await slash({ name: 'recherche', options: { texte: 'reunion', depuis: 'la semaine des quatre jeudis' } });
		expect(badDate.embeds[0]?.description).toContain('non comprise');
		const noSuchDate = await slash({ name: 'recherche', options: { texte: 'reunion', depuis: '31/02' } });
		expect(noSuchDate.embeds[0]?.description).toBe('La date « 31/02 » n’existe pas au calendrier.');
		const inEnglish = await slash({ name: 'recherche', options: { texte: 'reunion', depuis: '31/02' }, locale: 'en-US' });
		expect(inEnglish.embeds[0]?.description).toBe('The date "31/02" is not a day of the calendar.');
		const notUnderstood = await slash({ name: 'recherche', options: { texte: 'reunion', depuis: 'someday' }, locale: 'en-US' });
		expect(notUnderstood.embeds[0]?.description).toContain('not understood');
	});

	it('!recherche sends the results by direct message, never in the channel', async () => {
		const before = bot.server.botMessages.length;
		const sent = await bot.server.sendMessage({ content: '!recherche Moreau', authorId: guild().members.admin });
		const note = await bot.server.waitForMessage((message) => message.message_reference?.message_id === sent.id);
		expect(note.content).toBe('📬 Résultats envoyés en message privé.');
		expect(note.channel_id).toBe(guild().channels.general);

		const dm = dmChannelOf(guild().members.admin!);
		expect(dm?.recipients).toEqual([guild().members.admin]);
		const results = await eventually(() => bot.server.state.channelMessages(dm!.id).find((message) => message.embeds.some((embed) => embed.title?.includes('Moreau'))));
		expect(results.embeds[0]?.description).toContain('confidentielle');
		expect(bot.server.state.channelMessages(dm!.id).some((message) => message.content.includes('Résultats de votre recherche'))).toBe(true);
		// The admin can read the admin-only channel: none of that goes to #général.
		const inGuild = guildTextSince(before);
		expect(inGuild).not.toContain('confidentielle');
		expect(inGuild).not.toContain('Réunion');
	});

	it('turns the pages of a !recherche in the direct message, for the member who searched only', async () => {
		const batch = await Promise.all(Array.from({ length: 27 }, (_, index) => bot.server.sendMessage({ content: `Commande de parpaings numéro ${index + 1}` })));
		await eventually(async () => (await Promise.all(batch.map((message) => rowOf(message.id)))).every(Boolean));

		const before = bot.server.botMessages.length;
		const sent = await bot.server.sendMessage({ content: '!recherche parpaings' });
		await bot.server.waitForMessage((message) => message.message_reference?.message_id === sent.id);
		const dm = dmChannelOf(guild().members.alice!);
		const first = await eventually(() => bot.server.state.channelMessages(dm!.id).find((message) => message.embeds.some((embed) => embed.title?.includes('parpaings'))));
		expect(first.embeds[0]?.footer?.text).toMatch(/Page 1\/2$/);

		const second = await (await bot.server.clickButton({ messageId: first.id, customId: buttonId(first.components, 'Suivant'), userId: guild().members.alice })).reply();
		expect(second.type).toBe(7);
		// 27 results, 10 a page: a third page follows.
		expect(second.embeds[0]?.footer?.text).toMatch(/Page 2\/3$/);
		expect(second.embeds[0]?.description).toContain('parpaings');
		const back = await (await bot.server.clickButton({ messageId: first.id, customId: buttonId(second.components, 'Précédent'), userId: guild().members.alice })).reply();
		expect(back.embeds[0]?.footer?.text).toMatch(/Page 1\/2$/);

		const notYours = await (await bot.server.clickButton({ messageId: first.id, customId: buttonId(back.components, 'Suivant'), userId: guild().members.bob })).reply();
		expect(notYours.ephemeral).toBe(true);
		expect(JSON.stringify(notYours.embeds)).not.toContain('parpaings numéro');
		expect(guildTextSince(before)).not.toContain('parpaings numéro');
	});

	it('/recherche shows every result of a page whole, long messages and their links included', async () => {
		const batch = await Promise.all(
			Array.from({ length: 16 }, (_, index) => bot.server.sendMessage({ content: `Coffrage du voile ${index + 1} : ${'reprise des banches et contrôle de l’aplomb, '.repeat(4)}` }))
		);
		await eventually(async () => (await Promise.all(batch.map((message) => rowOf(message.id)))).every(Boolean));
		const first = await slash({ name: 'recherche', options: { texte: 'coffrage' } });
		const lines = (first.embeds[0]?.description ?? '').split('\n');
		expect(lines).toHaveLength(10);
		for (const line of lines) expect(line).toMatch(/— \[Coffrage du voile \d+ : .+\]\(https:\/\/discord\.com\/channels\/\d+\/\d+\/\d+\)$/);
		expect(first.embeds[0]?.footer?.text).toMatch(/Page 1\/2$/);
		const second = await (await bot.server.clickButton({ messageId: first.messageId!, customId: buttonId(first.components, 'Suivant'), userId: guild().members.alice })).reply();
		expect((second.embeds[0]?.description ?? '').split('\n')).toHaveLength(6);
	});

	it('!recherche with direct messages closed says so in the channel, and shows nothing', async () => {
		const refuse = vi.spyOn(User.prototype, 'send').mockRejectedValueOnce(new Error('Cannot send messages to this user'));
		try {
			const before = bot.server.botMessages.length;
			const sent = await bot.server.sendMessage({ content: '!recherche Moreau', authorId: guild().members.admin });
			const reply = await bot.server.waitForMessage((message) => message.message_reference?.message_id === sent.id);
			expect(refuse).toHaveBeenCalledTimes(1);
			expect(reply.embeds[0]?.title).toContain('Message privé impossible');
			expect(reply.embeds[0]?.description).toContain('/recherche');
			expect(guildTextSince(before)).not.toContain('confidentielle');
		} finally {
			refuse.mockRestore();
		}
	});

	it('GET /api/messages/search answers like /recherche', async () => {
		const slashed = await slash({ name: 'recherche', options: { texte: 'jeudi client' } });
		expect(slashed.embeds[0]?.description).toContain('Moreau');

		const url = `${bot.monster.apiUrl}/messages/search?q=${encodeURIComponent('jeudi client')}&guild=${guild().id}&member=${guild().members.alice}`;
		const body = (await (await fetch(url)).json()) as { results: { content: string; url: string }[]; hasMore: boolean };
		expect(body.results[0]?.content).toContain('Moreau');
		expect(body.results[0]?.url).toMatch(/^https:\/\/discord\.com\/channels\//);
		const bad = await fetch(`${bot.monster.apiUrl}/messages/search?q=&guild=x`);
		expect(bad.status).toBe(400);
		const { error, issues } = (await bad.json()) as { error: string; issues: { in: string; path: string; message: string }[] };
		expect(error).toBe('Invalid request');
		expect(issues.map((issue) => `${issue.in}:${issue.path}`)).toEqual(['query:q', 'query:guild', 'query:member']);
		// A caller who left `member` out is told what it is for, not that undefined is no string.
		expect(issues[2]!.message).toMatch(/^required: the Discord id of the member the search is made as/);
		// One server: the guild may be left out, as on every route.
		const withoutGuild = await fetch(`${bot.monster.apiUrl}/messages/search?q=${encodeURIComponent('jeudi client')}&member=${guild().members.alice}`);
		expect(((await withoutGuild.json()) as { results: { content: string }[] }).results[0]?.content).toContain('Moreau');
	});

	it('GET /api/messages/search pages newest first with the next value of the previous answer', async () => {
		const sent = [];
		for (const day of ['lundi', 'mardi', 'mercredi']) sent.push(await bot.server.sendMessage({ content: `Livraisons de plaques ${day}` }));
		const base = `${bot.monster.apiUrl}/messages/search?q=${encodeURIComponent('livraison plaque')}&guild=${guild().id}&member=${guild().members.alice}`;
		type Answer = { results: { messageId: string }[]; hasMore: boolean; match: string; next?: string };
		await eventually(async () => ((await (await fetch(base)).json()) as Answer).results.length === 3);
		const first = (await (await fetch(base)).json()) as Answer;
		expect(first).toMatchObject({ hasMore: false, match: 'words' });
		expect(first.results.map((result) => result.messageId)).toEqual(sent.map((message) => message.id).reverse());
		const bad = await fetch(`${base}&after=hier`);
		expect(bad.status).toBe(400);
	});

	it('/recherche depuis: and GET /api/messages/search since=YYYY-MM-DD read a day from its start in the server’s time zone, not TZ_DEFAULT’s or UTC’s', async () => {
		const timeZone = 'America/Montreal';
		// One message just after midnight on 15 January, one just before, both in the server's zone.
		const stamps = { after: '2026-01-15T00:30:00', before: '2026-01-14T23:30:00' };
		const instant = (local: string) => DateTime.fromISO(local, { zone: timeZone }).toJSDate();
		// Both are on the 15th in TZ_DEFAULT and in UTC: a day read there would let the second through.
		for (const other of [container.config.TZ_DEFAULT, 'UTC']) expect(DateTime.fromISO('2026-01-15', { zone: other }).toJSDate() <= instant(stamps.before)).toBe(true);
		for (const [word, local] of Object.entries(stamps)) {
			const sent = await bot.server.sendMessage({ content: `Inventaire chronologique ${word}` });
			await eventually(() => rowOf(sent.id));
			await bot.database.db.update(messages).set({ createdAt: instant(local) }).where(eq(messages.messageId, sent.id));
		}
		const search = async (since: string) => {
			const response = await fetch(`${bot.monster.apiUrl}/messages/search?q=${encodeURIComponent('inventaire chronologique')}&guild=${guild().id}&member=${guild().members.alice}&since=${since}`);
			expect(response.status).toBe(200);
			return ((await response.json()) as { results: { content: string }[] }).results.map((row) => row.content).sort();
		};
		await container.settings.set('core', container.coreSettings, 'timezone', timeZone, { guildId: guild().id, actor: 'test' });
		try {
			expect(await search('2026-01-14')).toEqual(['Inventaire chronologique after', 'Inventaire chronologique before']);
			expect(await search('2026-01-15')).toEqual(['Inventaire chronologique after']);
			expect(await search('2026-01-16')).toEqual([]);
			// An instant with its offset is taken as given.
			expect(await search(encodeURIComponent(DateTime.fromISO(stamps.before, { zone: timeZone }).toISO()!))).toEqual(['Inventaire chronologique after', 'Inventaire chronologique before']);
			const slashed = await slash({ name: 'recherche', options: { texte: 'inventaire chronologique', depuis: '15/01/2026' } });
			expect(slashed.embeds[0]?.description).toContain('Inventaire chronologique after');
			expect(slashed.embeds[0]?.description).not.toContain('Inventaire chronologique before');
		} finally {
			await container.settings.reset('core', container.coreSettings, 'timezone', { guildId: guild().id, actor: 'test' });
		}
	});

	it('GET /api/messages/search answers 404 for a guild that switched monitoring off', async () => {
		const url = `${bot.monster.apiUrl}/messages/search?q=${encodeURIComponent('jeudi client')}&guild=${guild().id}&member=${guild().members.alice}`;
		await bot.monster.host.setEnabled('monitoring', false, { guildId: guild().id, actor: 'test' });
		try {
			const off = await fetch(url);
			expect(off.status).toBe(404);
			expect(await off.json()).toEqual({ error: 'Not Found' });
			// Still validated first.
			expect((await fetch(`${bot.monster.apiUrl}/messages/search?q=&guild=${guild().id}`)).status).toBe(400);
		} finally {
			await bot.monster.host.setEnabled('monitoring', true, { guildId: guild().id, actor: 'test' });
		}
		expect((await fetch(url)).status).toBe(200);
	});

	it('rolls up activity for /stats and /résumé, and serves GET /api/stats', async () => {
		await bot.monster.scheduler.runNow('monitoring.roll-up');
		const stats = await slash({ name: 'stats', options: { jours: 7 } });
		expect(stats.embeds[0]?.fields).toEqual(expect.arrayContaining([{ name: 'Messages', value: expect.stringMatching(/^[1-9]\d*$/), inline: true }]));
		expect(stats.embeds[0]?.fields).toEqual(expect.arrayContaining([{ name: 'Temps actif', value: expect.stringMatching(/^\d+ h \d\d$/), inline: true }]));
		const english = await slash({ name: 'stats', options: { jours: 7 }, locale: 'en-US' });
		expect(english.embeds[0]?.fields).toEqual(expect.arrayContaining([{ name: 'Active time', value: expect.stringMatching(/^\d+ h \d\d min$/), inline: true }]));

		const handle = await bot.server.sendSlashCommand({ name: 'resume' });
		const [, summary] = await handle.waitForResponses(2, chartTimeoutMs);
		expect(summary!.embeds[0]?.fields?.find((field) => field.name === 'Messages')?.value).toMatch(/^(1 message|\d+ messages) aujourd’hui, par (1 membre|\d+ membres)\n/m);
		expect(summary!.files).toEqual(['resume.png']);

		const totals = (await (await fetch(`${bot.monster.apiUrl}/stats`)).json()) as Record<string, unknown>;
		expect(Number(totals.messages_total ?? totals.messagesTotal)).toBeGreaterThan(0);
	});

	it('counts a member in the active members of GET /stats from their first message, before the roll-up', async () => {
		const active = async () => ((await (await fetch(`${bot.monster.apiUrl}/stats`)).json()) as { activeMembers7d: number }).activeMembers7d;
		const before = await active();
		await bot.server.sendMessage({ content: 'Premier message de Chloé', authorId: guild().members.chloe });
		await eventually(async () => (await active()) === before + 1);
		// Her second message and the next roll-up count her once.
		const again = await bot.server.sendMessage({ content: 'Deuxième message de Chloé', authorId: guild().members.chloe });
		await eventually(() => rowOf(again.id));
		await bot.monster.scheduler.runNow('monitoring.roll-up');
		expect(await active()).toBe(before + 1);
	});

	it('serves GET /stats from the figures cache until a write to what it sums commits, by any path', async () => {
		const totals = async () => (await (await fetch(`${bot.monster.apiUrl}/stats`)).json()) as { openTasks: number };
		const before = await totals();
		const computed = container.figures.computations;
		expect(await totals()).toEqual(before);
		expect(container.figures.computations).toBe(computed);
		await bot.database.db.execute(sql`insert into tasks (guild_id, title, creator_id) values (${guild().id}, 'Écrite hors du bot', 'u')`);
		await vi.waitFor(async () => expect((await totals()).openTasks).toBe(before.openTasks + 1));
	});

	it('logs a channel without its text once its content logging is off, without a reload', async () => {
		const schema = bot.monster.host.get('monitoring')!.manifest!.settings!;
		await container.settings.set('monitoring', schema, 'contentOffChannelIds', [guild().channels.logs], { guildId: guild().id, actor: 'test' });
		const sent = await bot.server.sendMessage({ content: 'numéro de carte 1234', channelId: guild().channels.logs });
		const row = await eventually(() => rowOf(sent.id));
		expect(row?.content).toBeNull();
	});

	it('stops recording while switched off, and loses nothing written before', async () => {
		await bot.monster.host.setEnabled('monitoring', false, { guildId: guild().id, actor: 'test' });
		const unseen = await bot.server.sendMessage({ content: 'pendant la pause' });
		// Gateway events arrive in order: once !ping is answered, the message before it was handled.
		await bot.server.sendMessage({ content: '!ping', authorId: guild().members.admin });
		await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('Pong') ?? false));
		await bot.monster.host.setEnabled('monitoring', true, { guildId: guild().id, actor: 'test' });
		const seen = await bot.server.sendMessage({ content: 'après la pause' });
		await eventually(() => rowOf(seen.id));
		expect(await rowOf(unseen.id)).toBeUndefined();
	});
});

describe('search without accents', () => {
	let bot: TestBot;
	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'monitoring'] });
	});
	afterAll(() => bot?.stop());

	it('finds "béton" when the member types "beton", and "oeuvre" for "œuvre"', async () => {
		const sent = await bot.server.sendMessage({ content: 'Coulage du béton, main-d’œuvre prévue jeudi' });
		await eventually(async () => (await bot.database.db.select().from(messages).where(eq(messages.messageId, sent.id))).length === 1);
		const reply = await (await bot.server.sendSlashCommand({ name: 'recherche', options: { texte: 'beton oeuvre' } })).reply();
		expect(reply.embeds[0]?.description).toContain('Coulage du béton');
	});
});
