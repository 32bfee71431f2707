import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../../core/testing/bot.ts';
import { botConfig } from '../../core/db/schema.ts';
import { messages } from '../../plugins/monitoring/schema.ts';

describe('monitoring plugin: message log, search, activity statistics', () => {
	let bot: TestBot;
	const guild = () => bot.server.guild;
	const rowOf = async (messageId: string) => (await bot.database.db.select().from(messages).where(eq(messages.messageId, messageId)))[0];
	const slash = async (input: Parameters<TestBot['server']['sendSlashCommand']>[0]) => (await bot.server.sendSlashCommand(input)).reply();

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
	});

	it('!recherche and GET /api/messages/search give the same answer', async () => {
		await bot.server.sendMessage({ content: '!recherche jeudi client' });
		const prefixed = await bot.server.waitForMessage((message) => message.embeds.some((embed) => embed.title?.includes('jeudi client') ?? false));
		expect(prefixed.embeds[0]?.description).toContain('Moreau');

		const url = `${bot.monster.apiUrl}/messages/search?q=${encodeURIComponent('jeudi client')}&guild=${guild().id}&member=${guild().members.alice}`;
		const body = (await (await fetch(url)).json()) as { results: { content: string; url: string }[]; hasMore: boolean };
		expect(body.results[0]?.content).toContain('Moreau');
		expect(body.results[0]?.url).toMatch(/^https:\/\/discord\.com\/channels\//);
		const bad = await fetch(`${bot.monster.apiUrl}/messages/search?q=&guild=x`);
		expect(bad.status).toBe(400);
		expect(JSON.stringify(await bad.json())).toContain('guild');
	});

	it('rolls up activity for /stats and /résumé, and serves GET /api/stats', async () => {
		await bot.monster.scheduler.runNow('monitoring.roll-up');
		const stats = await slash({ name: 'stats', options: { jours: 7 } });
		expect(stats.embeds[0]?.fields).toEqual(expect.arrayContaining([{ name: 'Messages', value: expect.stringMatching(/^[1-9]\d*$/), inline: true }]));

		const handle = await bot.server.sendSlashCommand({ name: 'resume' });
		const [, summary] = await handle.waitForResponses(2);
		expect(summary!.embeds[0]?.fields?.find((field) => field.name === 'Messages')?.value).toMatch(/message\(s\) aujourd’hui/);
		expect(summary!.files).toEqual(['resume.png']);

		const totals = (await (await fetch(`${bot.monster.apiUrl}/stats`)).json()) as Record<string, unknown>;
		expect(Number(totals.messages_total ?? totals.messagesTotal)).toBeGreaterThan(0);
	});

	it('logs a channel without its text when its content logging is off, after a settings change and reload', async () => {
		await bot.database.db
			.insert(botConfig)
			.values({ key: 'plugins.monitoring.settings', value: { contentOffChannelIds: [guild().channels.logs] } })
			.onConflictDoUpdate({ target: botConfig.key, set: { value: { contentOffChannelIds: [guild().channels.logs] } } });
		await bot.monster.host.load('monitoring');
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
